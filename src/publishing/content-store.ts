import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import git, { type ReadCommitResult } from 'isomorphic-git';
import lockfile from 'proper-lockfile';
import type { Logger } from 'pino';
import { resourceIdOf } from '../content/ids.ts';
import { resourceVersion, sha256Of } from '../content/resource-version.ts';

/**
 * The published content: a folder that is a git repository (isomorphic-git, no git binary).
 * Files sit flat at its root, named by the service (`<slug>.md`, `<slug>.pdf` and its
 * metadata file `<slug>.pdf.yml`), but for parcours files in `parcours/<slug>.yml`.
 * Every change is one commit, made in these steps:
 *
 *   intent noted (.git/reperes-pending.json) → temporary files written and fsynced →
 *   renamed into place → staged → committed → intent cleared.
 *
 * A process killed between two steps leaves the intent behind: the next `open` rolls the
 * named files back to the last commit (the write never answered a success, so the previous
 * version stays the current one). Changes made by hand in the folder, outside Repères, are
 * committed as such. Writes are serialised in the process and across processes (a lock
 * file in `.git`).
 */

/** Who made a change: the commit's author. */
export interface Author {
  name: string;
  email: string;
}

/** One file of a change: its new bytes, or null to remove it. */
export interface FileChange {
  /** Name at the store's root (never a path from a client). */
  path: string;
  bytes: Buffer | null;
}

/** The files of one resource as they stand (at HEAD, on disk, or in a past commit). */
export interface ResourceFiles {
  id: string;
  /** `<slug>.md` or `<slug>.pdf`. */
  path: string;
  bytes: Buffer;
  /** The PDF's metadata file, when it has one. */
  metadata?: Buffer;
  version: string;
}

/** One commit, as history and audit show it. */
export interface Revision {
  commit: string;
  author: Author;
  /** ISO timestamp. */
  date: string;
  message: string;
  /** The files the commit changed. */
  files: string[];
}

export interface ContentStoreOptions {
  /** The folder (created, then `git init`, when missing). */
  dir: string;
  /** The key of the folder among the content roots (ids are `<rootKey>-<slug>`). */
  rootKey: string;
  logger: Logger;
  /** Author of commits the service makes itself (repairs, changes made by hand). */
  serviceAuthor?: Author;
}

/** The intent of a write under way, kept in `.git` (never content). */
const pendingFile = 'reperes-pending.json';
const temporaryPrefix = '.reperes-tmp-';
const defaultServiceAuthor: Author = { name: 'Repères', email: 'reperes@localhost' };

/** What `open` found and did. */
export interface RepairReport {
  /** Files of a half-done write put back to their last committed version (or removed). */
  rolledBack: string[];
  /** Temporary files removed. */
  temporaryRemoved: number;
  /** Files changed by hand in the folder, committed as such. */
  committed: string[];
}

export class ContentStore {
  readonly dir: string;
  readonly rootKey: string;
  private readonly logger: Logger;
  private readonly serviceAuthor: Author;
  /** The tail of the in-process queue of writes. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly treeCache = new Map<string, Map<string, string>>();

  private constructor(options: ContentStoreOptions) {
    this.dir = path.resolve(options.dir);
    this.rootKey = options.rootKey;
    this.logger = options.logger;
    this.serviceAuthor = options.serviceAuthor ?? defaultServiceAuthor;
  }

  /** Opens the store: creates and initialises it if needed, then repairs a half-done write. */
  static async open(
    options: ContentStoreOptions,
  ): Promise<{ store: ContentStore; repair: RepairReport }> {
    const store = new ContentStore(options);
    await fsp.mkdir(store.dir, { recursive: true });
    if (!(await exists(path.join(store.dir, '.git')))) {
      await git.init({ fs, dir: store.dir, defaultBranch: 'main' });
    }
    if ((await store.head()) === undefined) {
      await git.commit({
        fs,
        dir: store.dir,
        author: store.serviceAuthor,
        message: 'Création du dépôt des contenus publiés',
      });
    }
    const repair = await store.exclusive(() => store.repair());
    return { store, repair };
  }

  /** The id a file of the store gets in the index. */
  idOf(fileName: string): string {
    return resourceIdOf(this.rootKey, fileName);
  }

