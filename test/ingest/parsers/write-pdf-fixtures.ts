import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildPdf } from '../../helpers/pdf-builder.ts';

/**
 * Writes the PDF inputs of test/fixtures/parsers/pdf/ (run by hand, then commit them):
 * `node --import tsx test/ingest/parsers/write-pdf-fixtures.ts`. The encrypted one needs
 * `qpdf` (Debian package); without it, the committed file is left as it is.
 */

const root = path.resolve(import.meta.dirname, '../../fixtures/parsers/pdf');

const text = buildPdf({
  title: 'Guide de publication du code source',
  pages: [
    [
      'Publier son code source',
      'Une administration publie le code source de ses logi-',
      'ciels sous une licence libre de la liste officielle.',
      'Le choix se fait avec la hiérarchie et Etalab.',
    ],
    [
      'Choisir une licence',
      'Licences permissives : MIT, Apache 2.0, BSD.',
      'Licences à réciprocité : GPL, EUPL, CeCILL.',
    ],
  ],
});

const cases: Record<string, Buffer> = {
  'text/input.pdf': text,
  'untitled-metadata/input.pdf': buildPdf({
    title: 'Microsoft Word - note_interne.doc',
    pages: [
      [
        '- 1 -',
        "Checklist d'arrivée des EIG",
        'Le poste de travail est prêt : OUI / NON',
        'Les accès aux données sont ouverts : OUI / NON',
      ],
      ['2'],
      ['Communication', "L'arrivée des EIG est annoncée aux équipes : OUI / NON"],
    ],
  }),
  'blank-page/input.pdf': buildPdf({
    pages: [
      ['Vision du défi', 'Le défi vise à simplifier les démarches.'],
      [],
      ['Freins identifiés', 'Accès aux données.'],
    ],
  }),
  'scan/input.pdf': buildPdf({ title: 'Scan du formulaire', pages: [[], []] }),
  'corrupt/input.pdf': text.subarray(0, Math.floor(text.length / 2)),
  'not-a-pdf/input.pdf': Buffer.from(
    'Ceci est un texte enregistré avec une extension .pdf.\n',
    'latin1',
  ),
  'too-many-pages/input.pdf': buildPdf({ pages: [['Page un'], ['Page deux'], ['Page trois']] }),
};

for (const [file, bytes] of Object.entries(cases)) {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), bytes);
}

const encrypted = path.join(root, 'encrypted/input.pdf');
await fs.mkdir(path.dirname(encrypted), { recursive: true });
try {
  execFileSync('qpdf', [
    '--encrypt',
    'lecture',
    'proprietaire',
    '256',
    '--',
    path.join(root, 'text/input.pdf'),
    encrypted,
  ]);
} catch (error) {
  console.warn(`qpdf indisponible, ${encrypted} n'est pas régénéré :`, error);
}
