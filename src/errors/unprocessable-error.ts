import { ReperesError } from './reperes-error.ts';

/** A file of an accepted type that the ingestion parsers refuse; the message is the parser's reason. */
export class UnprocessableError extends ReperesError {
  override name = 'UnprocessableError';
  constructor(
    message: string,
    /** The parser's own code (`pdf_corrupt`, `unsafe_front_matter`…), for the log. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('unprocessable', message, options);
  }
}
