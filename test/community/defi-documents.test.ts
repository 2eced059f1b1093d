import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defiReferences } from '../../ingest/parsers/defi-references.ts';
import {
  findDefiDocuments,
  namePattern,
  namesDefi,
  referenceKeys,
} from '../../src/community/defi-documents.ts';
import type { Resource } from '../../src/content/model.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';

describe('namePattern', () => {
  const names = (name: string, text: string) => namesDefi(text, [namePattern(name)]);

  it('finds a name of several words whatever its case and accents', () => {
    assert.ok(names('Lab Santé', 'Le défi lab sante a livré un outil.'));
    assert.ok(names('Vers l’école pour tous', "Le défi Vers l'école pour tous."));
  });

  it('finds a distinctive single word whatever its case', () => {
    assert.ok(names('MonitorFish', 'Monitorfish surveille les pêches.'));
    assert.ok(names('b@liseNAV', 'Le défi B@liseNav.'));
  });

  it('keeps the case of a single word that could be a common one', () => {
    assert.ok(names('Plume', 'Plume a été repris par la DILA.'));
    assert.ok(!names('Plume', 'Écrire à la plume.'));
    assert.ok(names('LABEL', 'Le défi LABEL.'));
    assert.ok(!names('LABEL', 'Un label de qualité.'));
  });

  it('matches whole words only', () => {
    assert.ok(!names('Enki', 'Enkidu, compagnon de Gilgamesh.'));
    assert.ok(!names('Hopkins', 'Hopkinson.'));
  });
});

describe('defiReferences', () => {
  it('keeps the front matter’s défis, folded, and the links to défi pages as paths', () => {
    assert.deepEqual(
      defiReferences({ defi: 'Lab Santé' }, [
        'https://entrepreneur-interet-general.etalab.gouv.fr/defis/2019/CibNav.html',
        '/defis/2018/labsante.html#equipe',
        'https://example.org/defis/',
        '/blog/2018/autre.html',
      ]),
      ['lab sante', '/defis/2019/cibnav.html', '/defis/2018/labsante.html'],
    );
  });

  it('gives the values referenceKeys looks for', () => {
    assert.deepEqual(
      referenceKeys({
        id: 'x',
        title: 'Lab Santé',
        key: 'Lab Santé',
        linkTo: '/defis/2018/labsante.html',
      }),
      ['lab sante', '/defis/2018/labsante.html'],
    );
  });
});

describe('findDefiDocuments', () => {
  const { client } = testMeili();
  const { prefix, names } = uniqueIndexes('defi-documents');
  let defis: Resource[];

  before(async () => {
    const dir = await contentFolder({
      'defis/2019-01-01-plume.md':
        '---\nlayout: defi\ntitle: Plume\n---\n\nLe défi : aider à rédiger les textes de loi.\n',
      'defis/2018-01-01-link.md':
        '---\nlayout: defi\ntitle: EIG Link\n---\n\nAccompagner les EIG en 2018.\n',
      'defis/2019-01-01-link.md':
        '---\nlayout: defi\ntitle: EIG Link\n---\n\nAccompagner les EIG en 2019.\n',
      'posts/19-01-01-bilan.md':
        '---\nlayout: post\ntitle: Bilan de l’année\n---\n\nPlume a été repris par l’administration. Écrit par EIG Link.\n',
      'posts/19-02-01-ecrire.md':
        '---\nlayout: post\ntitle: Écrire clairement\n---\n\nPrenez votre plus belle plume.\n',
      'posts/19-03-01-atelier.md':
        '---\nlayout: post\ntitle: Atelier du mois\ndefi: plume\n---\n\nUn atelier sur la rédaction.\n',
      'posts/19-04-01-lien.md':
        '---\nlayout: post\ntitle: Retour sur un défi\n---\n\nVoir [la page du défi](https://site.example/defis/2019/plume.html).\n',
      'guide.md': '---\ntitle: Un guide\n---\n\nPlume, dans un guide : pas un document du défi.\n',
    });
    const pipeline = await pipelineDeps(client, prefix);
    const summary = await sync(pipeline, [dir]);
    assert.deepEqual(summary.failed, []);
    ({ results: defis } = await client
      .index<Resource>(names.resources)
      .getDocuments({ filter: 'type = "defi"', limit: 100 }));
  });
  after(() => dropIndexes(client, prefix));

  const deps = { meili: client, indexes: names };
  const defi = (title: string) => {
    const found = defis.find((resource) => resource.title === title);
    assert.ok(found);
    return found;
  };

  it('lists the posts that name the défi or refer to it, not those where its name is a common word', async () => {
    const plume = defi('Plume');
    const documents = await findDefiDocuments(deps, {
      id: plume.id,
      title: plume.title,
      linkTo: '/defis/2019/plume.html',
    });
    assert.deepEqual(
      documents.map((document) => [document.title, document.match, document.type]),
      [
        ['Atelier du mois', 'reference', 'article'],
        ['Retour sur un défi', 'reference', 'article'],
        ['Bilan de l’année', 'title', 'article'],
      ],
    );
  });

  it('lists nothing for a name several défis share', async () => {
    const link = defis.find((resource) => resource.title === 'EIG Link');
    assert.ok(link);
    assert.deepEqual(await findDefiDocuments(deps, { id: link.id, title: link.title }), []);
  });
});
