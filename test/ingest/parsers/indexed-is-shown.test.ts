import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseSource, ParseError, type ParsedDocument } from '../../../ingest/parsers/index.ts';
import { testParseOptions } from './options.ts';

/**
 * What is indexed is what is shown: every section's anchor is an id of the stored HTML,
 * and every line of its text is text of that HTML, on made-up pages and on the whole
 * corpus (`../shared/corpus`, skipped where absent) and the shipped guides.
 */

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const corpusRoot = path.resolve(projectRoot, '../shared/corpus');
const roots = [path.join(projectRoot, 'guides'), ...(existsSync(corpusRoot) ? [corpusRoot] : [])];

/** Whitespace collapsed, as a reader compares text. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The stored HTML as a reader gets it: its text (an image as its alt text) and its ids. */
function shown(html: string): { text: string; ids: Set<string> } {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const ids = new Set<string>();
  visit(tree, 'element', (node, index, parent) => {
    const id = node.properties['id'];
    if (typeof id === 'string') ids.add(id);
    if (node.tagName === 'img' && parent !== undefined && index !== undefined) {
      const alt = node.properties['alt'];
      parent.children[index] = { type: 'text', value: typeof alt === 'string' ? alt : '' };
    }
  });
  return { text: normalise(toText(tree)), ids };
}

/** What a reader must find of a section's text: its lines, table rows cut at their cells. */
function pieces(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.split(' | '))
    .map(normalise)
    .filter((piece) => piece !== '');
}

function assertIndexedIsShown(document: ParsedDocument, name: string): void {
  assert.ok(document.html !== undefined, `${name} : pas de HTML enregistré`);
  const page = shown(document.html);
  for (const section of document.sections) {
    if (section.anchor !== undefined) {
      assert.ok(page.ids.has(section.anchor), `${name} : #${section.anchor} n'est pas sur la page`);
      assert.ok(
        page.text.includes(normalise(section.heading)),
        `${name} : titre « ${section.heading} » absent de la page`,
      );
    }
    for (const piece of pieces(section.text)) {
      assert.ok(page.text.includes(piece), `${name} : « ${piece} » indexé mais absent de la page`);
    }
  }
}

async function parseMarkdown(markdown: string): Promise<ParsedDocument> {
  return parseSource({ relativePath: 'page.md', bytes: Buffer.from(markdown) }, testParseOptions);
}

const allText = (document: ParsedDocument): string =>
  document.sections.map((section) => section.text).join('\n');

async function markdownFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe('indexed text is shown text', () => {
  describe('text inside raw HTML is either both indexed and shown or neither', () => {
    it('a <div>’s text is in a section and in the stored HTML', async () => {
      const document = await parseMarkdown(
        '# Page\n\nAvant.\n\n<div class="note">Texte caché dans un bloc HTML</div>\n\nAprès.\n',
      );
      assert.match(allText(document), /Texte caché dans un bloc HTML/);
      assert.match(document.html ?? '', /<div>Texte caché dans un bloc HTML<\/div>/);
      assertIndexedIsShown(document, 'page.md');
    });

    it('a <script>’s or <style>’s body and an HTML comment are in neither', async () => {
      const document = await parseMarkdown(
        [
          '# Page',
          '',
          '<script>alert("corps du script")</script>',
          '',
          '<style>.regle-de-style { color: red }</style>',
          '',
          '<!-- commentaire de rédaction -->',
          '',
          'Un script en ligne <script>document.write("en ligne")</script> disparaît.',
          '',
        ].join('\n'),
      );
      for (const hidden of ['corps du script', 'regle-de-style', 'commentaire', 'en ligne"']) {
        assert.ok(!allText(document).includes(hidden), `« ${hidden} » indexé`);
        assert.ok(!(document.html ?? '').includes(hidden), `« ${hidden} » dans le HTML`);
      }
      assert.match(allText(document), /Un script en ligne disparaît\./);
      assertIndexedIsShown(document, 'page.md');
    });
  });

  for (const root of roots) {
    it(`every anchor and every indexed line of ${path.relative(path.dirname(projectRoot), root)} is on its page`, async () => {
      const files = await markdownFiles(root);
      assert.ok(files.length > 0, `aucun fichier Markdown sous ${root}`);
      for (const file of files) {
        const relativePath = path.relative(root, file);
        const document = await parseSource(
          { relativePath, bytes: await fs.readFile(file) },
          testParseOptions,
        ).catch((error: unknown) => {
          if (error instanceof ParseError) return undefined;
          throw error;
        });
        if (document !== undefined) assertIndexedIsShown(document, relativePath);
      }
    });
  }
});
