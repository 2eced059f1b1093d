import { ReperesError } from './reperes-error.ts';

/** A new item asked for a slug another one already has (a parcours created twice). */
export class SlugTakenError extends ReperesError {
  override name = 'SlugTakenError';
  constructor(message: string) {
    super('slug_taken', message);
  }
}
