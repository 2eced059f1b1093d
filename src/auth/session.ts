import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';

/**
 * Sessions kept whole in a signed cookie (cookie-parser signs with the session secret):
 * nothing is stored on the server, so a session survives a restart and is understood by
 * every instance that shares the secret. A tampered cookie fails its signature and is
 * ignored; an expired one too.
 */

const sessionPayload = z.object({
  /** Random per sign-in: what CSRF tokens are bound to. */
  sid: z.string(),
  name: z.string(),
  email: z.string(),
  /** How the person signed in: ProConnect, or the local one-time link. */
  via: z.enum(['oidc', 'local']),
  /** Expiry, in milliseconds since the epoch. */
  exp: z.number(),
});
export type Session = z.infer<typeof sessionPayload>;

/** The login under way, between the redirect to the provider and its return. */
const pendingPayload = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  /** Where to go once signed in: a path of this site. */
  back: z.string(),
  exp: z.number(),
});
export type PendingLogin = z.infer<typeof pendingPayload>;

export interface SessionCookies {
  read: (req: Request) => Session | undefined;
  write: (res: Response, who: Pick<Session, 'name' | 'email' | 'via'>) => Session;
  clear: (res: Response) => void;
  readPending: (req: Request) => PendingLogin | undefined;
  writePending: (res: Response, pending: Omit<PendingLogin, 'exp'>) => void;
  clearPending: (res: Response) => void;
}

const PENDING_MINUTES = 10;

/**
 * Reads and writes the session and pending-login cookies (needs cookie-parser with the secret).
 * @param options `secure` behind HTTPS; `hours` a session lasts; the clock
 */
export function sessionCookies(options: {
  secure: boolean;
  hours: number;
  now?: () => Date;
}): SessionCookies {
  const now = options.now ?? (() => new Date());
  // `__Host-`: the browser refuses the cookie unless Secure, path=/, and no Domain.
  const sessionName = options.secure ? '__Host-reperes-session' : 'reperes-session';
  const pendingName = options.secure ? '__Secure-reperes-connexion' : 'reperes-connexion';
  const base: CookieOptions = {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'lax',
    signed: true,
  };
  const pendingOptions: CookieOptions = { ...base, path: '/connexion' };

  const parse = <T>(schema: z.ZodType<T & { exp: number }>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    if (!parsed.success || parsed.data.exp <= now().getTime()) return undefined;
    return parsed.data;
  };

  return {
    read: (req) => parse(sessionPayload, signedCookie(req, sessionName)),
    write: (res, who) => {
      const maxAge = options.hours * 3_600_000;
      const session: Session = {
        sid: randomBytes(16).toString('base64url'),
        name: who.name,
        email: who.email,
        via: who.via,
        exp: now().getTime() + maxAge,
      };
      res.cookie(sessionName, session, { ...base, path: '/', maxAge });
      return session;
    },
    clear: (res) => {
      res.clearCookie(sessionName, { ...base, path: '/' });
    },
    readPending: (req) => parse(pendingPayload, signedCookie(req, pendingName)),
    writePending: (res, pending) => {
      const maxAge = PENDING_MINUTES * 60_000;
      res.cookie(
        pendingName,
        { ...pending, exp: now().getTime() + maxAge },
        {
          ...pendingOptions,
          maxAge,
        },
      );
    },
    clearPending: (res) => {
      res.clearCookie(pendingName, pendingOptions);
    },
  };
}

function signedCookie(req: Request, name: string): unknown {
  const cookies = req.signedCookies as Record<string, unknown> | undefined;
  return cookies?.[name];
}
