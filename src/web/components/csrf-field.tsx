import { CSRF_FIELD } from '../../auth/csrf.ts';

/** The hidden anti-forgery field every form of a signed-in person carries. */
export function CsrfField({ token }: { token: string | undefined }) {
  return token === undefined ? null : <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/**
 * The action of an upload form (multipart, read by the route itself) with the token in
 * its query: the anti-forgery check runs before the body is read.
 * @param action the form's address
 * @param token the page's token
 */
export function csrfAction(action: string, token: string | undefined): string {
  if (token === undefined) return action;
  return `${action}${action.includes('?') ? '&' : '?'}${CSRF_FIELD}=${encodeURIComponent(token)}`;
}
