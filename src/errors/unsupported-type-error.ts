import { ReperesError } from './reperes-error.ts';

/** An upload that is neither a PDF (by its first bytes) nor UTF-8 Markdown text. */
export class UnsupportedTypeError extends ReperesError {
  override name = 'UnsupportedTypeError';
  constructor(message: string) {
    super('unsupported_type', message);
  }
}
