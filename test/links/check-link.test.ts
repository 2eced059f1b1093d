import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkLink, isBroken } from '../../src/links/check-link.ts';
import { closedPortUrl, startLinkServer, type LinkServer } from '../helpers/link-server.ts';

// Short enough for the test that waits for it, long enough for a loaded machine to answer.
const timeoutMs = 3000;
let site: LinkServer;
before(async () => {
  site = await startLinkServer();
});
after(() => site.close());

const check = (path: string) => checkLink(`${site.url}${path}`, { timeoutMs });

describe('checkLink', () => {
  it('reports a page that answers 200 as valid, with HEAD alone', async () => {
    assert.deepEqual(await check('/ok'), { status: 'ok', httpStatus: 200 });
    assert.equal(site.hits.get('HEAD /ok'), 1);
    assert.equal(site.hits.get('GET /ok'), undefined);
  });

  it('reports a 301 as moved, with the address it leads to', async () => {
    assert.deepEqual(await check('/ancien'), {
      status: 'moved',
      httpStatus: 200,
      target: `${site.url}/nouveau`,
    });
  });

  it('reports a chain of permanent redirects as moved to its end', async () => {
    assert.deepEqual(await check('/ancien-ancien'), {
      status: 'moved',
      httpStatus: 200,
      target: `${site.url}/nouveau`,
    });
  });

  it('follows a temporary redirect without reporting a move', async () => {
    assert.deepEqual(await check('/temporaire'), { status: 'ok', httpStatus: 200 });
  });

  it('reports a 404 as broken, after asking again with GET', async () => {
    const outcome = await check('/absent');
    assert.deepEqual(outcome, { status: 'broken', httpStatus: 404 });
    assert.ok(isBroken(outcome));
    assert.equal(site.hits.get('GET /absent'), 1);
  });

  it('reports a 5xx as broken', async () => {
    assert.deepEqual(await check('/erreur'), { status: 'broken', httpStatus: 503 });
  });

  it('reports a server that never answers as a timeout, without a second wait', async () => {
    const outcome = await check('/lent');
    assert.deepEqual(outcome, { status: 'timeout' });
    assert.ok(isBroken(outcome));
    assert.equal(site.hits.get('GET /lent'), undefined);
  });

  it('asks with GET when HEAD is refused (405), and reports the page valid', async () => {
    assert.deepEqual(await check('/sans-head'), { status: 'ok', httpStatus: 200 });
    assert.equal(site.hits.get('HEAD /sans-head'), 1);
    assert.equal(site.hits.get('GET /sans-head'), 1);
  });

  it('reports a redirect loop as broken once the redirect limit is reached', async () => {
    const outcome = await checkLink(`${site.url}/boucle`, { timeoutMs, maxRedirects: 3 });
    assert.equal(outcome.status, 'broken');
    assert.equal(site.hits.get('HEAD /boucle'), 4);
  });

  it('reports an address where nothing listens as unreachable, with the system code', async () => {
    const outcome = await checkLink(`${await closedPortUrl()}/page`, { timeoutMs });
    assert.deepEqual(outcome, { status: 'unreachable', reason: 'ECONNREFUSED' });
  });
});
