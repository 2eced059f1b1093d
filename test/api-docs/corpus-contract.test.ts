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
      const { app } = await buildTestApp({ meili: client, prefix, contentDirs: [corpusDir] });
      const api = await contractClient(app);

      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const list = await api.get(`/api/resources?limit=50&page=${page}`).expect(200);
        ids.push(...list.body.resources.map((resource: { id: string }) => resource.id));
        if (ids.length >= list.body.total) break;
      }
      assert.ok(ids.length >= 50, `only ${ids.length} resources`);
      for (const id of ids) {
        await api.get(`/api/resources/${id}`).expect(200);
        await api.get(`/api/resources/${id}/file`).expect(200);
      }
      for (const query of ['q=', 'q=logiciel%20libre', 'q=donn%C3%A9es&group=section&limit=50']) {
        await api.get(`/api/search?${query}`).expect(200);
      }
      await api.get('/api/topics').expect(200);
    });
  },
);
