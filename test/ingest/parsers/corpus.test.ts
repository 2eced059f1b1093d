import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  parseSource,
  ParseError,
  type ParsedDocument,
  type ParsedSection,
} from '../../../ingest/parsers/index.ts';
import { testParseOptions } from './options.ts';

/**
 * The parsers against the real EIG content of ../shared/corpus (skipped where it is absent):
 * every file parses or fails with a ParseError, never to an empty section list, extras never
 * reach the text, and known files give their known title, type, promotion, organisation,
 * headings and anchors.
 */

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const corpusRoot = path.resolve(projectRoot, '../shared/corpus');
const corpusExists = existsSync(corpusRoot);

const cache = new Map<string, Promise<ParsedDocument | ParseError>>();

/** Parses a corpus file once (relative to the corpus root), returning the document or its ParseError. */
function parsed(relativePath: string): Promise<ParsedDocument | ParseError> {
  let result = cache.get(relativePath);
  if (result === undefined) {
    result = fs.readFile(path.join(corpusRoot, relativePath)).then((bytes) =>
      parseSource({ relativePath, bytes }, testParseOptions).catch((error: unknown) => {
        if (error instanceof ParseError) return error;
        throw error;
      }),
    );
    cache.set(relativePath, result);
  }
  return result;
}

/** The document of a corpus file that must parse. */
async function documentOf(relativePath: string): Promise<ParsedDocument> {
  const result = await parsed(relativePath);
  if (result instanceof ParseError)
    assert.fail(`${relativePath} : ${result.code} — ${result.message}`);
  return result;
}

function sectionNamed(document: ParsedDocument, heading: string): ParsedSection {
  const section = document.sections.find((candidate) => candidate.heading === heading);
  assert.ok(
    section !== undefined,
    `pas de section « ${heading} » parmi : ${document.sections.map((s) => s.heading).join(' | ')}`,
  );
  return section;
}

