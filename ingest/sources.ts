import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isParcoursPath } from '../src/parcours/load-parcours.ts';
import {
  describeUnsafe,
  resolveContentPath,
  UnsafeContentFileError,
  type SymlinkPolicy,
  type UnsafeContentReason,
} from '../src/content/content-file.ts';
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

/** An entry of a content folder left out because it is not a regular file inside it. */
export interface SkippedEntry {
  root: ContentRoot;
  relativePath: string;
  reason: UnsafeContentReason;
  /** In French, naming the entry. */
  message: string;
}

export interface DiscoverOptions {
  /** Symbolic links: skipped (`never`, the default) or followed when they stay inside. */
  symlinks?: SymlinkPolicy;
  /** Told of each entry left out, once. */
  onSkip?: (skipped: SkippedEntry) => void;
}

/** Every content file below a root, in a stable order; hidden entries are skipped. */
export async function discoverFiles(
  root: ContentRoot,
  options: DiscoverOptions = {},
): Promise<DiscoveredFile[]> {
  const policy = options.symlinks ?? 'never';
  const rules = await readIgnore(root);
  const found: DiscoveredFile[] = [];
  // Real paths of the folders being walked: a link back up to one of them cannot loop.
  const walking = new Set<string>();
  const skip = (relativePath: string, reason: UnsafeContentReason): void =>
    options.onSkip?.({ root, relativePath, reason, message: describeUnsafe(reason, relativePath) });
  const walk = async (dir: string): Promise<void> => {
    const real = await fs.realpath(dir);
    if (walking.has(real)) return;
    walking.add(real);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const absolutePath = path.join(dir, entry.name);
      const relativePath = path.relative(root.path, absolutePath).split(path.sep).join('/');
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (rules.ignores(relativePath) || rules.ignores(`${relativePath}/`)) continue;
        try {
          const { stats } = await resolveContentPath(root, relativePath, policy);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
        } catch (error) {
          if (!(error instanceof UnsafeContentFileError)) throw error;
          // A dangling link is no content; one that leads elsewhere is named.
          if (error.reason !== 'missing') skip(relativePath, error.reason);
          continue;
        }
      }
      if (isDirectory) {
        if (!rules.ignores(`${relativePath}/`)) await walk(absolutePath);
      } else if (
        isFile &&
        (isContentFile(entry.name) || isParcoursPath(relativePath)) &&
        !rules.ignores(relativePath)
      ) {
        const stat = await fs.stat(absolutePath);
        found.push({ root, relativePath, absolutePath, bytes: stat.size });
      }
    }
    walking.delete(real);
  };
  await walk(root.path);
  return found.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

/**
 * A single file named for sync that is no longer there, or no longer a regular file of its
 * folder (`skipped` says why): its resource leaves the index.
 */
export interface MissingFile {
  root: ContentRoot;
  relativePath: string;
  absolutePath: string;
  missing: true;
  skipped?: SkippedEntry;
}

/**
 * Locates a single file given on the command line or by the write path: inside a
 * configured root when it lies in one, else in its own folder. A file that does not exist
 * (any more), or is a link the policy refuses, comes back as a MissingFile.
 */
export async function locateFile(
  file: string,
  roots: readonly ContentRoot[],
  symlinks: SymlinkPolicy = 'never',
): Promise<DiscoveredFile | MissingFile> {
  const absolutePath = path.resolve(file);
  const root =
    roots.find((candidate) => absolutePath.startsWith(candidate.path + path.sep)) ??
    contentRoots([path.dirname(absolutePath)])[0];
  if (root === undefined) throw new Error(`no content root for ${absolutePath}`);
  const relativePath = path.relative(root.path, absolutePath).split(path.sep).join('/');
  try {
    const { stats } = await resolveContentPath(root, relativePath, symlinks);
    if (!stats.isFile()) throw new UnsafeContentFileError('not_regular', relativePath);
    return { root, relativePath, absolutePath, bytes: stats.size };
  } catch (error) {
    if (!(error instanceof UnsafeContentFileError)) throw error;
    const gone = { root, relativePath, absolutePath, missing: true as const };
    if (error.reason === 'missing') return gone;
    return {
      ...gone,
      skipped: { root, relativePath, reason: error.reason, message: error.message },
    };
  }
}
