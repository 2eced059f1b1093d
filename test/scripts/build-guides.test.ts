import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { PDFParse, type InfoResult } from 'pdf-parse';
import type { Section } from '../../src/content/model.ts';
import { buildGuidePdfs, GuideBuildError } from '../../scripts/build-guides/build-guide-pdfs.ts';
import { renderGuidePdf } from '../../scripts/build-guides/render-guide-pdf.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnTracked } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';

const sourcesDir = path.join(projectRoot, 'guides/sources');
const committedDir = path.join(projectRoot, 'guides/pdf');
const miniGuide = 'mini-guide-logiciel-libre';

const tempDirs: string[] = [];
after(() => Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-guides-'));
  tempDirs.push(dir);
  return dir;
}

/** Each page's text as pdf-parse (the ingester's reader) extracts it, lines joined by spaces. */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { pages } = await parser.getText();
    return pages.map((page) => page.text.replace(/\s+/g, ' ').trim());
  } finally {
    await parser.destroy();
  }
}

/** Metadata, bookmarks and per-page links, as pdf-parse reads them. */
async function pdfInfo(pdf: Buffer): Promise<InfoResult> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return await parser.getInfo({ parsePageInfo: true });
  } finally {
    await parser.destroy();
  }
}

const guideSource = (frontMatter: string, body: string): string =>
  `---\n${frontMatter}\n---\n\n${body}\n`;

const validFrontMatter = [
  'title: "Guide d’essai"',
  'summary: "Un résumé."',
  'topics: [open-source]',
  'owner: "Équipe EIG Link"',
  'reviewed: 2026-03-01',
].join('\n');

