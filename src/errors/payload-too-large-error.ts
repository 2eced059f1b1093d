import { ReperesError } from './reperes-error.ts';

/** A request body (an upload, a text) larger than the service accepts; the message says the limit. */
export class PayloadTooLargeError extends ReperesError {
  override name = 'PayloadTooLargeError';
  constructor(message: string) {
    super('payload_too_large', message);
  }
}
