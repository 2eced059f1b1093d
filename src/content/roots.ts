import path from 'node:path';
import { ReperesError } from '../errors.ts';
import { foldText } from '../text/fold-accents.ts';

/**
 * A content folder. Its key (the folder's name) is stored in the index instead of the
 * absolute path, so that a checkout can move without changing ids.
 */
export interface ContentRoot {
  key: string;
  path: string;
}

/** Two content folders cannot be told apart. */
export class ContentRootError extends ReperesError {
  override name = 'ContentRootError';
  constructor(message: string) {
    super('content_root_conflict', message);
  }
}

/** Names each content folder by its base name; two folders may not share a name. */
export function contentRoots(dirs: readonly string[]): ContentRoot[] {
  const roots = dirs.map((dir) => ({ key: rootKey(dir), path: path.resolve(dir) }));
  const seen = new Map<string, string>();
  for (const root of roots) {
    const other = seen.get(root.key);
    if (other !== undefined && other !== root.path) {
      throw new ContentRootError(
        `Deux dossiers de contenu portent le même nom « ${root.key} » : ${other} et ${root.path}. Renommez l'un d'eux.`,
      );
    }
    seen.set(root.key, root.path);
  }
  return roots.filter((root, index) => roots.findIndex((r) => r.path === root.path) === index);
}

function rootKey(dir: string): string {
  const key = foldText(path.basename(path.resolve(dir)))
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return key === '' ? 'contenu' : key;
}

/**
 * The key of the published content's folder (PUBLISH_DIR), whatever its name: its ids
 * (`publications-<name>`) stay the same wherever the folder lives, and a content folder
 * that happens to be called `contenu` keeps its own.
 */
export const publishRootKey = 'publications';

/** The content folders, then the published content's folder under its own key. */
export function withPublishRoot(roots: ContentRoot[], publishDir: string): ContentRoot[] {
  const root = { key: publishRootKey, path: path.resolve(publishDir) };
  const others = roots.filter((candidate) => candidate.path !== root.path);
  const clash = others.find((candidate) => candidate.key === root.key);
  if (clash !== undefined) {
    throw new ContentRootError(
      `Le dossier de contenu ${clash.path} porte le nom « ${root.key} », réservé aux contenus publiés (PUBLISH_DIR) : renommez-le.`,
    );
  }
  return [...others, root];
}
