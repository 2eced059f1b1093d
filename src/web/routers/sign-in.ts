import { Router, type Request, type Response } from 'express';
import { h } from 'preact';
import type { Logger } from 'pino';
import { clientRateLimit } from '../../http/rate-limit.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { SignInPage } from '../pages/sign-in.tsx';
import { sendPage } from '../render.ts';
import { NotFoundError } from '../../errors.ts';
import { safeReturnPath, type Auth } from '../../auth/auth.ts';
import { localCoordinator } from '../../auth/local-sign-in.ts';

/**
 * The sign-in routes: `/connexion` (the page), `/connexion/proconnect` (to the provider),
 * `/connexion/retour` (back from it), `/connexion/locale` (the one-time local link) and
 * `POST /deconnexion`. Every `/connexion` address is rate-limited per client.
 */
export function authRouter(deps: PageConfigDeps & { auth: Auth; logger: Logger }): Router {
  const { auth } = deps;
  const { oidc, localSignIn } = auth.deps;
  const router = Router();
  router.use('/connexion', clientRateLimit(auth.deps.config.auth.signInRateLimitPerMinute));

  const page = (
    req: Request,
    res: Response,
    options: { back: string; error?: string; status?: number },
  ) => {
    sendPage(
      res,
      h(SignInPage, {
        context: pageContext(deps, req),
        oidc: oidc !== undefined,
        local: localSignIn !== undefined,
        back: options.back,
        ...(options.error === undefined ? {} : { error: options.error }),
      }),
      options.status ?? (options.error === undefined ? 200 : 400),
    );
  };

  router.get('/connexion', (req, res) => {
    page(req, res, { back: safeReturnPath(req.query.retour) });
  });

  router.get('/connexion/proconnect', async (req, res) => {
    if (oidc === undefined)
      throw new NotFoundError('La connexion ProConnect n’est pas configurée.');
    let login;
    try {
      login = await oidc.start();
    } catch (error) {
      // The provider's metadata could not be read: say so, and try again next time.
      deps.logger.error({ err: error }, 'identity provider unreachable');
      page(req, res, {
        back: safeReturnPath(req.query.retour),
        error: 'Le service d’identité ne répond pas : réessayez dans quelques instants.',
        status: 503,
      });
      return;
    }
    const { url, state, nonce, verifier } = login;
    auth.sessions.writePending(res, {
      state,
      nonce,
      verifier,
      back: safeReturnPath(req.query.retour),
    });
    res.redirect(303, url.toString());
  });

  router.get('/connexion/retour', async (req, res) => {
    if (oidc === undefined)
      throw new NotFoundError('La connexion ProConnect n’est pas configurée.');
    const pending = auth.sessions.readPending(req);
    auth.sessions.clearPending(res);
    if (pending === undefined) {
      page(req, res, {
        back: '/',
        error:
          'Cette connexion n’a pas été commencée dans ce navigateur, ou a expiré : recommencez.',
      });
      return;
    }
    const query = new URL(req.originalUrl, 'http://localhost').search;
    try {
      const who = await oidc.finish(query, pending);
      auth.sessions.write(res, { ...who, via: 'oidc' });
      deps.logger.info({ email: who.email }, 'signed in');
      res.redirect(303, pending.back);
    } catch (error) {
      // Refused: a state or nonce that does not match, a code already used, the provider's error.
      deps.logger.warn({ err: error }, 'sign-in refused');
      page(req, res, {
        back: pending.back,
        error: 'Le fournisseur d’identité n’a pas confirmé cette connexion : recommencez.',
      });
    }
  });

  router.get('/connexion/locale', (req, res) => {
    if (localSignIn === undefined) throw new NotFoundError();
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (!localSignIn.consume(code)) {
      page(req, res, {
        back: '/',
        error:
          'Ce lien de connexion a déjà servi ou n’est pas le bon : redémarrez le service pour en obtenir un nouveau.',
      });
      return;
    }
    auth.sessions.write(res, { ...localCoordinator, via: 'local' });
    deps.logger.info('signed in with the local link');
    res.redirect(303, '/coordination');
  });

  // The anti-forgery check ran in the auth middleware, before this route.
  router.post('/deconnexion', (_req, res) => {
    auth.sessions.clear(res);
    res.redirect(303, '/');
  });

  return router;
}
