import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { contentFolder } from './helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from './helpers/meili.ts';
import { spawnTracked } from './helpers/process.ts';
import { projectRoot } from './helpers/service.ts';

// Docker cannot run here: the file is parsed and its promises are checked instead.
const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  volumes: z.array(z.string()).default([]),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  restart: z.string().optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  volumes: z.record(z.string(), z.unknown()),
});

const compose = composeSchema.parse(
  parse(await fs.readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8')),
);

/** Compose's `${NAME:-default}` and `${NAME:?message}` interpolation, from `variables`. */
function interpolate(value: string | number, variables: Record<string, string>): string {
  return String(value).replace(
    /\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, kind: string | undefined, rest: string) => {
      const set = variables[name];
      if (set !== undefined && set !== '') return set;
      if (kind === '-') return rest;
      throw new Error(`${name} is required by docker-compose.yml: ${rest}`);
    },
  );
}

describe('docker-compose.yml', () => {
  const { meilisearch, app, ingest } = compose.services;

  it('runs the official Meilisearch v1.21 image in production mode on a volume', () => {
    assert.ok(meilisearch);
    assert.equal(meilisearch.image, 'getmeili/meilisearch:v1.21');
    assert.equal(meilisearch.environment.MEILI_ENV, 'production');
    assert.match(String(meilisearch.environment.MEILI_MASTER_KEY), /^\$\{MEILI_MASTER_KEY:\?/);
    assert.ok(meilisearch.volumes.some((volume) => volume.endsWith(':/meili_data')));
    assert.ok(meilisearch.healthcheck?.test.join(' ').includes('/health'));
  });

  it('builds the service from the Dockerfile, pointed at that Meilisearch, with a readiness check', async () => {
    assert.ok(app);
    assert.ok(app.build !== undefined);
    await fs.access(path.join(projectRoot, 'Dockerfile'));
    assert.equal(app.environment.MEILI_URL, 'http://meilisearch:7700');
    assert.match(String(app.environment.MEILI_MASTER_KEY), /MEILI_MASTER_KEY/);
    assert.equal(app.environment.HOST, '0.0.0.0');
    // Production: the legal notice's contacts are required, and passed through from .env.
    assert.equal(app.environment.NODE_ENV, 'production');
    assert.match(String(app.environment.CONTACT_EMAIL), /^\$\{CONTACT_EMAIL/);
    assert.match(String(app.environment.HOSTING_INFO), /^\$\{HOSTING_INFO/);
    assert.ok(app.healthcheck?.test.join(' ').includes('/readyz'));
    assert.equal(app.depends_on?.meilisearch?.condition, 'service_healthy');
  });

  it('has a one-shot ingestion that the service waits for', () => {
    assert.ok(ingest);
    assert.equal(ingest.restart, 'no');
    assert.deepEqual(ingest.command, ['node', '--import', 'tsx', 'ingest/main.ts']);
    assert.equal(ingest.environment.MEILI_URL, 'http://meilisearch:7700');
    assert.equal(app?.depends_on?.ingest?.condition, 'service_completed_successfully');
  });

  it('lets the app start when a file is bad: its ingest command, run on such a folder, exits 0', async () => {
    assert.ok(ingest?.command);
    assert.equal(app?.depends_on?.ingest?.condition, 'service_completed_successfully');
    const { client, url, key } = testMeili();
    const { prefix } = uniqueIndexes('compose');
    after(() => dropIndexes(client, prefix));
    const folder = await contentFolder({
      'bon.md': '# Un bon guide\n\nDu texte.\n',
      'casse.pdf': await fs.readFile(
        path.join(projectRoot, 'test/fixtures/parsers/pdf/corrupt/input.pdf'),
      ),
    });
    // The service's own environment, as compose would give it, pointed at the test engine.
    const environment = Object.fromEntries(
      Object.entries(ingest.environment).map(([name, value]) => [
        name,
        interpolate(value, { MEILI_MASTER_KEY: key, CONTENT_DIRS: folder }),
      ]),
    );
    const [program = '', ...args] = ingest.command;
    const run = await spawnTracked(program === 'node' ? process.execPath : program, args, {
      // The image's WORKDIR holds the project as it is here.
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH,
        ...environment,
        MEILI_URL: url,
        INDEX_PREFIX: prefix,
        DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-compose-')),
      },
    });
    assert.equal(await run.exited, 0, run.output());
    assert.match(run.stdout(), /en échec +: 1/);
    assert.match(run.stdout(), /contenu\/casse\.pdf/);
  });

  it('declares every named volume it mounts', () => {
    const named = Object.values(compose.services)
      .flatMap((service) => service.volumes)
      .map((volume) => volume.split(':')[0] ?? '')
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    for (const volume of named)
      assert.ok(volume in compose.volumes, `volume ${volume} is declared`);
  });

  it('names only variables that .env.example documents', async () => {
    const documented = new Set(
      (await fs.readFile(path.join(projectRoot, '.env.example'), 'utf8'))
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=')[0]),
    );
    const text = await fs.readFile(path.join(projectRoot, 'docker-compose.yml'), 'utf8');
    for (const [, name] of text.matchAll(/\$\{([A-Z_]+)/g)) {
      assert.ok(documented.has(name), `${name} is documented in .env.example`);
    }
  });
});
