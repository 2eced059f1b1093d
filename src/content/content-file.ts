import { constants as fsConstants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ReperesError } from '../errors.ts';
import type { ContentRoot } from './roots.ts';

/**
 * Content is read only from regular files inside their content folder: a symbolic link
 * could otherwise hand any file of the server (the Meilisearch master key…) to the index
 * and to the file route. Discovery, ingestion and serving all go through here.
 */

export const symlinkPolicies = ['never', 'inside-root'] as const;
/** `never`: links are skipped; `inside-root`: followed when they resolve inside their folder. */
export type SymlinkPolicy = (typeof symlinkPolicies)[number];

export type UnsafeContentReason = 'symlink' | 'outside_root' | 'not_regular' | 'missing';

/** A path that is not a regular file of its content folder (or no longer exists). */
export class UnsafeContentFileError extends ReperesError {
  override name = 'UnsafeContentFileError';
  constructor(
    readonly reason: UnsafeContentReason,
    readonly relativePath: string,
    options?: ErrorOptions,
  ) {
    super('unsafe_content_file', describeUnsafe(reason, relativePath), options);
  }
}

/** Why a path was refused, in French, naming it. */
export function describeUnsafe(reason: UnsafeContentReason, relativePath: string): string {
  switch (reason) {
    case 'symlink':
      return `lien symbolique ignoré : ${relativePath} (FOLLOW_SYMLINKS=never)`;
    case 'outside_root':
      return `lien symbolique ignoré : ${relativePath} mène hors de son dossier de contenu`;
    case 'not_regular':
      return `${relativePath} n'est pas un fichier ordinaire : ignoré`;
    case 'missing':
      return `${relativePath} n'existe pas`;
  }
}

function isInside(parent: string, child: string): boolean {
  return child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Where a path below a root really leads, checked against the policy: the real path of
 * a regular file or folder inside the root's real path, reached through no link unless
 * the policy follows links that stay inside.
 * @param root the content folder
 * @param relativePath the path below it, with forward slashes
 * @param policy what to do with symbolic links
 */
export async function resolveContentPath(
  root: ContentRoot,
  relativePath: string,
  policy: SymlinkPolicy,
): Promise<{ realPath: string; stats: Stats }> {
  const lexical = path.resolve(root.path, relativePath);
  if (!isInside(root.path, lexical)) throw new UnsafeContentFileError('outside_root', relativePath);
  let realRoot: string;
  let realPath: string;
  try {
    // The folder itself may be a link (a deployment's volume): only what is below counts.
    realRoot = await fs.realpath(root.path);
    realPath = await fs.realpath(lexical);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR')
      throw new UnsafeContentFileError('missing', relativePath, { cause: error });
    throw error;
  }
  // The folder itself is inside (a link back up: discovery does not walk it twice).
  if (realPath !== realRoot && !isInside(realRoot, realPath))
    throw new UnsafeContentFileError('outside_root', relativePath);
  if (policy === 'never' && realPath !== path.resolve(realRoot, relativePath))
    throw new UnsafeContentFileError('symlink', relativePath);
  const stats = await fs.lstat(realPath);
  if (!stats.isFile() && !stats.isDirectory())
    throw new UnsafeContentFileError('not_regular', relativePath);
  return { realPath, stats };
}

/** An open regular file of a content folder; the caller closes `handle`. */
export interface OpenedContentFile {
  handle: FileHandle;
  /** Size when opened. */
  bytes: number;
}

/**
 * Opens a regular file of a content folder for reading, refusing links (per policy),
 * paths that lead outside the folder, and anything but a regular file.
 */
export async function openContentFile(
  root: ContentRoot,
  relativePath: string,
  policy: SymlinkPolicy,
): Promise<OpenedContentFile> {
  const { realPath, stats } = await resolveContentPath(root, relativePath, policy);
  if (!stats.isFile()) throw new UnsafeContentFileError('not_regular', relativePath);
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a link swapped in since the check is refused; O_NONBLOCK: a FIFO
    // swapped in does not hang the open.
    handle = await fs.open(
      realPath,
      fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK,
    );
  } catch (error) {
    if (errnoCode(error) === 'ELOOP')
      throw new UnsafeContentFileError('symlink', relativePath, { cause: error });
    if (errnoCode(error) === 'ENOENT')
      throw new UnsafeContentFileError('missing', relativePath, { cause: error });
    throw error;
  }
  const opened = await handle.stat();
  if (!opened.isFile()) {
    await handle.close();
    throw new UnsafeContentFileError('not_regular', relativePath);
  }
  return { handle, bytes: opened.size };
}

/** A content file that is larger than allowed. */
export class ContentFileTooLargeError extends ReperesError {
  override name = 'ContentFileTooLargeError';
  constructor(
    readonly relativePath: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super('content_file_too_large', `${relativePath} dépasse ${maxBytes} octets (MAX_FILE_BYTES)`);
  }
}

/**
 * Reads a regular file of a content folder (see openContentFile), at most `maxBytes`:
 * what is returned is exactly the bytes read, to hash and parse together.
 */
export async function readContentFile(
  root: ContentRoot,
  relativePath: string,
  options: { symlinks: SymlinkPolicy; maxBytes: number },
): Promise<Buffer> {
  const { handle, bytes } = await openContentFile(root, relativePath, options.symlinks);
  try {
    if (bytes > options.maxBytes)
      throw new ContentFileTooLargeError(relativePath, bytes, options.maxBytes);
    const content = await handle.readFile();
    // It grew while being read.
    if (content.length > options.maxBytes)
      throw new ContentFileTooLargeError(relativePath, content.length, options.maxBytes);
    return content;
  } finally {
    await handle.close();
  }
}
