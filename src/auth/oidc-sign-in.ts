import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';

/**
 * Sign-in with ProConnect (or any OpenID Connect provider) through openid-client:
 * authorization code with PKCE (S256), and the `state` and `nonce` checked on return.
 */

export interface OidcSignIn {
  /** The provider's address to send the browser to, and what to keep until it comes back. */
  start: () => Promise<{ url: URL; state: string; nonce: string; verifier: string }>;
  /**
   * Exchanges the code of the return address for the person's name and e-mail.
   * @param query the query string of the return request (`?code=…&state=…`)
   * @param expected what `start` gave
   */
  finish: (
    query: string,
    expected: { state: string; nonce: string; verifier: string },
  ) => Promise<{ name: string; email: string }>;
}

/** The provider's metadata is fetched on first use and kept; a failure is tried again next time. */
export function oidcSignIn(config: OidcConfig): OidcSignIn {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        client.ClientSecretBasic(config.clientSecret),
        // Plain http only for a provider on this machine (development, tests).
        isLocalHttp(config.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    start: async () => {
      const server = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(server, {
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, verifier };
    },
    finish: async (query, expected) => {
      const server = await configuration();
      // The return address as registered, with the provider's parameters: never the Host
      // header, which the client chooses.
      const current = new URL(config.redirectUri);
      current.search = query;
      const tokens = await client.authorizationCodeGrant(server, current, {
        pkceCodeVerifier: expected.verifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new Error('the provider sent no ID token');
      // ProConnect gives the identity in userinfo (a signed JWT, checked by openid-client).
      const info = await client.fetchUserInfo(server, tokens.access_token, claims.sub);
      const email = stringClaim(info.email) ?? stringClaim(claims.email);
      if (email === undefined) throw new Error('the provider sent no e-mail address');
      const given = stringClaim(info.given_name) ?? stringClaim(claims.given_name);
      const family =
        stringClaim(info.usual_name) ??
        stringClaim(info.family_name) ??
        stringClaim(claims.usual_name) ??
        stringClaim(claims.family_name);
      const name =
        [given, family].filter((part) => part !== undefined).join(' ') ||
        (stringClaim(info.name) ?? email);
      return { name, email: email.toLowerCase() };
    },
  };
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isLocalHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** Whether a host name or address only ever reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}