describe('build:guides', () => {
  it('builds byte-identical PDFs from the same sources', async () => {
    const [first, second] = [await tempDir(), await tempDir()];
    const builtFirst = await buildGuidePdfs({ sourcesDir, outDir: first });
    const builtSecond = await buildGuidePdfs({ sourcesDir, outDir: second });

    assert.ok(builtFirst.length > 0);
    assert.deepEqual(
      builtSecond.map((guide) => path.relative(second, guide.output)),
      builtFirst.map((guide) => path.relative(first, guide.output)),
    );
    for (const guide of builtFirst) {
      const relative = path.relative(first, guide.output);
      assert.ok(
        (await fs.readFile(guide.output)).equals(await fs.readFile(path.join(second, relative))),
        `${relative} differs between two builds`,
      );
    }
  });

  it('keeps the committed guides/pdf/ in step with guides/sources/ (run `npm run build:guides`)', async () => {
    const outDir = await tempDir();
    const built = await buildGuidePdfs({ sourcesDir, outDir });
    for (const guide of built) {
      const relative = path.relative(outDir, guide.output);
      const committed = await fs.readFile(path.join(committedDir, relative)).catch(() => undefined);
      assert.ok(
        committed !== undefined,
        `guides/pdf/${relative} is missing: run npm run build:guides`,
      );
      assert.ok(
        committed.equals(await fs.readFile(guide.output)),
        `guides/pdf/${relative} is out of date: run npm run build:guides`,
      );
    }
  });

  it('writes the mini-guide with its accents, its metadata and a page number on every page', async () => {
    const pdf = await fs.readFile(path.join(committedDir, `${miniGuide}.pdf`));
    const pages = await pageTexts(pdf);
    const { info } = await pdfInfo(pdf);

    assert.ok(pages.length >= 2);
    assert.ok(pdf.length < 300 * 1024, `${pdf.length} bytes`);
    assert.equal(info.Title, "Mini-guide du logiciel libre à l'usage des EIG");
    assert.equal(info.Author, 'Équipe EIG Link');
    assert.equal(info.Keywords, 'open-source, juridique');
    assert.equal(info.Language, 'fr-FR');
    assert.match(info.Subject as string, /^Un guide court, à imprimer/);
    assert.match(pages[0] ?? '', /Mis à jour le 26 novembre 2026 · Équipe EIG Link/);
    assert.match(pages.join(' '), /l'auteur autorise certains usages de son œuvre\./);
    assert.match(pages.join(' '), /Le SILL consulté avant de choisir un outil\./);
    pages.forEach((text, index) =>
      assert.match(text, new RegExp(`Page ${index + 1} / ${pages.length}$`)),
    );
  });

  it('embeds fonts that carry every French character a guide may use', async () => {
    const sentence =
      '« Ça coûte cher », dit-elle : l’œuvre de Noël à Tréguier… Où ? Là, déjà ! Æsop, Ÿ.';
    const { pdf } = await renderGuidePdf(guideSource(validFrontMatter, `# Essai\n\n${sentence}`));
    const [text] = await pageTexts(pdf);

    assert.ok(text?.includes(sentence), text);
    assert.match(text ?? '', /Mis à jour le 1er mars 2026/);
  });

  it('links the text of each web link to its URL and leaves relative links as text', async () => {
    const body = 'Voir [le SILL](https://code.gouv.fr/sill/) et [un guide voisin](../voisin.md).';
    const { pdf } = await renderGuidePdf(guideSource(validFrontMatter, body));
    const { pages } = await pdfInfo(pdf);

    assert.deepEqual(
      pages.flatMap((page) => page.links.map((link) => link.url)),
      ['https://code.gouv.fr/sill/'],
    );
    assert.match((await pageTexts(pdf))[0] ?? '', /Voir le SILL et un guide voisin\./);
  });

  it('bookmarks the headings of the guide', async () => {
    const body =
      '# Essai\n\n## Première partie\n\n### Détail\n\nTexte.\n\n## Seconde partie\n\nTexte.';
    const { pdf } = await renderGuidePdf(guideSource(validFrontMatter, body));
    const { outline } = await pdfInfo(pdf);

    assert.deepEqual(
      outline?.map((item) => [item.title, item.items.map((child) => child.title)]),
      [
        ['Essai', []],
        ['Première partie', ['Détail']],
        ['Seconde partie', []],
      ],
    );
  });

  it('refuses a source with an invalid front matter, names the field and writes nothing', async () => {
    const sources = await tempDir();
    const outDir = path.join(await tempDir(), 'pdf');
    await fs.writeFile(path.join(sources, 'a-valide.md'), guideSource(validFrontMatter, 'Texte.'));
    await fs.writeFile(
      path.join(sources, 'b-invalide.md'),
      guideSource(validFrontMatter.replace('reviewed: 2026-03-01', 'reviewed: demain'), 'Texte.'),
    );

    await assert.rejects(buildGuidePdfs({ sourcesDir: sources, outDir }), (error: unknown) => {
      assert.ok(error instanceof GuideBuildError);
      assert.equal(
        error.message,
        'b-invalide.md : front matter invalide : reviewed : date attendue au format AAAA-MM-JJ',
      );
      return true;
    });
    await assert.rejects(fs.access(outDir));
  });

  it('exits 1 with a French message when a source has no front matter', async () => {
    const sources = await tempDir();
    await fs.writeFile(path.join(sources, 'sans-entete.md'), '# Titre\n\nTexte.\n');
    const run = await spawnTracked(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-guides/main.ts', sources, await tempDir()],
      { cwd: projectRoot, env: process.env },
    );

    assert.equal(await run.exited, 1);
    assert.match(
      run.stderr(),
      /sans-entete\.md : front matter absent : le guide doit commencer par un bloc YAML/,
    );
  });

  it('makes a sentence of the PDF findable on its own page once ingested', async () => {
    const { client } = testMeili();
    const { prefix } = uniqueIndexes('guides');
    after(() => dropIndexes(client, prefix));
    const pdf = await fs.readFile(path.join(committedDir, `${miniGuide}.pdf`));
    const sentence = 'Publier dès le premier commit est plus simple que de publier au dixième mois';
    const pages = await pageTexts(pdf);
    const onPages = pages.flatMap((text, index) => (text.includes(sentence) ? [index + 1] : []));
    assert.equal(
      onPages.length,
      1,
      `the sentence should be on exactly one page, found on ${onPages.join(', ')}`,
    );
    const page = onPages[0];
    assert.ok(page !== undefined && page > 1);

    const dir = await contentFolder({ [`${miniGuide}.pdf`]: pdf });
    const summary = await sync(await pipelineDeps(client, prefix), [dir]);
    assert.deepEqual(summary.failed, []);
    const { hits } = await client.index<Section>(`${prefix}-sections`).search(sentence);

    assert.equal(hits[0]?.page, page);
    assert.ok(hits[0]?.url.endsWith(`#page=${page}`), hits[0]?.url);
  });
});
