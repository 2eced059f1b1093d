import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findResource } from '../../src/index-lookup/index-lookup.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';

/**
 * A PDF's metadata file (`<name>.pdf.yml`, written by the publishing store) gives its
 * title, summary, topics, owner and review date; editing it alone re-indexes the PDF.
 */

const { client } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

describe('the metadata file beside a PDF', () => {
  it('wins over the PDF text, is not a resource itself, and its edit alone re-indexes the PDF', async () => {
    const { prefix, names } = uniqueIndexes('pdfmeta');
    prefixes.push(prefix);
    const dir = await contentFolder({
      'rapport.pdf': buildPdf({ pages: [['Titre tiré du texte'], ['Deuxième page du rapport']] }),
      'rapport.pdf.yml':
        'title: Rapport d’activité\nsummary: Ce que le programme a fait.\ntopics: [hebergement]\nowner: Équipe EIG Link\nreviewed: 2026-11-01\n',
    });
    const deps = await pipelineDeps(client, prefix);
    const first = await sync(deps, [dir]);
    assert.deepEqual(first.failed, []);
    assert.equal(first.seen, 1, 'the YAML file is no resource of its own');
    const indexed = await findResource({ meili: client, indexes: names }, 'contenu-rapport');
    assert.equal(indexed?.title, 'Rapport d’activité');
    assert.equal(indexed?.summary, 'Ce que le programme a fait.');
    assert.deepEqual(indexed?.topics, ['hebergement']);
    assert.equal(indexed?.owner, 'Équipe EIG Link');
    assert.equal(indexed?.reviewed, '2026-11-01');

    await writeContent(dir, 'rapport.pdf.yml', 'title: Rapport d’activité 2026\n');
    const second = await sync(deps, [dir]);
    assert.equal(second.parsed, 1);
    const edited = await findResource({ meili: client, indexes: names }, 'contenu-rapport');
    assert.equal(edited?.title, 'Rapport d’activité 2026');
    assert.equal(path.basename(edited?.source.path ?? ''), 'rapport.pdf');
  });

  it('an invalid metadata file fails the PDF with the YAML reason', async () => {
    const { prefix } = uniqueIndexes('pdfmeta');
    prefixes.push(prefix);
    const dir = await contentFolder({
      'rapport.pdf': buildPdf({ pages: [['Un rapport']] }),
      'rapport.pdf.yml': 'title: [non fermé\n',
    });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.equal(summary.failed[0]?.code, 'invalid_front_matter');
  });
});
