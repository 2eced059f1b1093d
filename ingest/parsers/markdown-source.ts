import { decodeText } from './decode-text.ts';
import { splitFrontMatter, type FilePosition } from './front-matter.ts';
import { ParseError, type ParseWarning, type SourceFile } from './types.ts';

/** A Markdown file read once: decoded text split into front matter and body. */
export interface MarkdownSource {
  relativePath: string;
  /** The front matter's mapping (empty without one). */
  data: Record<string, unknown>;
  hasFrontMatter: boolean;
  /** The raw body, after the front matter, extras not yet cleaned. */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  /** Where each top-level front matter key is written, to point warnings at it. */
  keyPositions: Record<string, FilePosition>;
  warnings: ParseWarning[];
}

/** Decodes a Markdown file and splits its front matter, or throws `empty` / `binary` / front matter errors. */
export function readMarkdownSource(file: SourceFile): MarkdownSource {
  const text = decodeText(file.bytes, file.relativePath);
  if (text.trim() === '') {
    throw new ParseError(
      'empty',
      `fichier vide : ${file.relativePath} ne contient aucun texte (${file.bytes.length} octet${file.bytes.length > 1 ? 's' : ''})`,
    );
  }
  const frontMatter = splitFrontMatter(text);
  return {
    relativePath: file.relativePath,
    data: frontMatter.data,
    hasFrontMatter: frontMatter.present,
    body: frontMatter.body,
    bodyLine: frontMatter.bodyLine,
    keyPositions: frontMatter.keyPositions,
    warnings: frontMatter.warnings,
  };
}

/** A warning about a front matter field, at the line and column of its key (when there is one). */
export function fieldWarning(
  source: MarkdownSource,
  key: string | undefined,
  reason: string,
): ParseWarning {
  return { reason, ...(key === undefined ? {} : source.keyPositions[key]) };
}
