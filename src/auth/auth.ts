import cookieParser from 'cookie-parser';
import { createHmac } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import type { AuthConfig, Config } from '../config.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { ApiTokens } from './api-tokens.ts';
import type { AllowList } from './coordinators.ts';
import { createCsrf, hasBearer } from './csrf.ts';
import type { LocalSignIn } from './local-sign-in.ts';
import type { OidcSignIn } from './oidc-sign-in.ts';
import { sessionCookies, type Session, type SessionCookies } from './session.ts';
import './locals.ts';

/** Who is signed in, and what they may do: the one place that knows how. */

export interface AuthDeps {
  config: Pick<Config, 'publicUrl' | 'maxFileBytes'> & { auth: AuthConfig };
  /** Signs session cookies and anti-forgery tokens. */
  secret: string;
  allowList: AllowList;
  tokens: ApiTokens;
  /** ProConnect; absent when OIDC is not configured. */
  oidc?: OidcSignIn;
  /** The one-time local link; present only without OIDC on a loopback-only service. */
  localSignIn?: LocalSignIn;
  now?: () => Date;
}

export interface Auth {
  deps: AuthDeps;
  sessions: SessionCookies;
  /** Cookies, who is signed in, and the anti-forgery check: before every router. */
  middleware: Router;
  /**
   * Lets through coordinators only, and sets `res.locals.coordinator`. A script's
   * `Authorization: Bearer` token, else the session cookie. Without either: 401
   * `unauthenticated` on /api, a redirect to /connexion for pages; someone who is not a
   * coordinator: 403 `forbidden`.
   */
  requireCoordinator: () => RequestHandler;
}

export function createAuth(deps: AuthDeps): Auth {
  const secure = deps.config.publicUrl?.startsWith('https:') ?? false;
  const sessions = sessionCookies({
    secure,
    hours: deps.config.auth.sessionHours,
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const validSession = (req: Request): Session | undefined => {
    const session = sessions.read(req);
    // A local session means nothing once the service is exposed or OIDC configured.
    if (session?.via === 'local' && deps.localSignIn === undefined) return undefined;
    return session;
  };
  const csrf = createCsrf({
    // Its own key, derived: a CSRF token never doubles as a cookie signature.
    secret: createHmac('sha256', deps.secret).update('csrf').digest('base64url'),
    secure,
    maxBodyBytes: deps.config.maxFileBytes,
    session: (req) => req.res?.locals.session,
  });
  const isCoordinator = (who: { email: string; via?: Session['via'] }): boolean =>
    who.via === 'local' || deps.allowList.includes(who.email);

  const middleware = Router();
  middleware.use(cookieParser(deps.secret));
  middleware.use((req, res, next) => {
    res.locals.signInAvailable = true;
    const session = validSession(req);
    if (session !== undefined) {
      res.locals.session = session;
      res.locals.user = {
        name: session.name,
        email: session.email,
        coordinator: isCoordinator(session),
      };
      res.locals.csrfToken = () => csrf.token(req, res);
    }
    next();
  });
  middleware.use(csrf.guard);

  const requireCoordinator = (): RequestHandler => async (req, res, next) => {
    const api = isApiPath(req.originalUrl);
    if (hasBearer(req)) {
      const token = (req.get('authorization') ?? '').replace(/^Bearer\s+/i, '').trim();
      const owner = await deps.tokens.verify(token);
      if (owner === undefined) {
        res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
        throw new UnauthenticatedError('Ce jeton d’API est inconnu ou a été révoqué.');
      }
      if (!isCoordinator(owner)) throw notCoordinator(owner.email);
      res.locals.coordinator = { name: owner.name, email: owner.email };
      next();
      return;
    }
    const user = res.locals.user;
    if (user === undefined) {
      if (!api) {
        res.redirect(303, `/connexion?retour=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      res.set('WWW-Authenticate', 'Bearer');
      throw new UnauthenticatedError();
    }
    if (!user.coordinator) throw notCoordinator(user.email);
    res.locals.coordinator = { name: user.name, email: user.email };
    next();
  };

  return { deps, sessions, middleware, requireCoordinator };
}

function notCoordinator(email: string): ForbiddenError {
  return new ForbiddenError(
    `Le compte ${email} n’est pas dans la liste des coordinateurs de Repères : demandez à l’équipe du programme de vous y ajouter.`,
  );
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** Where to go after signing in: a path of this site only (never `//host` or a URL). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  // A backslash or a control character could turn into `//host` in a browser.
  if ([...value].some((char) => char === '\\' || char.charCodeAt(0) < 0x20)) return '/';
  return value;
}