  /** The names a resource's files may have in the store, or undefined for an id not of it. */
  candidatePaths(id: string): { markdown: string; pdf: string; metadata: string } | undefined {
    const prefix = `${this.rootKey}-`;
    if (!id.startsWith(prefix)) return undefined;
    const slug = id.slice(prefix.length);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return undefined;
    const markdown = `${slug}.md`;
    if (this.idOf(markdown) !== id) return undefined;
    return { markdown, pdf: `${slug}.pdf`, metadata: `${slug}.pdf.yml` };
  }

  /** A resource's files as they are in the folder now, or undefined when it has none. */
  async current(id: string): Promise<ResourceFiles | undefined> {
    const paths = this.candidatePaths(id);
    if (paths === undefined) return undefined;
    const read = (name: string) =>
      fsp.readFile(path.join(this.dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
    const markdown = await read(paths.markdown);
    if (markdown !== undefined) return filesOf(id, paths.markdown, markdown);
    const pdf = await read(paths.pdf);
    if (pdf === undefined) return undefined;
    return filesOf(id, paths.pdf, pdf, await read(paths.metadata));
  }

  /** A resource's files in a past commit, or undefined when that commit does not hold it. */
  async at(id: string, commit: string): Promise<ResourceFiles | undefined> {
    const paths = this.candidatePaths(id);
    if (paths === undefined) return undefined;
    const tree = await this.treeOf(commit);
    const read = async (name: string) => {
      const oid = tree.get(name);
      if (oid === undefined) return undefined;
      const { blob } = await git.readBlob({ fs, dir: this.dir, oid });
      return Buffer.from(blob);
    };
    const markdown = await read(paths.markdown);
    if (markdown !== undefined) return filesOf(id, paths.markdown, markdown);
    const pdf = await read(paths.pdf);
    if (pdf === undefined) return undefined;
    return filesOf(id, paths.pdf, pdf, await read(paths.metadata));
  }

  /** Whether a name is taken by a file of the folder, whatever its extension (their ids are one). */
  async isSlugTaken(slug: string): Promise<boolean> {
    for (const name of [`${slug}.md`, `${slug}.pdf`]) {
      if (await exists(path.join(this.dir, name))) return true;
    }
    return false;
  }

  /** The full id of a commit named by a prefix of at least 4 hex digits, or undefined. */
  async resolveCommit(prefix: string): Promise<string | undefined> {
    try {
      const oid = await git.expandOid({ fs, dir: this.dir, oid: prefix.toLowerCase() });
      const { type } = await git.readObject({ fs, dir: this.dir, oid, format: 'parsed' });
      return type === 'commit' ? oid : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Runs `task` alone (in this process and across processes); used for a whole write,
   * from the version check to the index update, so that no other write comes between.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const release = await lockfile.lock(this.dir, {
        lockfilePath: path.join(this.dir, '.git', 'reperes-write.lock'),
        retries: { retries: 600, minTimeout: 50, maxTimeout: 500 },
        // Refreshed while held; a process killed holding it frees it this long after.
        stale: 10_000,
        onCompromised: (error) => this.logger.error({ err: error }, 'content store lock lost'),
      });
      try {
        return await task();
      } finally {
        await release();
      }
    });
    // The queue goes on whatever this write became.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies a change as one commit; call inside `exclusive`. The files are written
   * atomically before the commit; a failure before it puts them back.
   * @returns the new commit's id
   */
  async commit(changes: FileChange[], author: Author, message: string): Promise<string> {
    await this.noteIntent(changes.map((change) => change.path));
    try {
      await this.writeFiles(changes);
      for (const change of changes) {
        if (change.bytes === null) await git.remove({ fs, dir: this.dir, filepath: change.path });
        else await git.add({ fs, dir: this.dir, filepath: change.path });
      }
      const oid = await git.commit({ fs, dir: this.dir, author, message });
      await this.clearIntent();
      return oid;
    } catch (error) {
      await this.repair().catch((repairError: unknown) =>
        this.logger.error({ err: repairError }, 'content store rollback failed'),
      );
      throw error;
    }
  }

  /**
   * The first steps of a write, up to the rename, without the commit: what a process
   * killed at that point leaves behind. `commit` runs these, then stages and commits.
   */
  async noteIntent(paths: string[]): Promise<void> {
    await writeAtomically(
      path.join(this.dir, '.git'),
      pendingFile,
      Buffer.from(JSON.stringify({ paths })),
    );
  }

  /** Writes (temporary file, fsync, rename) or removes each file, then syncs the folder. */
  async writeFiles(changes: FileChange[]): Promise<void> {
    for (const change of changes) {
      if (change.bytes === null) await fsp.rm(path.join(this.dir, change.path), { force: true });
      else {
        await fsp.mkdir(path.dirname(path.join(this.dir, change.path)), { recursive: true });
        await writeAtomically(this.dir, change.path, change.bytes);
      }
    }
    await syncDir(this.dir);
    for (const folder of storeFolders)
      if (await exists(path.join(this.dir, folder))) await syncDir(path.join(this.dir, folder));
  }

  /** The commits that changed a resource's files, newest first. */
  async history(id: string): Promise<Revision[]> {
    const paths = this.candidatePaths(id);
    if (paths === undefined) return [];
    const names = new Set([paths.markdown, paths.pdf, paths.metadata]);
    const revisions = await this.revisions();
    return revisions.filter((revision) => revision.files.some((file) => names.has(file)));
  }

  /** One page of the log (the audit), newest first; `hasMore` when older commits follow. */
  async log(page: number, limit: number): Promise<{ revisions: Revision[]; hasMore: boolean }> {
    const depth = page * limit + 1;
    const commits = await git.log({ fs, dir: this.dir, depth });
    const slice = commits.slice((page - 1) * limit, page * limit);
    return {
      revisions: await Promise.all(slice.map((entry) => this.revisionOf(entry))),
      hasMore: commits.length > page * limit,
    };
  }

  /** The id of the last commit, or undefined in a repository that has none. */
  async head(): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs, dir: this.dir, ref: 'HEAD' });
    } catch {
      return undefined;
    }
  }

  /** Files that differ from the last commit (hidden files aside): empty when the store is clean. */
  async uncommitted(): Promise<string[]> {
    const matrix = await git.statusMatrix({ fs, dir: this.dir });
    return matrix
      .filter(
        ([file, head, workdir, stage]) =>
          !isHidden(file) && !(head === 1 && workdir === 1 && stage === 1),
      )
      .map(([file]) => file);
  }

  /** Rolls back a write left half-done, then commits changes made by hand; see the class. */
  private async repair(): Promise<RepairReport> {
    const report: RepairReport = { rolledBack: [], temporaryRemoved: 0, committed: [] };
    for (const entry of await fsp.readdir(this.dir)) {
      if (entry.startsWith(temporaryPrefix)) {
        await fsp.rm(path.join(this.dir, entry), { force: true });
        report.temporaryRemoved++;
      }
    }
    const pending = await readPending(path.join(this.dir, '.git', pendingFile));
    if (pending !== undefined) {
      const head = await this.head();
      const tree = head === undefined ? new Map<string, string>() : await this.treeOf(head);
      const restored: FileChange[] = [];
      for (const name of pending) {
        const oid = tree.get(name);
        if (oid === undefined) restored.push({ path: name, bytes: null });
        else {
          const { blob } = await git.readBlob({ fs, dir: this.dir, oid });
          restored.push({ path: name, bytes: Buffer.from(blob) });
        }
      }
      await this.writeFiles(restored);
      // The index (staging area) goes back to HEAD for these files too.
      for (const name of pending) {
        if (tree.has(name)) await git.resetIndex({ fs, dir: this.dir, filepath: name });
        else await git.remove({ fs, dir: this.dir, filepath: name });
      }
      report.rolledBack = pending;
      await this.clearIntent();
      this.logger.warn({ files: pending }, 'half-done publication rolled back');
    }
    const changed = await this.uncommitted();
    if (changed.length > 0) {
      for (const file of changed) {
        if (await exists(path.join(this.dir, file)))
          await git.add({ fs, dir: this.dir, filepath: file });
        else await git.remove({ fs, dir: this.dir, filepath: file });
      }
      await git.commit({
        fs,
        dir: this.dir,
        author: this.serviceAuthor,
        message: `Modifications faites dans le dossier hors de Repères : ${changed.join(', ')}`,
      });
      report.committed = changed;
      this.logger.warn({ files: changed }, 'changes made by hand in the content store committed');
    }
    return report;
  }

  private async clearIntent(): Promise<void> {
    await fsp.rm(path.join(this.dir, '.git', pendingFile), { force: true });
  }

  private async revisions(): Promise<Revision[]> {
    const commits = await git.log({ fs, dir: this.dir });
    return Promise.all(commits.map((entry) => this.revisionOf(entry)));
  }

  private async revisionOf(entry: ReadCommitResult): Promise<Revision> {
    const tree = await this.treeOf(entry.oid);
    const parent = entry.commit.parent[0];
    const before = parent === undefined ? new Map<string, string>() : await this.treeOf(parent);
    const files = [...new Set([...tree.keys(), ...before.keys()])]
      .filter((name) => tree.get(name) !== before.get(name))
      .sort();
    const { author } = entry.commit;
    return {
      commit: entry.oid,
      author: { name: author.name, email: author.email },
      date: new Date(author.timestamp * 1000).toISOString(),
      message: entry.commit.message.trim(),
      files,
    };
  }

  /**
   * Path → blob id of the files of a commit: those at the root, and those of the one
   * subfolder the store has (`parcours/`).
   */
  private async treeOf(commit: string): Promise<Map<string, string>> {
    const cached = this.treeCache.get(commit);
    if (cached !== undefined) return cached;
    const { tree } = await git.readTree({ fs, dir: this.dir, oid: commit });
    const files = new Map(
      tree.filter((entry) => entry.type === 'blob').map((entry) => [entry.path, entry.oid]),
    );
    for (const entry of tree) {
      if (entry.type !== 'tree' || !storeFolders.includes(entry.path)) continue;
      const sub = await git.readTree({ fs, dir: this.dir, oid: entry.oid });
      for (const child of sub.tree)
        if (child.type === 'blob') files.set(`${entry.path}/${child.path}`, child.oid);
    }
    this.treeCache.set(commit, files);
    return files;
  }

  /** A file of the store (a path such as `parcours/<slug>.yml`) as it is on disk, or undefined. */
  async readFile(filepath: string): Promise<Buffer | undefined> {
    if (!isPlainName(filepath)) return undefined;
    return fsp.readFile(path.join(this.dir, filepath)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  }

  /** A file of the store in a past commit, or undefined when that commit does not hold it. */
  async readFileAt(filepath: string, commit: string): Promise<Buffer | undefined> {
    const oid = (await this.treeOf(commit)).get(filepath);
    if (oid === undefined) return undefined;
    const { blob } = await git.readBlob({ fs, dir: this.dir, oid });
    return Buffer.from(blob);
  }

  /** The commits that changed one file of the store, newest first. */
  async fileHistory(filepath: string): Promise<Revision[]> {
    const revisions = await this.revisions();
    return revisions.filter((revision) => revision.files.includes(filepath));
  }
}

