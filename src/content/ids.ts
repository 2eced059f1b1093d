import { createHash } from 'node:crypto';
import { foldText } from '../text/fold-accents.ts';

/** Ids are ASCII slugs: Meilisearch accepts only a-z, A-Z, 0-9, - and _ in document ids. */
export function asciiSlug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The stable id of a resource, a pure function of its content folder and its path there:
 * the same file gets the same id whatever else is in the batch.
 *
 * Readable ids for ordinary names: the slug of `<root>/<path>` without the extension, as
 * long as the slug loses nothing but the separators (`/`, `_`) and the extension. When it
 * folds away case, accents or punctuation (`Guide.md`, `café.md`, `q&a.md`), another path
 * could fold to the same slug, so a hash of the exact path is appended. Paths that differ
 * only by separators or extension (`a/b.md` and `a-b.md`, `x.md` and `x.pdf`) share an
 * id: the pipeline refuses the second one with `id_conflict` rather than overwrite it.
 */
export function resourceIdOf(rootKey: string, relativePath: string): string {
  const base = `${rootKey}/${relativePath.replace(/\.[^./]+$/, '')}`;
  const slug = asciiSlug(base);
  const lossless = base.replace(/[/_]+/g, '-').replace(/^-+|-+$/g, '') === slug;
  const suffix = lossless ? '' : `-${shortHash(`${rootKey}/${relativePath}`)}`;
  // Very long paths keep a readable start and a hash for uniqueness.
  if (slug.length + suffix.length <= 200) return `${slug}${suffix}`;
  return `${slug.slice(0, 180)}-${shortHash(`${rootKey}/${relativePath}`)}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The UI address of a resource. */
export function resourceUrl(resourceId: string): string {
  return `/ressources/${encodeURIComponent(resourceId)}`;
}

/** Deep link of a section: the heading anchor on the resource page, or the PDF's page. */
export function sectionUrl(resourceId: string, target: { anchor?: string; page?: number }): string {
  if (target.page !== undefined) return `${resourceFileUrl(resourceId)}#page=${target.page}`;
  const base = resourceUrl(resourceId);
  return target.anchor === undefined ? base : `${base}#${encodeURIComponent(target.anchor)}`;
}

/** The original file of a resource. */
export function resourceFileUrl(resourceId: string): string {
  return `/api/resources/${encodeURIComponent(resourceId)}/file`;
}
