/**
 * The base of every error the project raises: a stable `code` for programs, a French
 * `message` for people, and the `cause` that led to it. No HTTP status and no exit code
 * here: `src/http/http-error.ts` and `src/cli/cli-failure.ts` map codes to those.
 */
export class ReperesError extends Error {
  override name = 'ReperesError';
  constructor(
    /** Stable, snake_case: what programs and the mappers switch on. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
