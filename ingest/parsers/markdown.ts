import { archiveSignal } from './archive-signals.ts';
import { markdownContent, type MarkdownContent } from './markdown-sections.ts';
import { fieldWarning, readMarkdownSource, type MarkdownSource } from './markdown-source.ts';
import {
  baseName,
  humaniseFileName,
  pageDate,
  readDate,
  readJoined,
  readString,
  readStringList,
  readSummary,
  shownValue,
} from './metadata.ts';
import type { ResourceType } from '../../src/content/model.ts';
import { ParseError, type ParsedDocument, type ParseOptions, type SourceFile } from './types.ts';

/**
 * Markdown guides (VuePress flavour, optional YAML front matter): one section per
 * heading h1–h4, an introduction for the text before the first heading.
 */

// Files that describe a repository or a licence are pages, not guides.
const pageNames = /^(?:readme|licen[cs]e|copying|index|contributing|changelog)(?:[-_.].*)?$/i;

/** Parses a Markdown guide (or README-like page) into sections. */
export async function parseMarkdown(
  file: SourceFile,
  _options: ParseOptions,
): Promise<ParsedDocument> {
  return Promise.resolve(markdownDocument(readMarkdownSource(file)));
}

/** The document of an already read Markdown source. */
export function markdownDocument(source: MarkdownSource): ParsedDocument {
  const content = markdownContent(source.body, {
    title: readString(source.data['title']),
    fallbackTitle: humaniseFileName(source.relativePath),
    firstLine: source.bodyLine,
  });
  requireText(source, content);
  const type: ResourceType = pageNames.test(baseName(source.relativePath)) ? 'page' : 'guide';
  return documentFrom(source, content, type);
}

/** Refuses a page whose body holds no text once cleaned. */
export function requireText(source: MarkdownSource, content: MarkdownContent): void {
  if (content.hasText) return;
  throw new ParseError(
    'empty',
    source.hasFrontMatter
      ? `fichier vide : ${source.relativePath} n'a que son front matter, sans texte à indexer`
      : `fichier vide : ${source.relativePath} ne contient aucun texte à indexer une fois nettoyé`,
  );
}

/** The fields every Markdown-based document shares: title, summary, topics, date, HTML… */
export function documentFrom(
  source: MarkdownSource,
  content: MarkdownContent,
  type: ResourceType,
): ParsedDocument {
  const warnings = [...source.warnings];
  const document: ParsedDocument = {
    title: content.title,
    type,
    format: 'markdown',
    sections: content.sections,
    html: content.html,
    warnings,
  };
  const topics = readStringList(source.data['topics']);
  if (topics.length > 0) document.topics = topics;
  const summary = readSummary(source.data);
  if (summary !== undefined) document.summary = summary;
  const date = pageDate(source.data, source.relativePath, (reason) =>
    warnings.push(fieldWarning(source, 'date', reason)),
  );
  if (date !== undefined) document.date = date;
  if (content.keywords.length > 0) document.keywords = content.keywords;
  const owner = readJoined(source.data['owner']);
  if (owner !== undefined) document.owner = owner;
  const reviewed = reviewDate(source, (reason) =>
    warnings.push(fieldWarning(source, 'reviewed', reason)),
  );
  if (reviewed !== undefined) document.reviewed = reviewed;
  const archive = archiveSignal(
    {
      title: content.title,
      data: source.data,
      text: content.sections.map((section) => section.text).join('\n'),
    },
    (key, reason) => warnings.push(fieldWarning(source, key, reason)),
  );
  if (archive !== undefined) document.archive = archive;
  // The front matter's warnings, then the body's: in the order of the file.
  warnings.push(...content.warnings);
  return document;
}

/** The front matter's `reviewed` date; an unreadable one is a warning. */
function reviewDate(source: MarkdownSource, warn: (reason: string) => void): string | undefined {
  const raw = source.data['reviewed'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const date = readDate(raw);
  if (date === undefined)
    warn(
      `date de relecture illisible dans le front matter : « ${shownValue(raw)} » (attendu AAAA-MM-JJ)`,
    );
  return date;
}
