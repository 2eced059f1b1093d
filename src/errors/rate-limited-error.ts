import { ReperesError } from './reperes-error.ts';

/** One client sent more requests than its share. */
export class RateLimitedError extends ReperesError {
  override name = 'RateLimitedError';
  constructor() {
    super('rate_limited', 'Trop de requêtes en une minute. Réessayez dans quelques instants.');
  }
}
