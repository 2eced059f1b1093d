/**
 * The boundary with sign-in: who is writing. The auth middleware (the app's
 * `requireCoordinator` dependency) sets it on `res.locals.coordinator`, from a session or
 * an API token; the write routes read it and make it the author of the commit.
 */
export interface Coordinator {
  name: string;
  email: string;
}
