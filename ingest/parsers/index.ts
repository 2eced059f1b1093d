import { defiDocument, isDefi } from './defi.ts';
import { readMarkdownSource } from './markdown-source.ts';
import { isParcoursPath } from '../../src/parcours/load-parcours.ts';
import { markdownDocument } from './markdown.ts';
import { parseParcours } from './parcours.ts';
import { parsePdf } from './pdf.ts';
import { isPost, postDocument } from './post.ts';
import { ParseError, type ParsedDocument, type ParseOptions, type SourceFile } from './types.ts';
import { isYamlPage, yamlPageDocument } from './yaml-page.ts';

/**
 * The parsers' front door: the extension chooses Markdown or PDF; for Markdown, the front
 * matter (and folder) chooses défi, blog post, YAML-only page or guide, in that order.
 */

export { parseDefi } from './defi.ts';
export { parseMarkdown } from './markdown.ts';
export { parsePdf } from './pdf.ts';
export { parsePost } from './post.ts';
export { parseYamlPage } from './yaml-page.ts';
export * from './types.ts';

const markdownExtensions = ['.md', '.markdown'];

/** Parses one source file with the parser its format calls for, or throws a ParseError. */
export async function parseSource(
  file: SourceFile,
  options: ParseOptions,
): Promise<ParsedDocument> {
  const extension = extensionOf(file.relativePath);
  if (extension === '.pdf') return parsePdf(file, options);
  if (isParcoursPath(file.relativePath)) return parseParcours(file);
  if (!markdownExtensions.includes(extension)) {
    throw new ParseError(
      'unsupported',
      `format non pris en charge : ${file.relativePath} (${extension === '' ? 'sans extension' : `extension ${extension}`}) ; seuls les fichiers .md, .markdown et .pdf sont indexés`,
    );
  }
  const source = readMarkdownSource(file);
  // A défi may also say `layout: post` (2018 pages): being a défi wins.
  if (isDefi(source)) return defiDocument(source, options);
  if (isPost(source)) return postDocument(source);
  if (isYamlPage(source)) return yamlPageDocument(source);
  return markdownDocument(source);
}

function extensionOf(relativePath: string): string {
  const name = relativePath.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}
