import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { searchQuerySchema } from '../../src/search/search-query.ts';
import {
  defaultRanking,
  searchSections,
  type SearchDeps,
} from '../../src/search/search-sections.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

const { client } = testMeili();
const { prefix, names } = uniqueIndexes('ranking');
let deps: SearchDeps;
let parse: (q: string) => ReturnType<ReturnType<typeof searchQuerySchema>['parse']>;

before(async () => {
  const dir = await contentFolder({
    'voies-d-eau.md':
      "---\ntitle: Les voies d'eau\n---\n\n## Entretien\n\nLe canal du Midi est entretenu par une équipe dédiée.\n",
    'demarrer.md':
      '---\ntitle: Comment bien démarrer\n---\n\n## Comment faire\n\nComment lire, comment écrire, comment demander.\n',
    'heberger.md':
      "---\ntitle: Héberger un service\n---\n\n## Les options\n\nLes offres d'hébergement de l'État.\n",
    'publier.md':
      '---\ntitle: Ouvrir un jeu de données\n---\n\n## Sur data.gouv.fr\n\nCréer un compte, décrire les fichiers, les mettre en ligne.\n',
    // The words "défis EIG 1" as written are the post's, not the défi's ("défi", singular).
    'bilan.md':
      '---\ntitle: Bilan des défis EIG\n---\n\nLes défis EIG 1 et les défis EIG 2 ont livré leurs outils.\n',
    'defis/2017-01-01-orgues.md':
      '---\nlayout: defi\ntitle: Inventaire des orgues\n---\n\nLe défi : recenser les orgues de France.\n',
    // "réussir" on one page, "démo" on another: no page holds both words of the question.
    'arrivee.md':
      '---\ntitle: Réussir son arrivée\n---\n\n## Les premiers jours\n\nRéussir son arrivée, réussir ses premiers jours.\n',
    'presenter.md':
      '---\ntitle: Présenter son travail\n---\n\n## La démo\n\nUne démo courte montre le vrai produit.\n',
    // The 2017 défis name their host by its acronym only.
    'defis/2017-01-01-dgfip-fraude.md':
      '---\nlayout: defi\ntitle: DGFiP - Fraude fiscale\n---\n\nLe défi : cibler les contrôles.\n',
    'defis/2018-01-01-signaux.md':
      '---\nlayout: defi\ntitle: Signaux faibles\n---\n\nLe défi : détecter les entreprises en difficulté.\n',
  });
  const pipeline = await pipelineDeps(client, prefix);
  const summary = await sync(pipeline, [dir]);
  assert.deepEqual(summary.failed, []);
  deps = { meili: client, indexes: names, promotions: pipeline.promotions };
  const schema = searchQuerySchema(pipeline.taxonomy);
  parse = (q) => schema.parse({ q });
});
after(() => dropIndexes(client, prefix));

const firstTitle = async (q: string) => (await searchSections(deps, parse(q))).hits[0]?.title;

/** What Meilisearch finds on the words as written, without stems or question handling. */
async function rawTitles(q: string): Promise<string[]> {
  const { hits } = await client.index<{ title: string }>(names.sections).search(q, {
    attributesToSearchOn: ['title', 'heading', 'hierarchy', 'text'],
    locales: ['fra'],
  });
  return hits.map((hit) => hit.title);
}

describe('searchSections › French morphology', () => {
  it('a plural finds the singular', async () => {
    // The written word alone is out of typo reach: only its stem can find the page.
    assert.deepEqual(await rawTitles('canaux'), []);
    assert.equal(await firstTitle('canaux'), "Les voies d'eau");
  });
});

describe('searchSections › questions', () => {
  it('question words do not decide the ranking', async () => {
    const q = 'comment héberger mon service ?';
    // As written, "comment" leads Meilisearch to the page full of "comment".
    assert.equal((await rawTitles(q))[0], 'Comment bien démarrer');
    assert.equal(await firstTitle(q), 'Héberger un service');
  });
});

describe('searchSections › questions whose subject comes last', () => {
  it('the page about the last word is found when no page holds every word', async () => {
    const q = 'comment réussir une démo ?';
    const titles = async (ranking = defaultRanking) =>
      (await searchSections(deps, parse(q), ranking)).hits.map((hit) => hit.title);
    // Meilisearch drops words from the end: on its own, the query finds only "réussir".
    const forwardOnly = await titles({
      ...defaultRanking,
      weights: { ...defaultRanking.weights, reversed: 0 },
    });
    assert.ok(!forwardOnly.includes('Présenter son travail'), forwardOnly.join(', '));
    assert.ok((await titles()).slice(0, 2).includes('Présenter son travail'));
  });
});

describe('searchSections › organisations', () => {
  it('a défi filed under an acronym is found by the full name', async () => {
    assert.deepEqual(await rawTitles('direction générale des finances publiques'), []);
    assert.equal(
      await firstTitle('direction générale des finances publiques'),
      'DGFiP - Fraude fiscale',
    );
  });
});

describe('searchSections › English queries', () => {
  it('an English word finds the French page that says it in French', async () => {
    // Neither "publish" nor "files" is written on the page.
    assert.equal(await firstTitle('how do I publish files?'), 'Ouvrir un jeu de données');
  });
});

describe('searchSections › promotions', () => {
  it("a query naming a promotion ranks that promotion's défis first", async () => {
    const withoutTable = await searchSections(
      { meili: client, indexes: names },
      parse('défis EIG 1'),
    );
    assert.equal(withoutTable.hits[0]?.title, 'Bilan des défis EIG');
    const named = await searchSections(deps, parse('défis EIG 1'));
    // The two défis of 2017, before the post that holds the words as written.
    assert.deepEqual(
      new Set(named.hits.slice(0, 2).map((hit) => hit.title)),
      new Set(['Inventaire des orgues', 'DGFiP - Fraude fiscale']),
    );
  });

  it('a promotion is also named by its year', async () => {
    assert.equal(await firstTitle('EIG 2018'), 'Signaux faibles');
  });
});
