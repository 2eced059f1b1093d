import fs from 'node:fs/promises';
import path from 'node:path';
import { ReperesError } from './errors.ts';

/**
 * DATA_DIR holds the embedded Meilisearch's database and master key, the search
 * analytics and the OCR cache: it is private to the service's user (0700, files 0600),
 * and checked writable at start, so that a read-only or full disk is named at once
 * rather than found by a request.
 */

/** Mode of DATA_DIR and of every folder the service creates in it. */
export const privateDirMode = 0o700;
/** Mode of every file the service writes in DATA_DIR. */
export const privateFileMode = 0o600;

const reasons: Record<string, string> = {
  EACCES: 'accès refusé en écriture',
  EPERM: 'écriture interdite',
  EROFS: 'système de fichiers en lecture seule',
  ENOSPC: 'disque plein',
  EDQUOT: 'quota de disque atteint',
  ENOTDIR: "un élément du chemin n'est pas un dossier",
  EEXIST: "un fichier porte déjà ce nom, ce n'est pas un dossier",
};

/** DATA_DIR cannot be created or written: a configuration error, named in one line. */
export class DataDirError extends ReperesError {
  override name = 'DataDirError';
  constructor(
    readonly dir: string,
    readonly errno: string,
    options?: ErrorOptions,
  ) {
    super(
      'data_dir_unusable',
      `DATA_DIR « ${dir} » est inutilisable : ${reasons[errno] ?? 'erreur du système de fichiers'} (${errno}). Indiquez dans DATA_DIR un dossier où le service peut écrire.`,
      options,
    );
  }
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('E') ? code : undefined;
}

/**
 * Creates DATA_DIR (0700) or makes an existing one private, then writes and removes a
 * small file in it (a block: a full disk refuses it).
 * @param dir the absolute path of DATA_DIR
 */
export async function prepareDataDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: privateDirMode });
    const stats = await fs.stat(dir);
    if (!stats.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'EEXIST' });
    if ((stats.mode & 0o077) !== 0) {
      // A folder made by someone else (a volume) may not be ours to change: then its
      // owner decides who reads it.
      await fs.chmod(dir, privateDirMode).catch((error: unknown) => {
        if (errnoOf(error) !== 'EPERM') throw error;
      });
    }
    const probe = path.join(dir, `.write-check-${process.pid}`);
    try {
      await fs.writeFile(probe, Buffer.alloc(4096), { mode: privateFileMode });
    } finally {
      await fs.rm(probe, { force: true }).catch(() => undefined);
    }
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === undefined) throw error;
    throw new DataDirError(dir, errno, { cause: error });
  }
}
