import { ReperesError } from './reperes-error.ts';

/** What was asked for does not exist (a resource, its original file, an address). */
export class NotFoundError extends ReperesError {
  override name = 'NotFoundError';
  constructor(
    message = "Cette ressource n'existe pas.",
    code: 'not_found' | 'file_missing' = 'not_found',
  ) {
    super(code, message);
  }
}
