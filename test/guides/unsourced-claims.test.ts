import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/service.ts';
import { findUnsourcedClaims } from './unsourced-claims.ts';

const guidesDir = path.join(projectRoot, 'guides');

// A small guide: line numbers below count its front matter (lines 1-3).
const fixture = `---
title: "Exemple"
---

## Seuils

Le seuil est de 40 000 € hors taxes depuis le décret n° 2019-1344.

Le seuil est porté à 60 000 € par le [décret n° 2025-1386](https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053219191).

- Le forfait est de 2,88 € par jour (voir Sources).
- Les modalités sont fixées par décret, sans chiffre.
- La circulaire du 3 janvier 2024 s'impose aux ministères[^1].
- L'arrêté du 5 juin 2020 fixe un seuil de 9 M€[^2].

| Seuil | Montant |
| --- | --- |
| européen | 140 000 € |

[^1]: [Circulaire n° 6434/SG](https://www.tice-education.fr/exemple).
[^2]: Une note sans lien.

## Sources

- Arrêté du 23 novembre 2022, 2,88 € par jour : [Légifrance](https://www.legifrance.gouv.fr/).
`;

describe('finding the guide paragraphs that state a legal text or an amount without a source', () => {
  it('names the line, the first words and the trigger of each unsourced paragraph, list item and table row', () => {
    assert.deepEqual(findUnsourcedClaims(fixture), [
      { line: 7, excerpt: 'Le seuil est de 40 000 € hors …', trigger: 'décret n° 2019-1344' },
      { line: 14, excerpt: "L'arrêté du 5 juin 2020 fixe un seuil …", trigger: 'arrêté du 5 juin' },
      { line: 18, excerpt: 'européen 140 000 €', trigger: '140 000 €' },
    ]);
  });

  it('accepts « (voir Sources) » only when the Sources section has a link', () => {
    const withoutLinks = fixture.replace('[Légifrance](https://www.legifrance.gouv.fr/)', 'Légifrance');
    assert.deepEqual(
      findUnsourcedClaims(withoutLinks).map((claim) => claim.line),
      [7, 11, 14, 18],
    );
  });

  it('does not check the Sources section itself, nor paragraphs with no legal text nor amount', () => {
    assert.deepEqual(findUnsourcedClaims('## Sources\n\nDécret n° 2010-112, 40 000 €.\n\n## Suite\n\nRien à sourcer ici.\n'), []);
  });
});

describe('the shipped guides', async () => {
  const files = (await fs.readdir(guidesDir, { recursive: true })).filter((file) => file.endsWith('.md')).sort();

  for (const file of files) {
    it(`${file}: every paragraph naming a legal text or an amount in € has a source`, async () => {
      const claims = findUnsourcedClaims(await fs.readFile(path.join(guidesDir, file), 'utf8'));
      const report = claims.map((claim) => `guides/${file}:${claim.line} « ${claim.excerpt} » (${claim.trigger})`);
      assert.deepEqual(report, [], `add a link, the note « (voir Sources) » or a footnote with a link:\n${report.join('\n')}`);
    });
  }
});
