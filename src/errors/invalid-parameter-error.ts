import { ReperesError } from './reperes-error.ts';

/** A request parameter failed validation; the message names it. */
export class InvalidParameterError extends ReperesError {
  override name = 'InvalidParameterError';
  constructor(
    message: string,
    /** The query or path parameter at fault, for programs. */
    readonly parameter?: string,
  ) {
    super('invalid_parameter', message);
  }
}
