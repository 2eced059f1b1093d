import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';
import { isLoopbackHost } from './oidc-sign-in.ts';

/**
 * The sign-in of a fresh install: no OIDC provider is configured and the service listens
 * on this machine only, so whoever can open the link printed by `npm start` already runs
 * the service. The link works once; the account is a local coordinator.
 */

export const localCoordinator = {
  name: 'Coordination locale',
  email: 'coordination@localhost',
} as const;

export interface LocalSignIn {
  /** A new one-time link (the previous one stops working). */
  issue: (baseUrl: string) => string;
  /** Whether the code is the current one; if so, it is used up. */
  consume: (code: string) => boolean;
}

/** Whether the local sign-in may exist: no OIDC, and listening on loopback only. */
export function localSignInAllowed(
  config: Pick<Config, 'host'> & { auth: Pick<Config['auth'], 'oidc'> },
): boolean {
  return config.auth.oidc === undefined && isLoopbackHost(config.host);
}

export function createLocalSignIn(): LocalSignIn {
  let current: Buffer | undefined;
  return {
    issue: (baseUrl) => {
      const code = randomBytes(32).toString('base64url');
      current = Buffer.from(code);
      return new URL(`/connexion/locale?code=${code}`, baseUrl).toString();
    },
    consume: (code) => {
      const given = Buffer.from(code);
      if (current === undefined || given.length !== current.length) return false;
      if (!timingSafeEqual(given, current)) return false;
      current = undefined;
      return true;
    },
  };
}
