import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import type { Section } from '../../src/content/model.ts';
import { corpusDir, corpusExists, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix } = uniqueIndexes('corpus');
after(() => dropIndexes(client, prefix));

describe(
  'ingesting the whole EIG corpus',
  { skip: (await corpusExists()) ? false : 'corpus absent' },
  () => {
    it('indexes every file or reports it, each resource with its sections', async () => {
      const summary = await sync(await pipelineDeps(client, prefix), [corpusDir]);
      assert.equal(summary.parsed + summary.failed.length, summary.seen);
      assert.ok(summary.seen >= 55, `only ${summary.seen} files seen`);
      for (const failure of summary.failed)
        assert.ok(failure.reason.length > 10, `${failure.path} has a reason`);

      const resources = (
        await client.index<ResourceRecord>(`${prefix}-resources`).getDocuments({ limit: 1000 })
      ).results;
      // Files, and the défis without a page and the people of the programme's data.
      const files = resources.filter((resource) => !resource.source.path.includes('#'));
      assert.equal(files.length, summary.parsed);
      const sections = client.index<Section>(`${prefix}-sections`);
      // More resources than a facet lists values (200): the sections are read instead.
      const withSections = new Set<string>();
      for (let offset = 0; ; offset += 1000) {
        const page = await sections.getDocuments({ fields: ['resourceId'], limit: 1000, offset });
        for (const section of page.results) withSections.add(section.resourceId);
        if (page.results.length < 1000) break;
      }
      for (const resource of resources) {
        assert.ok(withSections.has(resource.id), `${resource.id} has sections`);
      }

      const byPath = new Map(resources.map((resource) => [resource.source.path, resource]));
      assert.equal(byPath.get('defis/2018-01-01-signauxfaibles.md')?.promotion, 'EIG 2');
      assert.equal(byPath.get('defis/2017-01-01-dgfip-fraude-fiscale.md')?.promotion, 'EIG 1');
      assert.equal(byPath.get('defis/2018-01-01-signauxfaibles.md')?.type, 'defi');
      assert.equal(
        byPath.get('posts/18-11-14-administrations-eig-et-logiciel-libre.md')?.type,
        'article',
      );
      assert.equal(byPath.get('pdf/mini-guide-logiciel-libre.pdf')?.type, 'pdf');
      assert.equal(byPath.get('seeds/004_b0a67833a7e7f4f2.md')?.title, 'Devenir EIG');
      assert.equal(
        byPath.get('seeds/000_91d92001b8271d31.md')?.organisation,
        'Direction interministérielle du numérique (DINUM)',
      );
      assert.equal(byPath.get('guides/accessibilite.md')?.topics[0], 'accessibilite');
    });
  },
);
