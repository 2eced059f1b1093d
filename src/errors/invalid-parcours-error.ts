import { ReperesError } from './reperes-error.ts';

/**
 * A parcours written by a coordinator that does not validate (shape or references): nothing
 * is stored. The message names the file, the step and the reason.
 */
export class InvalidParcoursError extends ReperesError {
  override name = 'InvalidParcoursError';
  constructor(
    message: string,
    /** Why, for programs (`unknown_resource`, `unknown_anchor`, `duplicate_step`…). */
    readonly reason: string,
    /** The step at fault, from 1, when the problem is in one step. */
    readonly step?: number,
  ) {
    super('invalid_parcours', message);
  }
}
