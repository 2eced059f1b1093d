import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ReperesError } from '../errors.ts';
import { exitCodes, toCliFailure } from './cli-failure.ts';

/**
 * What every command line of Repères does the same way (`npm run ingest`,
 * `npm run check-links`): its arguments read with a usage to show, Ctrl-C, and the exit
 * code with its French message.
 */

/** The command was called wrongly; the message ends with the usage. */
export class UsageError extends ReperesError {
  override name = 'UsageError';
  constructor(reason: string, usage: string) {
    super('usage', `${reason}\n\n${usage}`);
  }
}

/**
 * The command's arguments (`process.argv` after the script), or `'help'` once the usage is
 * printed for `--help`; config.options must hold a boolean `help`.
 * @throws UsageError for an unknown option or a missing value
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> | 'help' {
  let args;
  try {
    args = parseArgs<T>({ args: process.argv.slice(2), ...config });
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
  if ((args.values as Record<string, unknown>)['help'] === true) {
    console.log(usage);
    return 'help';
  }
  return args;
}

export interface CommandMessages {
  /** Printed when Ctrl-C stopped the command: what is kept, and what to do. */
  interrupted: string;
  /** What did not happen, for toCliFailure ("L'ingestion n'a pas abouti"). */
  failed: string;
}

/**
 * Runs the command and sets the exit code: its result, 130 after Ctrl-C, or the code of
 * its error. Ctrl-C aborts the signal (the command stops cleanly); a second one kills.
 */
export async function runCommand(
  main: (signal: AbortSignal) => Promise<number>,
  messages: CommandMessages,
): Promise<void> {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  try {
    process.exitCode = await main(interrupt.signal);
  } catch (error) {
    if (interrupt.signal.aborted) {
      console.error(messages.interrupted);
      process.exitCode = exitCodes.interrupted;
    } else {
      const failure = toCliFailure(error, messages.failed);
      console.error(failure.message);
      process.exitCode = failure.exitCode;
    }
  }
}
