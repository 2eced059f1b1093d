import { createHash } from 'node:crypto';
import { foldText } from '../text/fold-accents.ts';

/** Ids are ASCII slugs: Meilisearch accepts only a-z, A-Z, 0-9, - and _ in document ids. */
export function asciiSlug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The stable id of a resource: its content folder and its path there, without extension. */
export function resourceIdOf(rootKey: string, relativePath: string): string {
  const slug = asciiSlug(`${rootKey}/${relativePath.replace(/\.[^./]+$/, '')}`);
  // Very long paths keep a readable start and a hash for uniqueness.
  return slug.length <= 200 ? slug : `${slug.slice(0, 180)}-${shortHash(relativePath)}`;
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
