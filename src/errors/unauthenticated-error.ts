import { ReperesError } from './reperes-error.ts';

/** A write or a coordinators' route was asked without credentials (no session, no token). */
export class UnauthenticatedError extends ReperesError {
  override name = 'UnauthenticatedError';
  constructor(
    message = 'Connectez-vous avec un compte de coordination (ou un jeton d’API) pour faire cette action.',
  ) {
    super('unauthenticated', message);
  }
}
