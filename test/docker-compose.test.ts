import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
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
