import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  estimateJaccard,
  minhashSignature,
  SIGNATURE_LENGTH,
  shingleHashes,
} from '../../ingest/minhash.ts';
import { parseSource } from '../../ingest/parsers/index.ts';
import { discoverFiles } from '../../ingest/sources.ts';
import {
  compareVersions,
  groupVersions,
  NEAR_DUPLICATE_THRESHOLD,
  type VersionCandidate,
} from '../../ingest/version-groups.ts';
import { resourceIdOf } from '../../src/content/ids.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { corpusDir, corpusExists } from '../helpers/ingest.ts';

const signatureOf = (text: string) => minhashSignature(shingleHashes(text));

/** A text of `count` distinct made-up words, deterministic. */
function words(count: number, salt: string): string {
  return Array.from({ length: count }, (_, i) => `${salt}${(i * 7919) % 100003}`).join(' ');
}

function candidate(
  id: string,
  text: string,
  extra: Partial<VersionCandidate> = {},
): VersionCandidate {
  return {
    id,
    title: id,
    url: `/ressources/${id}`,
    source: { path: `${id}.md`, format: 'markdown' },
    minhash: signatureOf(text),
    ...extra,
  };
}

describe('minhash', () => {
  it('gives the same signature to the same text, whatever the case and accents', () => {
    const a = signatureOf('Le défi a été présenté aux partenaires de la région Occitanie');
    assert.equal(a.length, SIGNATURE_LENGTH);
    assert.deepEqual(
      a,
      signatureOf('LE DEFI A ETE PRESENTE aux partenaires de la région occitanie'),
    );
  });

  it('estimates the Jaccard similarity of the shingle sets within three standard errors', () => {
    const base = words(400, 'm');
    // Replacing one word in 20 leaves the 5-word shingles that miss all replaced words.
    const edited = base
      .split(' ')
      .map((word, i) => (i % 20 === 10 ? `autre${i}` : word))
      .join(' ');
    const a = shingleHashes(base);
    const b = shingleHashes(edited);
    const shared = [...a].filter((hash) => b.has(hash)).length;
    const exact = shared / (a.size + b.size - shared);
    const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b));
    assert.ok(Math.abs(estimate - exact) < 0.13, `estimate ${estimate}, exact ${exact}`);
  });

  it('has no signature for a text shorter than a shingle, and never matches one', () => {
    assert.deepEqual(signatureOf('trop court'), []);
    assert.equal(estimateJaccard([], []), 0);
  });
});

describe('groupVersions', () => {
  const report = words(300, 'r');
  const revised = report.replace('r7919 ', 'r7919 modifié ');

  it('groups near-duplicates under the preferred version and leaves the rest alone', () => {
    const groups = groupVersions([
      candidate('rapport', report),
      candidate('rapport-vf', revised, { source: { path: 'rapport-VF.pdf', format: 'pdf' } }),
      candidate('autre', words(300, 'x')),
    ]);
    assert.equal(groups.get('rapport')?.versionGroup, 'rapport-vf');
    assert.deepEqual(
      groups.get('rapport')?.versions.map((version) => version.id),
      ['rapport-vf', 'rapport'],
    );
    assert.deepEqual(groups.get('autre'), { versionGroup: 'autre', versions: [] });
  });

  it('keeps apart two texts that share half their shingles (a guide quoting another)', () => {
    const quoted = words(300, 'q');
    const groups = groupVersions([
      candidate('mini-guide', quoted),
      candidate('guide', `${quoted} ${words(300, 'g')}`),
    ]);
    assert.equal(groups.get('guide')?.versionGroup, 'guide');
    assert.equal(groups.get('mini-guide')?.versionGroup, 'mini-guide');
  });

  it('puts three successive versions in one group', () => {
    const second = report.replace('r15838 ', 'r15838 ajout ');
    const third = second.replace('r23757 ', 'r23757 encore ');
    const groups = groupVersions([
      candidate('v1', report),
      candidate('v2', second),
      candidate('v3', third),
    ]);
    assert.equal(new Set([...groups.values()].map((group) => group.versionGroup)).size, 1);
  });
});

describe('compareVersions', () => {
  const at = (path: string, extra: Partial<VersionCandidate> = {}): VersionCandidate => ({
    id: path,
    title: path,
    url: `/${path}`,
    source: { path, format: path.endsWith('.pdf') ? 'pdf' : 'markdown' },
    minhash: [],
    ...extra,
  });
  const preferred = (...candidates: VersionCandidate[]) =>
    [...candidates].sort(compareVersions)[0]?.id;

  it('prefers a name marked final, whatever the dates', () => {
    assert.equal(
      preferred(
        at('rapport.pdf', { date: '2024-05-01' }),
        at('rapport-VF.pdf', { date: '2023-01-01' }),
      ),
      'rapport-VF.pdf',
    );
    assert.equal(preferred(at('bilan_final.pdf'), at('bilan.pdf')), 'bilan_final.pdf');
  });

  it('puts an archived or draft copy last', () => {
    assert.equal(preferred(at('archives/guide.md'), at('guide.md')), 'guide.md');
    assert.equal(preferred(at('guide-brouillon.md'), at('guide-v2.md')), 'guide-v2.md');
  });

  it('then prefers the newest, then a web page to a PDF, then the shorter path', () => {
    assert.equal(
      preferred(at('a.md', { date: '2021-01-01' }), at('b.md', { date: '2022-01-01' })),
      'b.md',
    );
    assert.equal(preferred(at('guide.pdf'), at('guide.md')), 'guide.md');
    assert.equal(preferred(at('serveur.md'), at('developpement.md')), 'serveur.md');
  });
});

describe('near-duplicates of the real corpus', () => {
  it('finds the one real pair (the same guide under two names) and no false pair', async (t) => {
    if (!(await corpusExists())) return t.skip('../shared/corpus absent');
    const candidates: VersionCandidate[] = [];
    for (const root of contentRoots([corpusDir])) {
      for (const file of await discoverFiles(root)) {
        const parsed = await parseSource(
          { relativePath: file.relativePath, bytes: await fs.readFile(file.absolutePath) },
          { pdfMaxPages: 200, promotionOfYear: () => undefined },
        );
        const id = resourceIdOf(root.key, file.relativePath);
        candidates.push({
          id,
          title: parsed.title,
          url: `/ressources/${id}`,
          source: { path: file.relativePath, format: parsed.format },
          minhash: signatureOf(parsed.sections.map((section) => section.text).join('\n')),
        });
      }
    }
    const groups = new Set(
      [...groupVersions(candidates, NEAR_DUPLICATE_THRESHOLD).values()]
        .filter((group) => group.versions.length > 1)
        .map((group) => group.versions.map((version) => version.id).join(' + ')),
    );
    assert.deepEqual([...groups], ['corpus-guides-serveur + corpus-guides-developpement']);
  });
});
