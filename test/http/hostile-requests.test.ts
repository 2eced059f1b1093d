import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { errorResponseSchema } from '../../src/http/http-error.ts';
import { dsfrVersion } from '../../src/web/assets.ts';
import { buildTestApp } from '../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { listenForTest, rawRequest, requestBytes, type RawResponse } from '../helpers/raw-http.ts';

/**
 * The hostile requests of issue 11 as data: path traversal, filter injection, reflected
 * XSS, malformed percent-encoding, bad page and limit, write methods on read routes, huge
 * headers and addresses, broken HTTP. Each is sent as raw bytes (no client normalises the
 * path) to the app on a real socket, and each answer must have its expected status, no 500,
 * no stack trace, nothing from outside the content folder, JSON for the API and the probes.
 */

interface HostileRequest {
  kind: string;
  /** The request line's method and target, sent as they are. */
  method?: string;
  target?: string;
  headers?: Record<string, string>;
  /** Whole request bytes, for what is not even HTTP. */
  raw?: string;
  status: number;
  /** Further checks on the answer. */
  check?: (response: RawResponse) => void;
}

const CANARY = 'CANARY-3f9c-outside-the-content-folder';
const RESOURCE = 'contenu-guide';

/**
 * Traversal payloads and the status each route gives them: the API refuses an id that is
 * not one (400) and has no route for more path segments (404); pages and static files
 * answer 404, or 400 to bytes that are not UTF-8.
 */
const traversals: { payload: string; api: 400 | 404; page: 400 | 404 }[] = [
  { payload: '../secret.md', api: 404, page: 404 },
  { payload: '..%2fsecret.md', api: 400, page: 404 },
  { payload: '..%2Fsecret.md', api: 400, page: 404 },
  { payload: '%2e%2e%2fsecret.md', api: 400, page: 404 },
  { payload: '%2e%2e/secret.md', api: 404, page: 404 },
  { payload: '..%252fsecret.md', api: 400, page: 404 },
  { payload: '....//secret.md', api: 404, page: 404 },
  { payload: '..%5csecret.md', api: 400, page: 404 },
  { payload: '..\\secret.md', api: 400, page: 404 },
  { payload: '%c0%ae%c0%ae%2fsecret.md', api: 400, page: 400 },
  { payload: '..;/secret.md', api: 404, page: 404 },
  { payload: '..%00/secret.md', api: 404, page: 404 },
  { payload: '/etc/passwd', api: 404, page: 404 },
  { payload: '%2fetc%2fpasswd', api: 400, page: 404 },
  { payload: '..%2f..%2f..%2f..%2fetc%2fpasswd', api: 400, page: 404 },
  { payload: '.%2e/.%2e/.%2e/etc/passwd', api: 404, page: 404 },
];

/** `matchesNothing`: the value reaches the filter as a literal, which no document holds. */
const injections: { query: string; status: number; matchesNothing?: true }[] = [
  { query: 'topic=hebergement%22%20OR%20topics%20EXISTS', status: 400 },
  { query: 'type=guide%20OR%201%3D1', status: 400 },
  {
    query: 'promotion=EIG%201%22%20OR%20promotion%20EXISTS%20OR%20promotion%20%3D%20%22',
    status: 200,
    matchesNothing: true,
  },
  { query: "promotion=x')%20OR%20('1'%3D'1", status: 200, matchesNothing: true },
  { query: 'organisation=%22%20OR%201%3D1%20--', status: 200, matchesNothing: true },
  { query: 'organisation=%5C%22%20OR%20type%20%3D%20guide', status: 200, matchesNothing: true },
  { query: 'organisation=a%5C', status: 200, matchesNothing: true },
  // Blank once trimmed: no filter at all.
  { query: 'promotion=%0A%0D%09', status: 200 },
  // Brackets are not parsed (Express 5's simple query parser): unknown names, ignored.
  { query: 'topic[$ne]=x', status: 200 },
  { query: 'limit[a]=1', status: 200 },
  { query: `${'promotion=x&'.repeat(21)}q=cloud`, status: 400 },
  { query: `q=${'a'.repeat(201)}`, status: 400 },
];

