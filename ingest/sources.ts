import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { contentRoots, type ContentRoot } from '../src/content/roots.ts';

/** Walks content folders and lists the files the ingester understands. */

export const contentExtensions = ['.md', '.markdown', '.pdf'] as const;

/** Patterns (gitignore syntax) of files a content folder keeps out of the index. */
export const ignoreFileName = '.reperesignore';

export interface DiscoveredFile {
  root: ContentRoot;
  /** Relative to the root, with forward slashes. */
  relativePath: string;
  absolutePath: string;
  bytes: number;
}

export function isContentFile(name: string): boolean {
  return (contentExtensions as readonly string[]).includes(path.extname(name).toLowerCase());
}

async function readIgnore(root: ContentRoot): Promise<Ignore> {
  const rules = ignore();
  try {
    rules.add(await fs.readFile(path.join(root.path, ignoreFileName), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return rules;
}

/** Every content file below a root, in a stable order; hidden entries are skipped. */
export async function discoverFiles(root: ContentRoot): Promise<DiscoveredFile[]> {
  const rules = await readIgnore(root);
  const found: DiscoveredFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const absolutePath = path.join(dir, entry.name);
      const relativePath = path.relative(root.path, absolutePath).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!rules.ignores(`${relativePath}/`)) await walk(absolutePath);
      } else if (entry.isFile() && isContentFile(entry.name) && !rules.ignores(relativePath)) {
        const stat = await fs.stat(absolutePath);
        found.push({ root, relativePath, absolutePath, bytes: stat.size });
      }
    }
  };
  await walk(root.path);
  return found.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

/** A single file named for sync that is no longer there: its resource leaves the index. */
export interface MissingFile {
  root: ContentRoot;
  relativePath: string;
  absolutePath: string;
  missing: true;
}

/**
 * Locates a single file given on the command line or by the write path: inside a
 * configured root when it lies in one, else in its own folder. A file that does not exist
 * (any more) comes back as a MissingFile.
 */
export async function locateFile(
  file: string,
  roots: readonly ContentRoot[],
): Promise<DiscoveredFile | MissingFile> {
  const absolutePath = path.resolve(file);
  const root =
    roots.find((candidate) => absolutePath.startsWith(candidate.path + path.sep)) ??
    contentRoots([path.dirname(absolutePath)])[0];
  if (root === undefined) throw new Error(`no content root for ${absolutePath}`);
  const relativePath = path.relative(root.path, absolutePath).split(path.sep).join('/');
  const stat = await fs.stat(absolutePath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat === undefined) return { root, relativePath, absolutePath, missing: true };
  return { root, relativePath, absolutePath, bytes: stat.size };
}
