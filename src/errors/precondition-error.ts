import { ReperesError } from './reperes-error.ts';

/**
 * A conditional write refused: the version named by `If-Match` is no longer the current
 * one (`precondition_failed`), or a replace came without `If-Match` at all
 * (`precondition_required`).
 */
export class PreconditionError extends ReperesError {
  override name = 'PreconditionError';
  constructor(code: 'precondition_failed' | 'precondition_required', message: string) {
    super(code, message);
  }
}
