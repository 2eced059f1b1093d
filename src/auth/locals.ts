import type { Session } from './session.ts';

/** What the auth middleware tells the rest of the app about a request (`res.locals`). */

/** A signed-in person, as the header shows them. */
export interface SignedInUser {
  name: string;
  email: string;
  /** On the allow-list (or the local coordinator): may publish. */
  coordinator: boolean;
}

/** The author of a write: set by `requireCoordinator` on the routes it guards. */
export interface Coordinator {
  name: string;
  email: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The session of the cookie, when valid. */
      session?: Session;
      /** Who is signed in (session cookie), for the header. */
      user?: SignedInUser;
      /** Set by `requireCoordinator`: who writes. */
      coordinator?: Coordinator;
      /** This request's anti-forgery token for its forms (set for signed-in people). */
      csrfToken?: () => string;
      /** Whether the sign-in pages exist (auth wired). */
      signInAvailable?: boolean;
    }
  }
}
