import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { errorResponseSchema } from '../../src/http/http-error.ts';
import { buildTestApp } from '../helpers/app.ts';

// No route reaches Meilisearch for a refused method: a client to a closed port proves it.
let app: Express;
before(async () => {
  const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
  ({ app } = await buildTestApp({ meili: dead, prefix: 'method' }));
});

const machineRoutes = [
  '/api/search',
  '/api/resources',
  '/api/resources/un-guide',
  '/api/resources/un-guide/file',
  '/api/topics',
  '/api/parcours',
  '/api/parcours/un-parcours',
  '/api/openapi.json',
  '/healthz',
  '/readyz',
];
const pages = ['/', '/recherche', '/ressources', '/ressources/un-guide', '/mentions-legales'];
const writes = ['post', 'put', 'delete', 'patch'] as const;

describe('a write method on a read route', () => {
  for (const path of machineRoutes) {
    for (const method of writes) {
      it(`${method.toUpperCase()} ${path} answers 405 in JSON, with Allow: GET, HEAD`, async () => {
        const response = await request(app)[method](path).expect(405);
        assert.equal(response.headers['allow'], 'GET, HEAD');
        assert.match(response.headers['content-type'] ?? '', /^application\/json/);
        const body = errorResponseSchema.parse(response.body);
        assert.equal(body.error.code, 'method_not_allowed');
        assert.equal(
          body.error.message,
          `La méthode ${method.toUpperCase()} n'est pas acceptée à cette adresse (méthodes acceptées : GET, HEAD).`,
        );
      });
    }
  }

  for (const path of pages) {
    it(`POST ${path} answers a French 405 page, with Allow: GET, HEAD`, async () => {
      const response = await request(app).post(path).type('form').send('q=x').expect(405);
      assert.equal(response.headers['allow'], 'GET, HEAD');
      assert.match(response.headers['content-type'] ?? '', /^text\/html/);
      assert.match(response.text, /<html lang="fr"/);
      assert.match(response.text, /<title>Méthode non acceptée – Repères<\/title>/);
      assert.match(response.text, /Erreur 405/);
    });
  }
});

describe('OPTIONS on a read route', () => {
  it('answers with the methods it accepts', async () => {
    for (const path of ['/api/search', '/recherche', '/healthz']) {
      const response = await request(app).options(path).expect(200);
      assert.equal(response.headers['allow'], 'GET, HEAD');
    }
  });
});

describe('a write method on an unknown address', () => {
  it('stays a 404: JSON under /api, a page elsewhere', async () => {
    const api = await request(app).post('/api/nothing-here').expect(404);
    assert.equal(errorResponseSchema.parse(api.body).error.code, 'not_found');
    const page = await request(app).post('/nulle-part').expect(404);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
  });
});