const xssPayloads = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  'javascript:alert(1)',
  '<iframe src=javascript:alert(1)>',
];

/** What a browser would run in a page: inline handlers, `javascript:` links, frames, inline scripts. */
function assertNoActiveContent(html: string): void {
  visit(unified().use(rehypeParse).parse(html), 'element', (element: Element) => {
    assert.notEqual(element.tagName, 'iframe', 'an iframe was injected');
    for (const [name, value] of Object.entries(element.properties)) {
      assert.doesNotMatch(name, /^on[A-Z]/, `an inline handler ${name} was injected`);
      if (['href', 'src', 'action'].includes(name))
        assert.doesNotMatch(
          String(value),
          /^\s*javascript:/i,
          `a javascript: ${name} was injected`,
        );
    }
    if (element.tagName === 'script')
      assert.doesNotMatch(JSON.stringify(element.children), /alert/, 'a script was injected');
  });
}

const badIntegers = ['1e3', '0x10', '%202', '2.0', '%2B2', '-1', '0'];

const hostileRequests: HostileRequest[] = [
  ...traversals.flatMap(({ payload, api, page }) =>
    [
      { target: `/api/resources/${payload}/file`, status: api },
      { target: `/api/resources/${payload}`, status: api },
      { target: `/ressources/${payload}`, status: page },
      { target: `/static/v1/${payload}`, status: 404 },
      { target: `/dsfr/${dsfrVersion}/${payload}`, status: 404 },
    ].map(({ target, status }) => ({ kind: 'traversal', method: 'GET', target, status })),
  ),
  ...injections.flatMap(({ query, status, matchesNothing }) =>
    ['/api/search', '/api/resources', '/recherche', '/ressources'].map((route) => ({
      kind: 'filter injection',
      method: 'GET',
      target: `${route}?${query}`,
      status,
      check: (response: RawResponse) => {
        if (matchesNothing === true && route.startsWith('/api/'))
          assert.equal((JSON.parse(response.body) as { total: number }).total, 0);
      },
    })),
  ),
  ...xssPayloads.flatMap((payload) =>
    [
      `/recherche?q=${encodeURIComponent(payload)}`,
      `/recherche?topic=${encodeURIComponent(payload)}`,
      `/ressources?q=${encodeURIComponent(payload)}&type=${encodeURIComponent(payload)}`,
      `/ressources/${RESOURCE}?q=${encodeURIComponent(payload)}`,
      `/api/search?q=${encodeURIComponent(payload)}`,
    ].map((target) => ({
      kind: 'reflected XSS',
      method: 'GET',
      target,
      status: target.includes('topic=') || target.includes('type=') ? 400 : 200,
      check: (response: RawResponse) => {
        if (target.startsWith('/api/')) {
          // JSON, never sniffed as HTML: the payload may come back as a string value.
          assert.equal(response.headers['x-content-type-options'], 'nosniff');
          return;
        }
        if (payload.includes('<'))
          assert.ok(!response.body.includes(payload), 'the payload is echoed unescaped');
        assertNoActiveContent(response.body);
      },
    })),
  ),
  ...[
    ['/ressources/%E0%A4%A', 400],
    ['/ressources/%', 400],
    ['/api/resources/%ZZ', 400],
    ['/api/resources/%E0%A4%A/file', 400],
    ['/recherche?q=%', 200],
    ['/recherche?q=%E0%A4', 200],
    ['/api/search?q=%ff%fe', 200],
    ['/api/search?topic=%ff', 400],
    ['/%', 404],
    ['/api/%zz', 404],
    ['/static/%zz/x.js', 400],
  ].map(([target, status]) => ({
    kind: 'malformed percent-encoding',
    method: 'GET',
    target: String(target),
    status: Number(status),
  })),
  ...badIntegers.flatMap((written) =>
    ['/api/search', '/api/resources', '/recherche', '/ressources'].flatMap((route) =>
      ['page', 'limit'].map((parameter) => ({
        kind: 'bad page or limit',
        method: 'GET',
        target: `${route}?q=cloud&${parameter}=${written}`,
        status: 400,
      })),
    ),
  ),
  ...[
    ['POST', '/api/search'],
    ['PUT', `/api/resources/${RESOURCE}`],
    ['DELETE', `/api/resources/${RESOURCE}/file`],
    ['PATCH', '/recherche'],
    ['POST', '/healthz'],
    ['DELETE', '/readyz'],
    ['PROPFIND', '/api/search'],
    ['TRACE', '/'],
  ].map(([method = '', target = '']) => ({
    kind: 'bad method',
    method,
    target,
    status: 405,
    check: (response: RawResponse) => assert.equal(response.headers['allow'], 'GET, HEAD'),
  })),
  {
    kind: 'huge header',
    method: 'GET',
    target: '/api/search?q=cloud',
    headers: { Cookie: 'a'.repeat(20_000) },
    status: 431,
  },
  {
    kind: 'many headers',
    method: 'GET',
    target: '/recherche?q=cloud',
    headers: Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`X-Header-${i}`, 'x'.repeat(60)]),
    ),
    status: 431,
  },
  { kind: 'long URL', method: 'GET', target: `/recherche?q=${'a'.repeat(100_000)}`, status: 431 },
  { kind: 'long URL', method: 'GET', target: `/api/resources/${'a'.repeat(100_000)}`, status: 431 },
  { kind: 'broken HTTP', raw: 'GET\r\n\r\n', status: 400 },
  { kind: 'broken HTTP', raw: 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n', status: 400 },
  { kind: 'broken HTTP', raw: 'GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n', status: 400 },
  {
    kind: 'broken HTTP',
    raw: 'POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
  },
  {
    kind: 'broken HTTP',
    raw: 'POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    status: 400,
  },
];

