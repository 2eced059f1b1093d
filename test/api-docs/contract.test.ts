import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '../../src/api-docs/openapi.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { apiContract, type ObservedResponse } from '../helpers/api-contract.ts';
import { projectRoot } from '../helpers/service.ts';

// The checker the API tests rely on must itself refuse what the document does not allow.
const contract = apiContract(
  buildOpenApiDocument(await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml'))),
);

const json = (url: string, status: number, body: unknown): ObservedResponse => ({
  method: 'GET',
  url,
  status,
  contentType: 'application/json; charset=utf-8',
  body,
});

const topics = { topics: [{ slug: 'a', label: 'A', description: 'Une.', count: 1 }] };

describe('the API contract check (test/helpers/api-contract.ts)', () => {
  it('accepts a response the document describes', () => {
    contract.check(json('/api/topics', 200, topics));
    contract.check(
      json('/api/resources/x', 404, { error: { code: 'not_found', message: 'Aucune.' } }),
    );
  });

  it('refuses a body with a field the document does not have', () => {
    assert.throws(
      () =>
        contract.check(
          json('/api/topics', 200, { topics: [{ ...topics.topics[0], internal: true }] }),
        ),
      /does not match the OpenAPI document: .*must NOT have additional properties/,
    );
  });

  it('refuses an error code its status does not carry', () => {
    assert.throws(
      () =>
        contract.check(
          json('/api/resources/x', 404, { error: { code: 'search_unavailable', message: 'x' } }),
        ),
      /must be equal to one of the allowed values/,
    );
  });

  it('refuses an undocumented status, path or content type', () => {
    assert.throws(
      () => contract.check(json('/api/topics', 418, {})),
      /status not documented \(documented: 200, 429, 500, 503\)/,
    );
    assert.throws(
      () => contract.check(json('/api/nulle-part', 200, {})),
      /path not in the OpenAPI document/,
    );
    assert.throws(
      () => contract.check({ ...json('/api/topics', 200, topics), contentType: 'text/html' }),
      /content type text\/html not documented/,
    );
  });

  it('checks a date field against its format', () => {
    const resource = {
      id: 'r',
      title: 'R',
      type: 'guide',
      topics: [],
      reviewed: 'demain',
      archived: false,
      source: { path: 'r.md', format: 'markdown', bytes: 1, sha256: 'x' },
      sectionCount: 1,
      updatedAt: '2026-11-26T07:00:00.000Z',
      url: '/ressources/r',
      fileUrl: '/api/resources/r/file',
    };
    const detail = { resource, sections: [], html: null, related: [] };
    assert.throws(
      () => contract.check(json('/api/resources/r', 200, detail)),
      /must match format "date"/,
    );
    contract.check(
      json('/api/resources/r', 200, {
        ...detail,
        resource: { ...resource, reviewed: '2026-03-01' },
      }),
    );
  });
});
