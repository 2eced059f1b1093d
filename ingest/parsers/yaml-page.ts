import { isRecord } from './front-matter.ts';
import { markdownContent } from './markdown-sections.ts';
import { readMarkdownSource, type MarkdownSource } from './markdown-source.ts';
import { documentFrom } from './markdown.ts';
import { humaniseFileName, readString, readStringList } from './metadata.ts';
import { ParseError, type ParsedDocument, type ParseOptions, type SourceFile } from './types.ts';

/**
 * Pages made of front matter only (a landing page's blocks as YAML data). Their text
 * values become a Markdown body: top-level strings an introduction, every map or list a
 * section named by its `title` or else its key path ("contact › email"), nested maps
 * sub-sections. That body then goes through the Markdown pipeline like any page, so
 * multi-line values are read as the Markdown they are.
 */

/** Keys that configure the page rather than say something: never indexed. */
const technicalKeys = new Set([
  'layout',
  'permalink',
  'ref',
  'lang',
  'lang-ref',
  'date',
  'published',
  'redirect_from',
  'redirect_to',
  'sitemap',
  'image',
  'img',
  'icon',
  'logo',
  'url',
  'href',
  'link',
  'slug',
  'id',
  'order',
  'weight',
  'nav_order',
  'twitter',
  'class',
  'style',
  'color',
  'theme',
  'template',
  'draft',
  'open',
  'category',
  'categories',
  'tags',
  'topics',
  'summary',
]);

const pathSeparator = ' › ';

/** Whether a Markdown source is front matter only (no text in its body). */
export function isYamlPage(source: MarkdownSource): boolean {
  return source.hasFrontMatter && source.body.trim() === '';
}

/** Parses a front-matter-only page: its text values as sections. */
export async function parseYamlPage(
  file: SourceFile,
  _options: ParseOptions,
): Promise<ParsedDocument> {
  return Promise.resolve(yamlPageDocument(readMarkdownSource(file)));
}

/** The document of an already read front-matter-only page. */
export function yamlPageDocument(source: MarkdownSource): ParsedDocument {
  // The Markdown is written here, not in the file: its warnings have no line to point at.
  const content = markdownContent(yamlToMarkdown(source.data), {
    title: readString(source.data['title']),
    fallbackTitle: humaniseFileName(source.relativePath),
  });
  if (!content.hasText) {
    throw new ParseError(
      'empty',
      `fichier vide : ${source.relativePath} n'a qu'un front matter sans texte à indexer (ni corps, ni valeur texte hors titre et réglages)`,
    );
  }
  const document = documentFrom(source, content, 'page');
  document.format = 'yaml';
  const tags = readStringList(source.data['tags']);
  if (tags.length > 0) document.fields = { tags };
  return document;
}

/** The Markdown body a page's YAML data reads as. */
export function yamlToMarkdown(data: Record<string, unknown>): string {
  const intro: string[] = [];
  const sections: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (skipKey(key) || key === 'title') continue;
    if (typeof value === 'string') {
      intro.push(...scalarBlock(value));
      continue;
    }
    const section = renderSection([key], value, 2);
    const title = isRecord(value) ? readString(value['title']) : undefined;
    // A block with a title and no text (a "coming soon" notice…) still says something.
    if (section.length === 0 && title !== undefined) intro.push(escapeLine(title));
    sections.push(...section);
  }
  return [...intro, ...sections].join('\n\n');
}

/** A map or a list as a heading and its blocks; nothing when it holds no text. */
function renderSection(path: string[], value: unknown, depth: number): string[] {
  const title = isRecord(value) ? readString(value['title']) : undefined;
  const { blocks, subsections } = isRecord(value)
    ? mapContent(path, value, depth + 1)
    : { blocks: listBlock(value), subsections: [] };
  if (blocks.length === 0 && subsections.length === 0) return [];
  const heading = title ?? path.join(pathSeparator);
  return [`${'#'.repeat(Math.min(depth, 6))} ${escapeLine(heading)}`, ...blocks, ...subsections];
}

/** The blocks of a map and the sections of its nested maps. */
function mapContent(
  path: string[],
  map: Record<string, unknown>,
  childDepth: number,
): { blocks: string[]; subsections: string[] } {
  const blocks: string[] = [];
  const subsections: string[] = [];
  // Markdown values with headings go last: what follows a heading belongs to it.
  const headed: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (skipKey(key) || key === 'title') continue;
    if (typeof value === 'string') {
      for (const block of scalarBlock(value)) {
        if (/^#{1,6}[ \t]/m.test(block)) headed.push(nestHeadings(block, childDepth));
        else blocks.push(block);
      }
    } else if (Array.isArray(value)) {
      blocks.push(...listBlock(value));
    } else if (isRecord(value)) {
      const section = renderSection([...path, key], value, childDepth);
      const nestedTitle = readString(value['title']);
      // A nested map with a title and nothing else (a button label…) is a line of its parent.
      if (section.length > 0) subsections.push(...section);
      else if (nestedTitle !== undefined) blocks.push(escapeLine(nestedTitle));
    }
  }
  return { blocks: [...blocks, ...headed], subsections };
}

/** Shifts the headings of a Markdown value so the highest is at `depth`, below its section. */
function nestHeadings(markdown: string, depth: number): string {
  const levels = [...markdown.matchAll(/^(#{1,6})[ \t]/gm)].map((match) => match[1]?.length ?? 6);
  const shift = Math.max(0, depth - Math.min(...levels));
  if (shift === 0) return markdown;
  return markdown.replace(/^(#{1,6})(?=[ \t])/gm, (hashes) =>
    '#'.repeat(Math.min(6, hashes.length + shift)),
  );
}

/** A list's text values as a Markdown list (one item per element, maps' values joined). */
function listBlock(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const items = value
    .map((item) => (isRecord(item) ? stringsOf(item).join(' — ') : (readString(item) ?? '')))
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((item) => `- ${escapeLine(item)}`);
  return items.length === 0 ? [] : [items.join('\n')];
}

/** Every text value of a map, depth first, technical keys left out. */
function stringsOf(map: Record<string, unknown>): string[] {
  return Object.entries(map).flatMap(([key, value]): string[] => {
    if (skipKey(key)) return [];
    if (isRecord(value)) return stringsOf(value);
    if (Array.isArray(value)) {
      return value.flatMap((item: unknown) => stringsOf({ [key]: item }));
    }
    const text = readString(value);
    return text === undefined || looksLikeAddress(text) ? [] : [text];
  });
}

/** A string value as a Markdown block (none when empty or an address): multi-line values are Markdown, one-liners literal text. */
function scalarBlock(value: string): string[] {
  const text = value.trim();
  if (text === '' || looksLikeAddress(text)) return [];
  return [text.includes('\n') ? text : escapeLine(text)];
}

/** Paths and URLs (`/participer`, `img/x.pdf`) are links, not text. */
function looksLikeAddress(text: string): boolean {
  return (
    !/\s/.test(text) &&
    (/^(?:https?:|\/|\.{1,2}\/)/.test(text) ||
      /\.(?:pdf|png|jpe?g|gif|svg|webp|html?)$/i.test(text))
  );
}

function skipKey(key: string): boolean {
  return technicalKeys.has(key.toLowerCase());
}

/** Escapes a literal line so Markdown reads it as text (no list, heading, link or emphasis). */
function escapeLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#>+-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
