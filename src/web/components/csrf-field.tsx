import { CSRF_FIELD } from '../../auth/csrf.ts';

/** The hidden anti-forgery field every form of a signed-in person carries. */
export function CsrfField({ token }: { token: string | undefined }) {
  return token === undefined ? null : <input type="hidden" name={CSRF_FIELD} value={token} />;
}