async function corpusFiles(): Promise<string[]> {
  if (!corpusExists) return [];
  const entries = await fs.readdir(corpusRoot, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(corpusRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => /\.(?:md|pdf)$/i.test(file))
    .sort();
}

/** `## Heading` lines of a Markdown source (outside code), as plain text. */
function sourceHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(?:```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^ {0,3}#{1,4}\s+(.*?)\s*#*\s*$/.exec(line);
    if (match?.[1] !== undefined) headings.push(plainHeading(match[1]));
  }
  return headings;
}

function plainHeading(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const files = await corpusFiles();

describe('parsers on the EIG corpus', { skip: corpusExists ? false : 'corpus absent' }, () => {
  describe('every file', () => {
    for (const file of files) {
      it(`${file} parses to sections, or fails with a ParseError`, async () => {
        const result = await parsed(file);
        if (result instanceof ParseError) return;
        assert.ok(result.sections.length > 0, 'aucune section');
        assert.ok(result.title.trim() !== '', 'titre vide');
        for (const section of result.sections) {
          assert.ok(section.hierarchy.length > 0, `hiérarchie vide pour « ${section.heading} »`);
          assert.equal(section.hierarchy.at(-1), section.heading);
          // The corpus README shows these markers as inline code, which is kept as text.
          assert.doesNotMatch(
            file === 'README.md' ? '' : section.text,
            /\[\[toc\]\]|\{%|\{\{/i,
            'Liquid ou [[toc]] dans le texte',
          );
          // Inline code may show a tag (`<title>`): only the tags of raw HTML are checked.
          assert.doesNotMatch(
            section.text,
            /<\/?(?:script|style|div|p|table|tr|td|th|br|img|a|center|em|strong)\b[^>]*>/i,
            `HTML brut dans « ${section.heading} »`,
          );
          assert.doesNotMatch(
            section.text,
            /^(?::::|\*\[)/m,
            `extra VuePress dans « ${section.heading} »`,
          );
        }
      });
    }
  });

  it('finds every Markdown heading with text under it among the sections of guides, défis and posts', async () => {
    for (const file of files.filter((name) => /^(?:guides|defis|posts)\/.*\.md$/.test(name))) {
      const document = await documentOf(file);
      const source = await fs.readFile(path.join(corpusRoot, file), 'utf8');
      const headings = sourceHeadings(source);
      for (const section of document.sections.filter((s) => s.anchor !== undefined)) {
        assert.ok(
          headings.includes(section.heading),
          `${file} : « ${section.heading} » absent de la source`,
        );
      }
    }
  });

  describe('seeds', () => {
    it('000: a later défi page (no layout) with who, date, expertises', async () => {
      const document = await documentOf('seeds/000_91d92001b8271d31.md');
      assert.equal(document.title, 'EIG Link');
      assert.equal(document.type, 'defi');
      assert.equal(document.promotion, 'EIG 5');
      assert.equal(document.organisation, 'Direction interministérielle du numérique (DINUM)');
      assert.equal(document.date, '2021-05-21');
      assert.deepEqual(document.fields?.['expertises'], ['Design', 'Développement']);
      assert.equal(sectionNamed(document, 'Le contexte').anchor, 'le-contexte');
      const h4 = sectionNamed(document, 'Vos défis techniques');
      assert.equal(h4.anchor, 'vos-défis-techniques');
      assert.deepEqual(h4.hierarchy, ['EIG Link', 'Le terrain de jeu', 'Vos défis techniques']);
      // "## Faire ses voeux" has nothing under it.
      assert.equal(document.sections.at(-1)?.heading, 'Votre impact');
    });

    it('001: a défi whose body is the Markdown of its description', async () => {
      const document = await documentOf('seeds/001_a49b09e829ced2db.md');
      assert.equal(document.type, 'defi');
      assert.equal(
        document.title,
        "EIG Link : accompagner une communauté inédite d'entrepreneur•e•s au sein de l'État",
      );
      assert.equal(document.promotion, 'EIG 2');
      assert.equal(
        document.organisation,
        "Etalab, Direction interministérielle du numérique et du système d'information et de communication de l'État",
      );
      assert.equal(sectionNamed(document, 'La problématique').anchor, 'la-problématique');
      assert.equal(
        sectionNamed(document, '1 entrepreneur•e recherché•e').anchor,
        '1-entrepreneure-recherchée',
      );
      assert.match(document.html ?? '', /^<h2 id="la-problématique">La problématique<\/h2>/);
    });

    it('002: a job offer written as a blog post', async () => {
      const document = await documentOf('seeds/002_01f42f48fb42c645.md');
      assert.equal(document.type, 'article');
      assert.match(document.title, /^\[OFFRE POURVUE\] Rejoignez l'équipe/);
      assert.equal(document.author, 'Soizic Pénicaud, équipe EIG');
      assert.deepEqual(document.fields?.['tags'], ['accompagnement', 'recrutement']);
      assert.equal(sectionNamed(document, 'Vos missions').anchor, 'vos-missions');
      assert.equal(sectionNamed(document, 'Rejoignez-nous').anchor, 'rejoignez-nous');
    });

    it('003: an internship offer written as a blog post', async () => {
      const document = await documentOf('seeds/003_7a6d61119548d1f5.md');
      assert.equal(document.type, 'article');
      assert.equal(document.author, 'Soizic Pénicaud, équipe EIG');
      assert.equal(
        sectionNamed(document, 'Tes missions potentielles').anchor,
        'tes-missions-potentielles',
      );
      assert.equal(sectionNamed(document, 'À bientôt !').anchor, 'à-bientôt');
    });

    it('004: a page that is YAML front matter only', async () => {
      const document = await documentOf('seeds/004_b0a67833a7e7f4f2.md');
      assert.equal(document.type, 'page');
      assert.equal(document.format, 'yaml');
      assert.equal(document.title, 'Devenir EIG');
      const why = sectionNamed(document, 'Pourquoi devenir EIG ?');
      assert.equal(why.anchor, 'pourquoi-devenir-eig-');
      assert.match(why.text, /Rejoindre la fonction publique en contrat de projet/);
      const product = sectionNamed(document, 'Directeur ou directrice de produit');
      assert.deepEqual(product.hierarchy, [
        'Devenir EIG',
        'Les nouveaux profils recherchés',
        'Directeur ou directrice de produit',
      ]);
      assert.ok(!document.sections.some((section) => /candidates|\.pdf/.test(section.text)));
    });
  });

  describe('guides', () => {
    it('accessibilite.md: abbreviations become keywords, containers and [[toc]] vanish', async () => {
      const document = await documentOf('guides/accessibilite.md');
      assert.equal(document.title, 'Accessibilité');
      assert.equal(document.type, 'guide');
      assert.ok(
        document.keywords?.includes("RGAA : Référentiel Général d'Amélioration de l'Accessibilité"),
      );
      const rgaa = sectionNamed(document, 'Comprendre le RGAA 4');
      assert.equal(rgaa.anchor, 'comprendre-le-rgaa-4');
      assert.deepEqual(rgaa.hierarchy, ['Accessibilité', 'Comprendre le RGAA 4']);
      assert.match(rgaa.text, /Changement de nom du Reférentiel Général entre la version 3 et 4/);
      assert.equal(sectionNamed(document, 'Évaluation / Audit').anchor, 'évaluation--audit');
    });

    it('opensource.md: the cells of a raw HTML table are text', async () => {
      const document = await documentOf('guides/opensource.md');
      assert.equal(document.title, 'Publier et réutiliser des codes sources de logiciels');
      const degrees = sectionNamed(document, "Des degrés d'ouverture des projets libres");
      assert.equal(degrees.anchor, 'des-degrés-douverture-des-projets-libres');
      assert.match(degrees.text, /Degré \| Publié \| Licence libre \| Maintenance/);
    });

    it('programme-eig.md: an h2 repeating the h1 gets the next anchor', async () => {
      const document = await documentOf('guides/programme-eig.md');
      const who = sectionNamed(document, 'Qui sommes-nous ?');
      assert.deepEqual(who.hierarchy, [
        'Le programme EIG',
        'Le programme EIG',
        'Qui sommes-nous ?',
      ]);
      assert.equal(who.anchor, 'qui-sommes-nous-');
    });
  });

  describe('défis', () => {
    it('2017-01-01-afd-geodata.md: promotion from the file name, host from the title', async () => {
      const document = await documentOf('defis/2017-01-01-afd-geodata.md');
      assert.equal(document.title, 'AFD - Geodata');
      assert.equal(document.type, 'defi');
      assert.equal(document.promotion, 'EIG 1');
      assert.equal(document.organisation, 'AFD');
      assert.equal(document.sections.length, 1);
      assert.equal(document.sections[0]?.anchor, undefined);
    });

    it('2018-01-01-archifiltre.md: a 2018 défi is EIG 2', async () => {
      const document = await documentOf('defis/2018-01-01-archifiltre.md');
      assert.equal(document.title, 'Archifiltre');
      assert.equal(document.promotion, 'EIG 2');
      assert.equal(document.organisation, undefined);
      assert.match(document.sections[0]?.text ?? '', /Testez-la sur archifiltre\.github\.io/);
    });
  });

  describe('posts', () => {
    it('18-11-14-administrations-eig-et-logiciel-libre.md: author, YY-MM-DD date, sections', async () => {
      const document = await documentOf('posts/18-11-14-administrations-eig-et-logiciel-libre.md');
      assert.equal(document.type, 'article');
      assert.equal(document.title, 'Et le logiciel libre dans tout ça ?');
      assert.equal(document.author, 'Bastien Guerry, EIG Link');
      assert.equal(document.date, '2018-11-14');
      assert.equal(
        sectionNamed(document, "Le logiciel libre et l'administration publique").anchor,
        'le-logiciel-libre-et-ladministration-publique',
      );
    });

    it('18-03-16-programme-eig-point-de-vue-technique.md: h1 sections under the front matter title', async () => {
      const document = await documentOf('posts/18-03-16-programme-eig-point-de-vue-technique.md');
      assert.equal(document.date, '2018-03-16');
      const bootcamp = sectionNamed(document, 'Le bootcamp : un moment de forte cohésion');
      assert.equal(bootcamp.anchor, 'le-bootcamp-un-moment-de-forte-cohésion');
      assert.deepEqual(bootcamp.hierarchy, [document.title, bootcamp.heading]);
      assert.equal(
        sectionNamed(document, "L'écosystème : No EIG is an island").anchor,
        'lécosystème-no-eig-is-an-island',
      );
    });
  });

  describe('PDFs', () => {
    it('mini-guide-logiciel-libre.pdf: no metadata title, titled by the largest text of page 1', async () => {
      const document = await documentOf('pdf/mini-guide-logiciel-libre.pdf');
      assert.equal(document.type, 'pdf');
      assert.equal(document.title, 'Mini-guide pour l’ouverture du code source d’un défi EIG');
      assert.equal(document.titleSource, 'largest-text');
      assert.equal(document.pageCount, 1);
      assert.equal(document.sections[0]?.page, 1);
      assert.match(document.sections[0]?.text ?? '', /tous les systèmes d’information reposent/);
    });

    it('checklist-arrivee-EIG.pdf: one section per page, headed by its first line', async () => {
      const document = await documentOf('pdf/checklist-arrivee-EIG.pdf');
      assert.equal(document.title, 'Checklist arrivée des EIG');
      assert.equal(document.titleSource, 'largest-text');
      assert.deepEqual(
        document.sections.map((section) => [section.page, section.heading]),
        [
          [1, 'Checklist arrivée des EIG'],
          [2, '3.Internet'],
        ],
      );
    });

    it('EIG_VisionDefi.pdf: a template metadata title and template headings give way to the file name', async () => {
      // Metadata "Templates_Vision_EIG4", largest text "LE DÉFI", first line "NOM DU DÉFI".
      const document = await documentOf('pdf/EIG_VisionDefi.pdf');
      assert.equal(document.title, 'EIG Vision Defi');
      assert.equal(document.titleSource, 'file-name');
      assert.equal(document.pageCount, 2);
    });

    it('no page of a real PDF is taken for garbled text', async () => {
      const pdfs = (await corpusFiles()).filter((file) => file.endsWith('.pdf'));
      assert.ok(pdfs.length > 0);
      for (const file of pdfs) {
        const document = await documentOf(file);
        assert.deepEqual(
          document.warnings.filter(({ reason }) => reason.includes('illisible')),
          [],
          file,
        );
      }
    });
  });

  it('README.md and LICENCE-OUVERTE.md are pages', async () => {
    assert.equal((await documentOf('README.md')).type, 'page');
    assert.equal((await documentOf('LICENCE-OUVERTE.md')).type, 'page');
  });
});
