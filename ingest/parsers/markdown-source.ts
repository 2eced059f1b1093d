import { decodeText } from './decode-text.ts';
import { splitFrontMatter } from './front-matter.ts';
import { ParseError, type SourceFile } from './types.ts';

/** A Markdown file read once: decoded text split into front matter and body. */
export interface MarkdownSource {
  relativePath: string;
  /** The front matter's mapping (empty without one). */
  data: Record<string, unknown>;
  hasFrontMatter: boolean;
  /** The raw body, after the front matter, extras not yet cleaned. */
  body: string;
  warnings: string[];
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
    warnings: frontMatter.warnings,
  };
}
