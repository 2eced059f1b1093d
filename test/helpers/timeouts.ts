import { z } from 'zod';
import { formatIssues } from '../../src/validation/format-issues.ts';

/**
 * How long tests wait, from the environment, with generous defaults for a loaded
 * two-core machine. A readiness deadline bounds a wait for a process to answer; the
 * test timeout makes a hung test fail (its `after` hooks then stop its processes); the
 * run timeout stops `npm test` as a whole.
 */
const milliseconds = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: 'doit être un nombre de millisecondes' })
      .int('doit être un nombre entier de millisecondes')
      .positive('doit être strictement positif')
      .default(fallback),
  );

const schema = z.object({
  TEST_READY_TIMEOUT_MS: milliseconds(120_000),
  TEST_TIMEOUT_MS: milliseconds(600_000),
  // The whole suite takes about 16 minutes on 2 cores, over 30 when other work shares them.
  TEST_RUN_TIMEOUT_MS: milliseconds(3_600_000),
});

export interface TestTimeouts {
  /** Longest wait for a process (service, Meilisearch) to be ready. */
  readyMs: number;
  /** Longest a single test may run. */
  testMs: number;
  /** Longest the whole `npm test` run may take. */
  runMs: number;
}

/** Reads the test timeouts; a bad value stops the run with a message naming it. */
export function testTimeouts(env: NodeJS.ProcessEnv = process.env): TestTimeouts {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Délais de test invalides : ${formatIssues(parsed.error).join(' ; ')}`);
  }
  return {
    readyMs: parsed.data.TEST_READY_TIMEOUT_MS,
    testMs: parsed.data.TEST_TIMEOUT_MS,
    runMs: parsed.data.TEST_RUN_TIMEOUT_MS,
  };
}
