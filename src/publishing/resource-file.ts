import { stringify } from 'yaml';
import { asciiSlug } from '../content/ids.ts';
import { UnsupportedTypeError } from '../errors.ts';

/** The files a published resource is made of: what its metadata is and how it is written. */

/** What coordinators say of a resource; Markdown keeps it in front matter, a PDF beside it. */
export interface ResourceMetadata {
  title: string;
  summary?: string;
  topics?: string[];
  owner?: string;
  /** ISO date (YYYY-MM-DD) of the last review. */
  reviewed?: string;
}

export type ResourceKind = 'markdown' | 'pdf';

const longestSlug = 80;

/** The file name stem a title gives (ASCII, so that the id is the name); never empty. */
export function slugOfTitle(title: string): string {
  const slug = asciiSlug(title).slice(0, longestSlug).replace(/-+$/, '');
  return slug === '' ? 'ressource' : slug;
}

/** PDF by its first bytes (`%PDF-`), Markdown when it is UTF-8 text; anything else is refused. */
export function detectKind(bytes: Buffer): ResourceKind {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (!bytes.includes(0) && isUtf8(bytes)) return 'markdown';
  throw new UnsupportedTypeError(
    'Ce fichier n’est ni un PDF ni un texte Markdown en UTF-8 : seuls ces deux formats sont publiés.',
  );
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The metadata read from front matter or a metadata file (unknown keys left aside). */
export function readMetadata(
  data: Record<string, unknown>,
  fallbackTitle: string,
): ResourceMetadata {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const topics = Array.isArray(data['topics'])
    ? data['topics'].filter((topic): topic is string => typeof topic === 'string')
    : undefined;
  const reviewed =
    data['reviewed'] instanceof Date
      ? data['reviewed'].toISOString().slice(0, 10)
      : text(data['reviewed']);
  const summary = text(data['summary']);
  const owner = text(data['owner']);
  return {
    title: text(data['title']) ?? fallbackTitle,
    ...(summary === undefined ? {} : { summary }),
    ...(topics === undefined ? {} : { topics }),
    ...(owner === undefined ? {} : { owner }),
    ...(reviewed === undefined ? {} : { reviewed }),
  };
}

/** A Markdown file: the metadata over the front matter it had, then the body. */
export function markdownFile(
  metadata: ResourceMetadata,
  frontMatter: Record<string, unknown>,
  body: string,
): Buffer {
  const data = withoutUndefined({ ...frontMatter, ...metadata });
  return Buffer.from(`---\n${stringify(data)}---\n\n${body.replace(/^\s*\n/, '')}`, 'utf8');
}

/** The YAML file beside a PDF. */
export function pdfMetadataFile(metadata: ResourceMetadata): Buffer {
  return Buffer.from(stringify(withoutUndefined({ ...metadata })), 'utf8');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
