import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { corpusDir, corpusExists, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('corpus-contract');
after(() => dropIndexes(client, prefix));

// Real content carries what fixtures forget (odd dates, défi fields, PDFs): every answer
// about it must still be what /api/openapi.json describes.
describe(
  'the API over the whole EIG corpus',
  { skip: (await corpusExists()) ? false : 'corpus absent' },
  () => {
    it('answers every resource, its file, the lists and searches as the OpenAPI document says', async () => {
      await sync(await pipelineDeps(client, prefix), [corpusDir]);
      // Two requests per resource, some 650 of them: more than a minute's API allowance.
      const { app } = await buildTestApp({
        meili: client,
        prefix,
        contentDirs: [corpusDir],
        env: { API_RATE_LIMIT_PER_MINUTE: '100000' },
      });
      const api = await contractClient(app);

      const listed: { id: string; source: { path: string } }[] = [];
      for (let page = 1; ; page++) {
        const list = await api.get(`/api/resources?limit=50&page=${page}`).expect(200);
        listed.push(...list.body.resources);
        if (listed.length >= list.body.total) break;
      }
      assert.ok(listed.length >= 50, `only ${listed.length} resources`);
      for (const { id, source } of listed) {
        await api.get(`/api/resources/${id}`).expect(200);
        // A défi without a page or a person comes from an entry of a data file
        // (`data/personnes.yml#slug`): that file is never served whole.
        await api.get(`/api/resources/${id}/file`).expect(source.path.includes('#') ? 404 : 200);
      }
      for (const query of ['q=', 'q=logiciel%20libre', 'q=donn%C3%A9es&group=section&limit=50']) {
        await api.get(`/api/search?${query}`).expect(200);
      }
      await api.get('/api/topics').expect(200);
    });
  },
);
