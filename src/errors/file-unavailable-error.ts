import { ReperesError } from './reperes-error.ts';

/**
 * The original file of a resource exists but is not the version that was indexed (it
 * changed since), or is larger than the service serves (MAX_FILE_BYTES): it is not sent.
 */
export class FileUnavailableError extends ReperesError {
  override name = 'FileUnavailableError';
  constructor(code: 'file_changed' | 'file_too_large', message: string) {
    super(code, message);
  }
}
