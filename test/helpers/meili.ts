import { randomBytes } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { indexNames, type IndexNames } from '../../src/engine/indexes.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';

/** The Meilisearch started by `npm test` (test/run.ts) for the whole run. */
export function testMeili(): { url: string; key: string; client: Meilisearch } {
  const url = process.env.TEST_MEILI_URL;
  const key = process.env.TEST_MEILI_KEY;
  if (url === undefined || key === undefined) {
    throw new Error('Run the tests with `npm test`: it starts the Meilisearch they use.');
  }
  return { url, key, client: createMeiliClient({ url, apiKey: key }) };
}

/** Index names no other test uses. */
export function uniqueIndexes(label = 't'): { prefix: string; names: IndexNames } {
  const prefix = `${label}-${randomBytes(5).toString('hex')}`;
  return { prefix, names: indexNames(prefix) };
}

/** Deletes a test's indexes (and the temporary ones a rebuild may leave). */
export async function dropIndexes(client: Meilisearch, prefix: string): Promise<void> {
  const { results } = await client.getIndexes({ limit: 1000 });
  await Promise.all(
    results
      .filter((index) => index.uid.startsWith(prefix))
      .map((index) => client.deleteIndex(index.uid).waitTask()),
  );
}

/** A config as `npm start` would build it, with a test's overrides. */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    MEILI_URL: process.env.TEST_MEILI_URL,
    MEILI_MASTER_KEY: process.env.TEST_MEILI_KEY,
    ...overrides,
  });
}

export const silentLogger = pino({ level: 'silent' });
