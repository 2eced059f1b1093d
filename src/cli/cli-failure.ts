import { ReperesError } from '../errors.ts';

/**
 * The one mapping from errors to the command line (`npm start`, `npm run ingest`,
 * `npm run build:guides`): error code → exit code, and the message to print.
 *
 * Exit codes: 1 some content is invalid (nothing of it was written), 2 usage or
 * configuration error (fix the command or the environment), 3 anything else (the engine
 * or the index failed, or a bug: the detail is in the message), 4 another ingestion of
 * the same indexes kept its lock too long (or took this one's over), 130 interrupted.
 */

export const exitCodes = {
  invalidContent: 1,
  usage: 2,
  failure: 3,
  locked: 4,
  interrupted: 130,
} as const;

const exitCodeByErrorCode: Record<string, number> = {
  usage: exitCodes.usage,
  invalid_config: exitCodes.usage,
  invalid_taxonomy: exitCodes.usage,
  invalid_promotions: exitCodes.usage,
  content_root_conflict: exitCodes.usage,
  engine_unavailable: exitCodes.usage,
  data_dir_unusable: exitCodes.usage,
  invalid_guide_sources: exitCodes.invalidContent,
  ingest_locked: exitCodes.locked,
  ingest_lock_lost: exitCodes.locked,
};

export interface CliFailure {
  exitCode: number;
  /** For people, in French: what failed, then why. */
  message: string;
  /** False for an error no one planned for: its stack deserves the log. */
  expected: boolean;
}

/**
 * Maps an error to an exit code and a message.
 * @param error what was thrown
 * @param headline what did not happen, in French ("L'ingestion n'a pas abouti")
 */
export function toCliFailure(error: unknown, headline: string): CliFailure {
  const exitCode = error instanceof ReperesError ? exitCodeByErrorCode[error.code] : undefined;
  if (exitCode !== undefined && error instanceof Error) {
    return { exitCode, message: `${headline} :\n${error.message}`, expected: true };
  }
  return {
    exitCode: exitCodes.failure,
    message: `${headline} : ${describe(error)}`,
    expected: false,
  };
}

/** The message of an error and of its causes. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} (${describe(error.cause)})`;
}
