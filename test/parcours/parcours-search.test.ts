import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import { searchSections, type SearchDeps } from '../../src/search/search-sections.ts';
import { pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

/**
 * Parcours are indexed like resources of type `parcours`: their title, description and
 * notes are searchable, so the questions of a newcomer lead to the onboarding parcours.
 */

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('parcours-search');
const guidesDir = path.join(projectRoot, 'guides');
let deps: SearchDeps;
let parse: (q: string) => ReturnType<ReturnType<typeof searchQuerySchema>['parse']>;

before(async () => {
  const pipeline = await pipelineDeps(client, prefix);
  const summary = await sync(pipeline, [guidesDir]);
  assert.deepEqual(summary.failed, []);
  deps = { meili: client, indexes: names, promotions: pipeline.promotions };
  const schema = searchQuerySchema(pipeline.taxonomy);
  parse = (q) => schema.parse({ q });
});
after(() => dropIndexes(client, prefix));

describe('searching the shipped guides for a parcours', () => {
  for (const q of ['par où commencer', 'onboarding', 'par où commencer ?']) {
    it(`« ${q} » puts « Bien démarrer sa promotion » first`, async () => {
      const { hits } = await searchSections(deps, parse(q));
      assert.equal(
        hits[0]?.title,
        'Bien démarrer sa promotion',
        hits.map((hit) => hit.title).join(' | '),
      );
      assert.equal(hits[0]?.type, 'parcours');
      assert.match(hits[0]?.url ?? '', /^\/parcours\/bien-demarrer-sa-promotion#/);
    });
  }

  it('a parcours is found by the words of a step’s note', async () => {
    const { hits } = await searchSections(deps, parse('nettoyez l’historique git secret'));
    assert.ok(
      hits.some((hit) => hit.title === 'Publier son code en open source'),
      hits.map((hit) => hit.title).join(' | '),
    );
  });
});
