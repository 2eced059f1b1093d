import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../ingest/parsers/markdown.ts';
import {
  archivedAtOf,
  archiveSignal,
  offerClosingDate,
} from '../../../ingest/parsers/archive-signals.ts';
import { parsePost } from '../../../ingest/parsers/post.ts';
import { corpusDir, corpusExists } from '../../helpers/ingest.ts';
import { testParseOptions as parseOptions } from './options.ts';

const markdown = (relativePath: string, text: string) =>
  parseMarkdown({ relativePath, bytes: Buffer.from(text) }, parseOptions);

const none = () => undefined;

describe('archive signals', () => {
  it('archives a page whose front matter says `archived: true`, from the start', async () => {
    const parsed = await markdown(
      'ancien.md',
      '---\ntitle: Ancien guide\narchived: true\n---\n\nTexte.\n',
    );
    assert.deepEqual(parsed.archive, { reason: 'archived' });
    assert.equal(archivedAtOf({ reason: 'archived' }), 0);
  });

  it('keeps the expiry date of `expires` (ISO), archived from the next day', async () => {
    const parsed = await markdown(
      'appel.md',
      '---\ntitle: Appel à projets\nexpires: 2026-12-01\n---\n\nTexte.\n',
    );
    assert.deepEqual(parsed.archive, { reason: 'expires', date: '2026-12-01' });
    assert.equal(
      archivedAtOf({ reason: 'expires', date: '2026-12-01' }),
      Date.UTC(2026, 11, 2) / 1000,
    );
  });

  it('warns at its key about an unreadable expiry date, and archives nothing', async () => {
    const parsed = await markdown(
      'appel.md',
      '---\ntitle: Appel à projets\nexpires: bientôt\n---\n\nTexte.\n',
    );
    assert.equal(parsed.archive, undefined);
    const warning = parsed.warnings.find((one) => one.reason.includes('expiration'));
    assert.equal(
      warning?.reason,
      'date d’expiration illisible dans le front matter : « bientôt » (attendu AAAA-MM-JJ)',
    );
    assert.equal(warning?.line, 3);
  });

  it('archives a filled offer by its title (« [OFFRE POURVUE] », « [POURVU] »)', () => {
    for (const title of [
      '[OFFRE POURVUE] Rejoignez l’équipe EIG',
      '[Pourvu] Offre de stage',
      '(POURVUE) Chargé de mission',
    ]) {
      assert.deepEqual(
        archiveSignal({ title, data: {}, text: '' }, none),
        { reason: 'offer-filled' },
        title,
      );
    }
    assert.equal(
      archiveSignal({ title: 'Pourvu que ça dure', data: {}, text: '' }, none),
      undefined,
    );
  });

  it('reads the closing date of an offer in its text, in the ways French offers write it', () => {
    assert.equal(offerClosingDate('de préférence avant le 16 décembre 2018.'), '2018-12-16');
    assert.equal(offerClosingDate('Date limite de candidature : 1er mars 2020'), '2020-03-01');
    assert.equal(offerClosingDate('Candidatures jusqu’au 15/04/2019 inclus'), '2019-04-15');
    assert.equal(offerClosingDate('date limite : 2021-06-30'), '2021-06-30');
    assert.equal(offerClosingDate('avant le 31 février 2020'), undefined);
  });

  it('takes a closing date for an offer only, not for any page that says « avant le »', () => {
    const text = 'Envoyez votre CV avant le 16 décembre 2018.';
    assert.deepEqual(
      archiveSignal({ title: 'Offre de stage : appui au programme', data: {}, text }, none),
      { reason: 'offer-closes', date: '2018-12-16' },
    );
    assert.equal(archiveSignal({ title: 'Bien démarrer', data: {}, text }, none), undefined);
  });

  it('finds the filled offer and the closed internship offer of the development corpus', async (t) => {
    if (!(await corpusExists())) {
      t.skip('corpus absent');
      return;
    }
    const read = async (name: string) => {
      const relativePath = `seeds/${name}`;
      const bytes = await fs.readFile(path.join(corpusDir, relativePath));
      return parsePost({ relativePath, bytes }, parseOptions);
    };
    assert.deepEqual((await read('002_01f42f48fb42c645.md')).archive, { reason: 'offer-filled' });
    assert.deepEqual((await read('003_7a6d61119548d1f5.md')).archive, {
      reason: 'offer-closes',
      date: '2018-12-16',
    });
  });
});
