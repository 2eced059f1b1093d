import { ReperesError } from './reperes-error.ts';

/** The address exists, but not for this method (a POST to a page that can only be read). */
export class MethodNotAllowedError extends ReperesError {
  override name = 'MethodNotAllowedError';
  constructor(
    readonly method: string,
    /** The methods the address answers, for the `Allow` header. */
    readonly allow: string[],
  ) {
    super(
      'method_not_allowed',
      `La méthode ${method} n'est pas acceptée à cette adresse (méthodes acceptées : ${allow.join(', ')}).`,
    );
  }
}
