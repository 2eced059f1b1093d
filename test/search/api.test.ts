import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_TOTAL_HITS } from '../../src/engine/indexes.ts';
import type { SearchResult } from '../../src/search/search-response.ts';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { searchFixtureFolder } from './fixture-content.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('api');
// Every response is checked against /api/openapi.json.
let api: Awaited<ReturnType<typeof contractClient>>;
let dataDir: string;
let flushed: () => Promise<void>;

before(async () => {
  const dir = await searchFixtureFolder();
  const summary = await sync(await pipelineDeps(client, prefix), [dir]);
  assert.deepEqual(summary.failed, []);
  const built = await buildTestApp({ meili: client, prefix, contentDirs: [dir] });
  api = await contractClient(built.app);
  dataDir = built.dataDir;
  flushed = () => built.searchLog.flushed();
});
after(() => dropIndexes(client, prefix));

async function search(query: string): Promise<SearchResult> {
  const response = await api.get(`/api/search?${query}`).expect(200);
  return response.body as SearchResult;
}

const resourceIdsOf = (result: SearchResult) => result.hits.map((hit) => hit.resourceId);

describe('GET /api/search', () => {
  describe('facets', () => {
    it('counts resources per type, topic and promotion', async () => {
      const result = await search('q=');
      assert.deepEqual(result.facets.type, { guide: 4, defi: 2, pdf: 1 });
      assert.equal(
        result.facets.topics.juridique !== undefined && result.facets.topics.juridique >= 2,
        true,
      );
      assert.deepEqual(result.facets.promotion, { 'EIG 1': 1, 'EIG 2': 1 });
      assert.equal(result.total, 7);
    });

    it('keeps the other values of a filtered facet countable (disjunctive facets)', async () => {
      const result = await search('q=&type=defi');
      assert.equal(result.total, 2);
      assert.deepEqual(result.facets.type, { guide: 4, defi: 2, pdf: 1 });
    });
  });

  describe('filters', () => {
    it('filters by topic', async () => {
      const result = await search('q=&topic=hebergement');
      assert.deepEqual(resourceIdsOf(result), ['contenu-heberger']);
    });

    it('filters by type', async () => {
      const result = await search('q=&type=pdf');
      assert.deepEqual(resourceIdsOf(result), ['contenu-pdf-mini-guide-logiciel-libre']);
    });

    it('filters by promotion', async () => {
      const result = await search('q=&promotion=EIG%202');
      assert.deepEqual(resourceIdsOf(result), ['contenu-defis-2018-01-01-signaux']);
    });

    it('filters by organisation', async () => {
      const result = await search(
        `q=&organisation=${encodeURIComponent('Ministère de la Culture')}`,
      );
      assert.deepEqual(resourceIdsOf(result), ['contenu-defis-2017-01-01-orgues']);
    });

    it('combines several values of one filter with OR', async () => {
      const result = await search('q=&topic=hebergement&topic=donnees');
      assert.deepEqual(resourceIdsOf(result).sort(), ['contenu-heberger', 'contenu-rgpd']);
      assert.deepEqual(resourceIdsOf(await search('q=&topic=hebergement,donnees')).sort(), [
        'contenu-heberger',
        'contenu-rgpd',
      ]);
    });

    it('combines different filters with AND', async () => {
      const result = await search('q=&topic=juridique&type=guide&topic=donnees');
      assert.deepEqual(resourceIdsOf(result).sort(), ['contenu-publier-libre', 'contenu-rgpd']);
      assert.deepEqual(resourceIdsOf(await search('q=&topic=hebergement&type=defi')), []);
    });
  });

  describe('grouping', () => {
    it('returns one hit per resource by default, with the number of other matching sections', async () => {
      const result = await search('q=h%C3%A9bergement');
      const ids = resourceIdsOf(result);
      assert.equal(new Set(ids).size, ids.length);
      const heberger = result.hits.find((hit) => hit.resourceId === 'contenu-heberger');
      assert.ok(heberger);
      assert.ok((heberger.otherSections ?? 0) >= 2, `otherSections = ${heberger.otherSections}`);
    });

    it('returns every matching section with group=section', async () => {
      const result = await search('q=h%C3%A9bergement&group=section');
      const fromHeberger = result.hits.filter((hit) => hit.resourceId === 'contenu-heberger');
      assert.ok(fromHeberger.length >= 3);
      assert.equal(fromHeberger[0]?.otherSections, undefined);
    });
  });

  describe('pagination', () => {
    it('pages through results with page and limit', async () => {
      const first = await search('q=&limit=3&page=1');
      const third = await search('q=&limit=3&page=3');
      assert.equal(first.hits.length, 3);
      assert.equal(third.hits.length, 1);
      assert.equal(first.total, 7);
      assert.equal(third.page, 3);
      assert.equal(third.limit, 3);
    });

    it('answers an empty page past the end', async () => {
      const result = await search('q=&limit=3&page=9');
      assert.deepEqual(result.hits, []);
      assert.equal(result.total, 7);
    });

    it('refuses a limit over 50, naming the parameter', async () => {
      const response = await api.get('/api/search?q=x&limit=51').expect(400);
      assert.equal(response.body.error.code, 'invalid_parameter');
      assert.equal(response.body.error.message, 'limit: doit valoir au plus 50');
      assert.equal(response.body.error.parameter, 'limit');
    });

    it('refuses a page past the hits Meilisearch serves (the index setting), naming it', async () => {
      const response = await api.get(`/api/search?page=${MAX_TOTAL_HITS + 1}&limit=1`).expect(400);
      assert.equal(response.body.error.message, `page: doit valoir au plus ${MAX_TOTAL_HITS}`);
      assert.equal(response.body.error.parameter, 'page');
      const settings = await client.index(`${prefix}-sections`).getSettings();
      assert.equal(settings.pagination?.maxTotalHits, MAX_TOTAL_HITS);
    });

    it('refuses page 0 and a non-numeric limit', async () => {
      await api.get('/api/search?page=0').expect(400);
      const response = await api.get('/api/search?limit=abc').expect(400);
      assert.match(response.body.error.message, /^limit: /);
    });

    for (const written of ['1e3', '0x10', ' 2', '2.0', '+2', '-1', '1,5']) {
      it(`refuses page and limit written « ${written} »: digits only`, async () => {
        for (const parameter of ['page', 'limit']) {
          const response = await api
            .get(`/api/search?q=x&${parameter}=${encodeURIComponent(written)}`)
            .expect(400);
          assert.equal(response.body.error.code, 'invalid_parameter');
          assert.equal(response.body.error.parameter, parameter);
          assert.equal(
            response.body.error.message,
            `${parameter}: doit être un nombre entier écrit en chiffres (par ex. 2)`,
          );
        }
      });
    }

    it('takes leading zeros as the number they write', async () => {
      const result = await search('q=&limit=02&page=002');
      assert.equal(result.limit, 2);
      assert.equal(result.page, 2);
    });
  });

  describe('deep links', () => {
    it('links a Markdown hit to its heading anchor', async () => {
      const result = await search('q=SecNumCloud');
      const hit = result.hits[0];
      assert.equal(hit?.resourceId, 'contenu-heberger');
      assert.equal(hit?.anchor, 'secnumcloud');
      assert.equal(hit?.url, '/ressources/contenu-heberger#secnumcloud');
      assert.deepEqual(hit?.source, { path: 'heberger.md', format: 'markdown' });
      assert.deepEqual(hit?.hierarchy, ['Héberger un service public', 'SecNumCloud']);
    });

    it('links a PDF hit to its page', async () => {
      const result = await search('q=&type=pdf&group=section&limit=50');
      const hit = result.hits.find((candidate) => candidate.page === 2);
      assert.ok(hit, 'the PDF has a second page');
      assert.equal(hit.url, '/api/resources/contenu-pdf-mini-guide-logiciel-libre/file#page=2');
      assert.deepEqual(hit.source, { path: 'pdf/mini-guide-logiciel-libre.pdf', format: 'pdf' });
    });
  });

  describe('snippets', () => {
    it('escapes HTML first, then marks the matches', async () => {
      const result = await search('q=injection');
      const hit = result.hits[0];
      assert.ok(hit);
      assert.match(hit.snippet, /<mark>injection<\/mark>/);
      assert.match(hit.snippet, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(hit.snippet.replace(/<\/?mark>/g, ''), /<[a-z/]/i);
      assert.equal(hit.title, '<script>alert(1)</script> Le guide piégé');
    });
  });

  describe('French relevance', () => {
    it('finds accented words without their accents, and the other way round', async () => {
      assert.equal(resourceIdsOf(await search('q=hebergement'))[0], 'contenu-heberger');
      assert.equal(resourceIdsOf(await search('q=d%C3%A9l%C3%A9gu%C3%A9'))[0], 'contenu-rgpd');
      assert.equal(resourceIdsOf(await search('q=delegue'))[0], 'contenu-rgpd');
    });

    it('tolerates a typo', async () => {
      assert.equal(resourceIdsOf(await search('q=h%C3%A9bergment'))[0], 'contenu-heberger');
    });

    it('knows hosting means hébergement', async () => {
      assert.equal(resourceIdsOf(await search('q=hosting'))[0], 'contenu-heberger');
    });

    it('knows open source means logiciel libre, and back', async () => {
      assert.ok(resourceIdsOf(await search('q=open%20source')).includes('contenu-publier-libre'));
      const reverse = await search('q=logiciel%20libre&type=pdf');
      assert.deepEqual(resourceIdsOf(reverse), ['contenu-pdf-mini-guide-logiciel-libre']);
    });

    it('does not come back empty because one word of several matches nothing', async () => {
      const result = await search('q=zorglub%20h%C3%A9bergement');
      assert.equal(resourceIdsOf(result)[0], 'contenu-heberger');
      assert.deepEqual(result.ignoredWords, ['zorglub']);
    });

    it('answers 200 with no hits when nothing matches', async () => {
      const result = await search('q=xqzwvkj');
      assert.deepEqual(result.hits, []);
      assert.equal(result.total, 0);
    });
  });

  describe('bad input', () => {
    it('refuses a query longer than 200 characters', async () => {
      const response = await api.get(`/api/search?q=${'a'.repeat(201)}`).expect(400);
      assert.equal(response.body.error.message, 'q: ne doit pas dépasser 200 caractères');
    });

    it('refuses an unknown topic, listing the valid ones', async () => {
      const response = await api.get('/api/search?topic=astrologie').expect(400);
      assert.match(
        response.body.error.message,
        /topic: thématique inconnue « astrologie » \(valeurs possibles : open-source, hebergement,/,
      );
    });

    it('refuses an unknown type', async () => {
      const response = await api.get('/api/search?type=video').expect(400);
      assert.match(
        response.body.error.message,
        /^type: doit valoir guide, pdf, defi, article, page/,
      );
    });
  });

  describe('analytics', () => {
    it('records each search without personal data, the query normalised', async () => {
      await search('q=H%C3%A9bergement%20%20Cloud%20jean.dupont%40example.fr&topic=hebergement');
      await flushed();
      const lines = (await fs.readFile(path.join(dataDir, 'analytics/searches.jsonl'), 'utf8'))
        .trim()
        .split('\n');
      const entry = JSON.parse(lines.at(-1) ?? '{}');
      assert.equal(entry.query, 'hébergement cloud <email>');
      assert.deepEqual(entry.filters.topic, ['hebergement']);
      assert.equal(typeof entry.hits, 'number');
      assert.equal(typeof entry.durationMs, 'number');
      assert.deepEqual(Object.keys(entry).sort(), [
        'at',
        'durationMs',
        'filters',
        'hits',
        'id',
        'page',
        'query',
      ]);
    });
  });
});

describe('GET /api/resources', () => {
  it('lists resources with filters and pagination, most recent first', async () => {
    const response = await api.get('/api/resources?type=guide&limit=2').expect(200);
    assert.equal(response.body.total, 4);
    assert.equal(response.body.resources.length, 2);
    assert.equal(response.body.resources[0].id, 'contenu-publier-libre');
    assert.equal(response.body.resources[0].body, undefined, 'the body is not listed');
    // A facet's counts ignore its own filter: the other types stay countable.
    assert.deepEqual(response.body.facets.type, { guide: 4, defi: 2, pdf: 1 });
    assert.equal(response.body.facets.topics.hebergement, 1);
  });

  it('gives a resource with its sections and safe HTML whose heading ids are the anchors', async () => {
    const response = await api.get('/api/resources/contenu-heberger').expect(200);
    assert.equal(response.body.resource.title, 'Héberger un service public');
    const anchors = response.body.sections
      .map((section: { anchor?: string }) => section.anchor)
      .filter(Boolean);
    assert.deepEqual(anchors, ['les-options', 'secnumcloud', 'les-coûts']);
    for (const anchor of anchors)
      assert.match(response.body.html, new RegExp(`<h2 id="${anchor}">`));
  });

  it('renders a malicious document inert', async () => {
    const response = await api.get('/api/resources/contenu-piege').expect(200);
    assert.doesNotMatch(response.body.html, /<script/i);
    assert.equal(response.body.resource.summary, "<script>alert('fm')</script>");
  });

  it('answers 404 for an unknown resource, and 400 for a malformed id', async () => {
    const missing = await api.get('/api/resources/nope').expect(404);
    assert.equal(missing.body.error.code, 'not_found');
    await api.get('/api/resources/%3Cx%3E').expect(400);
  });

  it('serves the original file with its content type and a download name', async () => {
    const markdown = await api.get('/api/resources/contenu-heberger/file').expect(200);
    assert.match(markdown.headers['content-type'] ?? '', /^text\/markdown/);
    assert.match(
      markdown.headers['content-disposition'] ?? '',
      /attachment; filename="?heberger\.md"?/,
    );
    const pdf = await api
      .get('/api/resources/contenu-pdf-mini-guide-logiciel-libre/file')
      .expect(200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(
      pdf.headers['content-disposition'] ?? '',
      /inline; filename="?mini-guide-logiciel-libre\.pdf"?/,
    );
  });
});

describe('GET /api/topics', () => {
  it('lists the taxonomy with resource counts', async () => {
    const response = await api.get('/api/topics').expect(200);
    const hebergement = response.body.topics.find(
      (topic: { slug: string }) => topic.slug === 'hebergement',
    );
    assert.deepEqual(hebergement, {
      slug: 'hebergement',
      label: 'Hébergement',
      description: "Héberger un service numérique de l'État, du serveur au cloud qualifié.",
      count: 1,
    });
  });
});
