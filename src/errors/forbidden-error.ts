import { ReperesError } from './reperes-error.ts';

/** The requester is known but may not do this (not a coordinator, a shipped guide…). */
export class ForbiddenError extends ReperesError {
  override name = 'ForbiddenError';
  constructor(message = 'Vous n’avez pas le droit de faire cette action.') {
    super('forbidden', message);
  }
}
