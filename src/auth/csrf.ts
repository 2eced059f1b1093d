import express, { type Request, type RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { CsrfError } from '../errors.ts';
import type { Session } from './session.ts';

/**
 * Anti-forgery tokens (csrf-csrf, double submit): a cookie holds an HMAC of a random
 * value and of the session's id, and every form of a signed-in person sends it back.
 * Forms send it in the `_csrf` field (urlencoded) or, for file uploads (multipart,
 * whose body is read later by the route), in the `_csrf` query parameter of the form's
 * action; scripts send the `X-CSRF-Token` header.
 */

export interface Csrf {
  /** Checks every state-changing request that a session cookie authenticates. */
  guard: RequestHandler;
  /** This request's token, for its forms (sets the cookie when needed). */
  token: (req: Request, res: Parameters<RequestHandler>[1]) => string;
}

/** POST routes that act for nobody in particular (sendBeacon cannot send a token). */
const anonymousPosts = new Set(['/api/events']);

/** The name of the form field, and of the query parameter for uploads. */
export const CSRF_FIELD = '_csrf';

/**
 * @param options the key, HTTPS or not, the largest form body accepted, and how to find
 *   the request's session
 */
export function createCsrf(options: {
  secret: string;
  secure: boolean;
  maxBodyBytes: number;
  session: (req: Request) => Session | undefined;
}): Csrf {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (req) => options.session(req)?.sid ?? '',
    cookieName: options.secure ? '__Host-reperes-csrf' : 'reperes-csrf',
    cookieOptions: { sameSite: 'strict', path: '/', secure: options.secure, httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      // One place per kind of request, never a fallback from one to the other.
      if (req.is('application/x-www-form-urlencoded')) return formField(req.body);
      if (req.is('multipart/form-data')) return queryField(req.query[CSRF_FIELD]);
      return req.get('x-csrf-token');
    },
  });
  const parseForm = express.urlencoded({ extended: false, limit: options.maxBodyBytes });

  const guard: RequestHandler = (req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    // A script's bearer token is no ambient credential: a forged request cannot carry it,
    // and the routes then ignore the session.
    if (hasBearer(req)) return next();
    // Anonymous by design (click beacons): a session changes nothing there, so nothing to forge.
    if (req.method === 'POST' && anonymousPosts.has(req.path)) return next();
    // Without a session, nothing authenticates the request: there is nothing to forge.
    if (options.session(req) === undefined) return next();
    const check = (): void => {
      next(validateRequest(req) ? undefined : new CsrfError());
    };
    if (req.is('application/x-www-form-urlencoded'))
      parseForm(req, res, (error?: unknown) => {
        if (error !== undefined) return next(error);
        check();
      });
    else check();
  };

  return { guard, token: (req, res) => generateCsrfToken(req, res) };
}

/** Whether the request carries `Authorization: Bearer …`. */
export function hasBearer(req: Request): boolean {
  return /^Bearer\s/i.test(req.get('authorization') ?? '');
}

function formField(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !(CSRF_FIELD in body)) return undefined;
  const value = (body as Record<string, unknown>)[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

function queryField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
