import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';

// No Meilisearch is needed to describe the API.
const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
const { app } = await buildTestApp({ meili: dead, prefix: 'openapi' });
// The answers below are themselves checked against the document.
const api = await contractClient(app);

interface Parameter {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  schema: {
    type?: string;
    maximum?: number;
    maxLength?: number;
    enum?: string[];
    description?: string;
    example?: unknown;
    items?: { enum?: string[] };
  };
}
interface Operation {
  parameters?: Parameter[];
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    const validator = new Validator();
    const result = await validator.validate(response.body);
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
  });

  it('documents the parameters /api/search accepts, with the bounds it enforces', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    const operation = response.body.paths['/api/search'].get as Operation;
    const parameters = new Map((operation.parameters ?? []).map((p) => [p.name, p]));
    assert.deepEqual([...parameters.keys()].sort(), [
      'administration',
      'competence',
      'group',
      'limit',
      'organisation',
      'page',
      'promotion',
      'q',
      'sort',
      'topic',
      'type',
    ]);
    const sort = parameters.get('sort');
    assert.deepEqual(sort?.schema.enum, ['pertinence', 'date']);
    assert.match(sort.description ?? sort.schema.description ?? '', /les plus récents d’abord/);
    assert.equal(sort.example ?? sort.schema.example, 'date');
    assert.equal(parameters.get('limit')?.schema.maximum, 50);
    assert.equal(parameters.get('q')?.schema.maxLength, 200);
    assert.ok(parameters.get('topic')?.schema.items?.enum?.includes('hebergement'));

    // What the document says is out of bounds, the route refuses; what it allows passes validation.
    await api.get('/api/search?limit=51').expect(400);
    await api.get(`/api/search?q=${'a'.repeat(201)}`).expect(400);
    await api.get('/api/search?topic=inconnue').expect(400);
    await api.get('/api/search?sort=popularite').expect(400);
    const accepted = await api.get(
      '/api/search?q=x&limit=50&page=2&topic=hebergement&type=guide&promotion=EIG%201&organisation=DINUM&group=section&sort=date',
    );
    assert.equal(accepted.status, 503, 'valid parameters reach the engine (down in this test)');
  });

  it('documents every API route the app serves', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    assert.deepEqual(Object.keys(response.body.paths).sort(), [
      '/api/analytics',
      '/api/analytics/traitees',
      '/api/audit',
      '/api/defis',
      '/api/defis/{id}',
      '/api/events',
      '/api/openapi.json',
      '/api/parcours',
      '/api/parcours/{slug}',
      '/api/personnes',
      '/api/personnes/{slug}',
      '/api/resources',
      '/api/resources/{id}',
      '/api/resources/{id}/file',
      '/api/resources/{id}/history',
      '/api/resources/{id}/restore',
      '/api/review-queue',
      '/api/search',
      '/api/session',
      '/api/topics',
      '/healthz',
      '/readyz',
    ]);
  });

  it('documents the errors of every operation, each status with its own codes', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    const { paths, components } = response.body;
    for (const [path, operations] of Object.entries<Record<string, { responses: object }>>(paths)) {
      for (const operation of Object.values(operations)) {
        const statuses = Object.keys(operation.responses);
        assert.ok(statuses.includes('500'), `${path} documents 500`);
        if (path.startsWith('/api/')) assert.ok(statuses.includes('429'), `${path} documents 429`);
      }
    }
    assert.deepEqual(components.schemas.Error404.properties.error.properties.code.enum, [
      'not_found',
      'file_missing',
    ]);
    assert.deepEqual(components.schemas.Error503.properties.error.properties.code.enum, [
      'search_unavailable',
      'index_missing',
      'index_syncing',
    ]);
  });

  it('describes responses strictly: a field the presenters do not send is not allowed', async () => {
    const response = await request(app).get('/api/openapi.json').expect(200);
    const { schemas } = response.body.components;
    for (const name of ['SearchHit', 'Resource', 'Section', 'ResourceList', 'ResourceDetail']) {
      assert.equal(schemas[name].additionalProperties, false, name);
    }
    assert.ok(schemas.Resource.properties.owner, 'owner is documented');
    assert.equal(schemas.Resource.properties.reviewed.format, 'date');
  });
});

describe('GET /api/docs', () => {
  it('is a page of the site, rendered from the document: every operation and every parameter, described', async () => {
    const [page, document] = await Promise.all([
      request(app)
        .get('/api/docs')
        .expect(200)
        .expect('Content-Type', /text\/html/),
      request(app).get('/api/openapi.json').expect(200),
    ]);
    const html = page.text;
    assert.match(html, /<header[^>]*class="fr-header"/);
    assert.match(html, /<footer[^>]*class="fr-footer"/);
    assert.match(html, /<a class="fr-breadcrumb__link" href="\/">Accueil<\/a>/);
    assert.match(html, /<h1>Documentation de l’API<\/h1>/);
    assert.match(html, /href="\/api\/openapi.json"/);
    assert.doesNotMatch(html, /<script>[^<]/, 'no inline script');
    assert.doesNotMatch(html, /swagger/i);
    const paths = document.body.paths as Record<
      string,
      Record<string, { parameters?: { name: string; description: string }[] }>
    >;
    let operations = 0;
    for (const [route, item] of Object.entries(paths))
      for (const [method, operation] of Object.entries(item)) {
        operations += 1;
        const id = `${method}-${route}`
          .toLowerCase()
          .replace(/[{}]/g, '')
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '');
        const start = html.indexOf(
          `<section class="rp-api-operation fr-mt-4w fr-pt-3w" id="${id}"`,
        );
        assert.ok(start > 0, `${method.toUpperCase()} ${route} has its section`);
        const section = html.slice(start, html.indexOf('</section>', start));
        for (const parameter of operation.parameters ?? [])
          assert.ok(
            section.includes(`<code>${parameter.name}</code>`),
            `${method.toUpperCase()} ${route} shows its parameter ${parameter.name}`,
          );
      }
    assert.ok(operations > 20, `${operations} operations`);
  });

  it('no longer serves Swagger UI’s files', async () => {
    await request(app).get('/api/docs/init.js').expect(404);
    await request(app).get('/api/docs/assets/swagger-ui-bundle.js').expect(404);
  });
});
