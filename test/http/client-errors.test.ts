import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findFreePort } from '../../src/engine/embedded-meilisearch.ts';
import { createMeiliClient } from '../../src/engine/meili-client.ts';
import { buildTestApp } from '../helpers/app.ts';
import { listenForTest, rawRequest, requestBytes, type RawResponse } from '../helpers/raw-http.ts';

/** Requests Node's HTTP parser refuses before Express sees them. */

let server: Awaited<ReturnType<typeof listenForTest>>;
before(async () => {
  const dead = createMeiliClient({ url: `http://127.0.0.1:${await findFreePort()}` });
  const { app } = await buildTestApp({ meili: dead, prefix: 'client-errors' });
  server = await listenForTest(app);
});
after(() => server.close());

function assertJsonError(response: RawResponse, status: number, code: string): void {
  assert.equal(response.status, status);
  assert.match(response.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(response.headers['connection'], 'close');
  const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(error).sort(), ['code', 'message']);
  assert.equal(error.code, code);
  assert.match(error.message, /^La requête|^L'adresse/);
}

describe('a request Node refuses', () => {
  it('answers 431 in JSON to headers over the size limit', async () => {
    const response = await rawRequest(
      server.port,
      requestBytes('GET', '/api/search', { 'X-Filler': 'a'.repeat(20_000) }),
    );
    assertJsonError(response, 431, 'headers_too_large');
  });

  it('answers 431 in JSON to a 100 kB address, rather than resetting the connection', async () => {
    const response = await rawRequest(
      server.port,
      requestBytes('GET', `/recherche?q=${'a'.repeat(100_000)}`),
    );
    assertJsonError(response, 431, 'headers_too_large');
    assert.equal(response.reset, false);
  });

  it('answers 400 in JSON to a malformed request line', async () => {
    assertJsonError(
      await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n'),
      400,
      'invalid_request',
    );
  });

  it('answers 400 in JSON to a request with both Content-Length and chunked encoding', async () => {
    const response = await rawRequest(
      server.port,
      requestBytes('POST', '/api/search', {
        'Content-Length': '4',
        'Transfer-Encoding': 'chunked',
      }) + '0\r\n\r\n',
    );
    assertJsonError(response, 400, 'invalid_request');
  });
});
