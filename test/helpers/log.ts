import pino, { type Logger } from 'pino';

/** A logger that keeps what it writes, for tests that read the log. */
export function recordingLogger(): { logger: Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => entries.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, entries };
}
