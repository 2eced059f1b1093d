import { normaliseName } from '../../src/text/fold-accents.ts';
import { readStringList } from './metadata.ts';

/**
 * The défis a document refers to explicitly, kept as `fields.defis` for the « documents
 * du défi » (src/community/defi-documents.ts): the values of a `defi:` (or `defis:`) front
 * matter key, folded (« Lab Santé » → `lab sante`), and the links to a défi's page on the
 * programme's site, as the path its data calls `link_to` (`/defis/2018/labsante.html`).
 */

/** A défi page's path on the programme's site, whatever host the link names. */
const DEFI_PAGE = /^(?:https?:\/\/[^/]+)?(\/defis\/\d{4}\/[\w-]+\.html)(?:[?#].*)?$/i;

/**
 * The explicit défi references of a document.
 * @param frontMatter its front matter
 * @param links the targets of its links
 */
export function defiReferences(
  frontMatter: Record<string, unknown>,
  links: readonly string[],
): string[] {
  const named = [
    ...readStringList(frontMatter['defi']),
    ...readStringList(frontMatter['defis']),
  ].map((name) => normaliseName(name).toLowerCase());
  const linked = links.flatMap((link) => {
    const path = DEFI_PAGE.exec(link.trim())?.[1];
    return path === undefined ? [] : [path.toLowerCase()];
  });
  return [...new Set([...named, ...linked])].filter((value) => value !== '');
}
