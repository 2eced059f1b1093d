import { ReperesError } from './reperes-error.ts';

/** Who asked is known, but may not do this (not a coordinator, a shipped guide…); the message says why. */
export class ForbiddenError extends ReperesError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message);
  }
}
