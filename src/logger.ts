import { pino, type Logger, type LevelWithSilent } from 'pino';

/** Structured JSON logs; human-readable only when a person watches a terminal. */
export function createLogger(level: LevelWithSilent, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    base: { service: 'reperes' },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}