const { client } = testMeili();
const { prefix } = uniqueIndexes('hostile');
let server: Awaited<ReturnType<typeof listenForTest>>;

before(async () => {
  const dir = await contentFolder({ 'guide.md': '# Héberger\n\nLe cloud de confiance.\n' });
  // Beside the content folder, where a traversal would land.
  await fs.writeFile(path.join(path.dirname(dir), 'secret.md'), `${CANARY}\n`);
  await sync(await pipelineDeps(client, prefix), [dir]);
  const { app } = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [dir],
    // The table is sent from one address: no budget may run out under it.
    env: {
      API_RATE_LIMIT_PER_MINUTE: '100000',
      SEARCH_PAGE_RATE_LIMIT_PER_MINUTE: '100000',
      PAGES_RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  server = await listenForTest(app);
});
after(async () => {
  await server.close();
  await dropIndexes(client, prefix);
});

const isMachineTarget = (target: string | undefined) =>
  target === undefined || /^\/(api(\/|\?|$)|healthz|readyz)/.test(target);

describe('hostile requests', () => {
  for (const hostile of hostileRequests) {
    const label = hostile.target ?? JSON.stringify(hostile.raw);
    const shown =
      label.length > 100 ? `${label.slice(0, 80)}… (${label.length} characters)` : label;
    it(`${hostile.kind}: ${hostile.method ?? ''} ${shown} → ${hostile.status}`, async () => {
      const bytes =
        hostile.raw ??
        requestBytes(hostile.method ?? 'GET', hostile.target ?? '/', hostile.headers);
      const response = await rawRequest(server.port, bytes);
      assert.equal(response.status, hostile.status, response.body.slice(0, 300));
      assert.doesNotMatch(response.body, /\bat .+:\d+:\d+\)?$|node:internal|node_modules/m);
      assert.ok(!response.body.includes(CANARY), 'a file outside the content folder leaked');
      assert.doesNotMatch(response.body, /root:x:0:0/);
      const contentType = response.headers['content-type'] ?? '';
      // Errors Node answers before any route (no target parsed) are JSON too.
      const raw = hostile.raw !== undefined || hostile.status === 431;
      if (raw || isMachineTarget(hostile.target)) {
        assert.match(contentType, /^application\/json/);
        if (hostile.status >= 400 && !raw) errorResponseSchema.parse(JSON.parse(response.body));
      } else {
        assert.match(contentType, /^text\/html/);
        assert.match(response.body, /<html lang="fr"/);
      }
      hostile.check?.(response);
    });
  }
});
