/** The project's error hierarchy: one base carrying `code` and `cause`, one class per file. */

export { ReperesError } from './errors/reperes-error.ts';
export { InvalidParameterError } from './errors/invalid-parameter-error.ts';
export { NotFoundError } from './errors/not-found-error.ts';
export { FileUnavailableError } from './errors/file-unavailable-error.ts';
export { SearchUnavailableError } from './errors/search-unavailable-error.ts';
export { IndexMissingError } from './errors/index-missing-error.ts';
export { IndexSyncingError } from './errors/index-syncing-error.ts';
export { RateLimitedError } from './errors/rate-limited-error.ts';
export { MethodNotAllowedError } from './errors/method-not-allowed-error.ts';
export { UnauthenticatedError } from './errors/unauthenticated-error.ts';
export { ForbiddenError } from './errors/forbidden-error.ts';
export { PreconditionError } from './errors/precondition-error.ts';
export { UnsupportedTypeError } from './errors/unsupported-type-error.ts';
export { UnprocessableError } from './errors/unprocessable-error.ts';
export { PayloadTooLargeError } from './errors/payload-too-large-error.ts';
export { InvalidParcoursError } from './errors/invalid-parcours-error.ts';
export { SlugTakenError } from './errors/slug-taken-error.ts';
export { CsrfError } from './errors/csrf-error.ts';
export { isEngineUnreachable, isIndexNotReady } from './errors/engine-unreachable.ts';
