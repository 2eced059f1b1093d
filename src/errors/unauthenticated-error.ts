import { ReperesError } from './reperes-error.ts';

/** A write came without credentials, or with a token or session that is no longer valid. */
export class UnauthenticatedError extends ReperesError {
  override name = 'UnauthenticatedError';
  constructor(message = 'Connectez-vous, ou envoyez un jeton d’API, pour faire cette action.') {
    super('unauthenticated', message);
  }
}