function filesOf(id: string, name: string, bytes: Buffer, metadata?: Buffer): ResourceFiles {
  return {
    id,
    path: name,
    bytes,
    ...(metadata === undefined ? {} : { metadata }),
    version: resourceVersion(
      sha256Of(bytes),
      metadata === undefined ? undefined : sha256Of(metadata),
    ),
  };
}

/** Temporary file beside the target, fsync, rename: readers see the old or the new file, whole. */
async function writeAtomically(dir: string, name: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(dir, `${temporaryPrefix}${randomBytes(6).toString('hex')}`);
  const handle = await fsp.open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temporary, path.join(dir, name));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readPending(file: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'paths' in parsed &&
      Array.isArray(parsed.paths) &&
      parsed.paths.every((name: unknown) => typeof name === 'string' && isPlainName(name))
    )
      return parsed.paths as string[];
  } catch {
    // Written atomically, it cannot be half there; unreadable means foreign: ignored below.
  }
  return [];
}

/** The subfolders the store writes into (parcours files); everything else sits at its root. */
const storeFolders = ['parcours'];

/** A file name at the store's root, or in one of its folders; never another path. */
function isPlainName(name: string): boolean {
  const parts = name.split('/');
  const [first, second] = parts;
  if (parts.length === 2 && first !== undefined && second !== undefined)
    return storeFolders.includes(first) && isPlainName(second);
  return name !== '' && !name.includes('/') && !name.includes('\\') && !name.startsWith('.');
}

function isHidden(file: string): boolean {
  return file.split('/').some((segment) => segment.startsWith('.'));
}

async function exists(file: string): Promise<boolean> {
  return fsp.access(file).then(
    () => true,
    () => false,
  );
}
