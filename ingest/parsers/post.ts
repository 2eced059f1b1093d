import { defiReferences } from './defi-references.ts';
import { markdownContent } from './markdown-sections.ts';
import { readMarkdownSource, type MarkdownSource } from './markdown-source.ts';
import { documentFrom, requireText } from './markdown.ts';
import {
  hasPathSegment,
  humaniseFileName,
  readJoined,
  readString,
  readStringList,
} from './metadata.ts';
import type { ParsedDocument, ParseOptions, SourceFile } from './types.ts';

/** Blog posts of the Jekyll site: an author, a date (front matter or `YY-MM-DD-` file name), tags. */

/** Whether a Markdown source is a blog post (`layout: post` or a `_posts` / `posts` folder). */
export function isPost(source: MarkdownSource): boolean {
  return (
    readString(source.data['layout'])?.toLowerCase() === 'post' ||
    hasPathSegment(source.relativePath, ['_posts', 'posts'])
  );
}

/** Parses a blog post into an article with its author, date and sections. */
export async function parsePost(file: SourceFile, _options: ParseOptions): Promise<ParsedDocument> {
  return Promise.resolve(postDocument(readMarkdownSource(file)));
}

/** The document of an already read blog post. */
export function postDocument(source: MarkdownSource): ParsedDocument {
  const content = markdownContent(source.body, {
    title: readString(source.data['title']),
    fallbackTitle: humaniseFileName(source.relativePath),
    firstLine: source.bodyLine,
  });
  requireText(source, content);
  const document = documentFrom(source, content, 'article');
  const author = readJoined(source.data['author']);
  if (author !== undefined) document.author = author;
  const tags = readStringList(source.data['tags']);
  const defis = defiReferences(source.data, content.links);
  if (tags.length > 0 || defis.length > 0)
    document.fields = {
      ...(tags.length > 0 ? { tags } : {}),
      ...(defis.length > 0 ? { defis } : {}),
    };
  return document;
}
