import fs from 'node:fs/promises';
import path from 'node:path';
import { resourceUrl } from '../content/ids.ts';
import {
  ForbiddenError,
  InvalidParameterError,
  NotFoundError,
  PreconditionError,
} from '../errors.ts';
import type { Author, ContentStore, FileChange, ResourceFiles, Revision } from './content-store.ts';
import type { PublishHooks } from './publish-hooks.ts';
import {
  detectKind,
  markdownFile,
  pdfMetadataFile,
  readMetadata,
  slugOfTitle,
  type ResourceKind,
  type ResourceMetadata,
} from './resource-file.ts';

/**
 * Publishing, in the order the issue asks for: parse first (the ingestion parsers), then
 * one atomic commit in the store, then the single-file sync, awaited: when a call
 * returns, search finds the new version. A whole call runs alone (ContentStore.exclusive),
 * so that the version named by `If-Match` is still the current one when it is replaced.
 */

export interface PublisherDeps {
  store: ContentStore;
  hooks: PublishHooks;
  /** Whether the index holds this id (a resource of another folder: a shipped guide). */
  isIndexed: (id: string) => Promise<boolean>;
}

/** What a coordinator sends: metadata, and a file (PDF or Markdown) or Markdown text. */
export interface Submission {
  metadata: Partial<ResourceMetadata>;
  /** The bytes of the upload or of the text area; absent: the file stays. */
  content?: Buffer;
  /** The type the client expects the file to be; refused when the file is of the other. */
  type?: 'guide' | 'pdf';
}

/** A resource of the store after a change. */
export interface PublishedResource {
  id: string;
  title: string;
  type: 'guide' | 'pdf';
  /** Its file in the store. */
  path: string;
  /** What `ETag` carries and `If-Match` names. */
  version: string;
  commit: string;
  url: string;
}

/** A resource of the store with what its edit form shows. */
export interface PublishedDetails extends Omit<PublishedResource, 'commit'> {
  metadata: ResourceMetadata;
  /** The Markdown body (front matter aside); absent for a PDF. */
  markdown?: string;
}

export const shippedGuideMessage =
  'ce guide est livré avec Repères : proposez la modification dans le dépôt';

export class Publisher {
  constructor(private readonly deps: PublisherDeps) {}

  /** A new resource; its file name comes from its title. */
  publish(submission: Submission, author: Author): Promise<PublishedResource> {
    const { store } = this.deps;
    const { content } = submission;
    const title = submission.metadata.title;
    if (title === undefined) throw new InvalidParameterError('title: obligatoire', 'title');
    if (content === undefined)
      throw new InvalidParameterError(
        'file: un fichier (PDF ou Markdown) ou un texte Markdown est obligatoire',
        'file',
      );
    const kind = expectKind(detectKind(content), submission.type);
    const metadata = { ...submission.metadata, title };
    return store.exclusive(async () => {
      const slug = await this.freeSlug(slugOfTitle(title));
      const files = await this.prepare(kind, slug, metadata, content);
      return this.apply(files, [], author, `Publication de « ${title} »`);
    });
  }

  /** New metadata and/or a new file for a resource, if `ifMatch` is its current version. */
  replace(
    id: string,
    ifMatch: string | undefined,
    submission: Submission,
    author: Author,
  ): Promise<PublishedResource> {
    if (ifMatch === undefined)
      throw new PreconditionError(
        'precondition_required',
        'En-tête If-Match manquant : indiquez la version de la ressource que vous modifiez (son ETag).',
      );
    return this.deps.store.exclusive(async () => {
      const current = await this.currentOrFail(id);
      checkVersion(current, ifMatch);
      const before = this.describe(current);
      const metadata = { ...before.metadata, ...submission.metadata };
      const slug = slugOf(current.path);
      // Without a new file, the current one (its front matter read again, under the new metadata).
      const content = submission.content ?? current.bytes;
      const kind = expectKind(
        submission.content === undefined ? before.kind : detectKind(submission.content),
        submission.type,
      );
      const files = await this.prepare(kind, slug, metadata, content);
      const what = submission.content === undefined ? 'métadonnées modifiées' : 'fichier remplacé';
      return this.apply(
        files,
        obsolete(current, files),
        author,
        `Modification de « ${metadata.title} » (${what})`,
      );
    });
  }

  /**
   * Records a review: `reviewed` set to `date` in the front matter (or the PDF's metadata
   * file), the content unchanged, as one commit. A shipped guide is refused (403).
   */
  markReviewed(id: string, date: string, author: Author): Promise<PublishedResource> {
    return this.deps.store.exclusive(async () => {
      const current = await this.currentOrFail(id);
      const before = this.describe(current);
      const metadata = { ...before.metadata, reviewed: date };
      const files = await this.prepare(before.kind, slugOf(current.path), metadata, current.bytes);
      return this.apply(files, [], author, `Relecture de « ${metadata.title} » (${date})`);
    });
  }

  /** Removes a resource's files in one commit (its history keeps them). */
  retire(
    id: string,
    ifMatch: string | undefined,
    author: Author,
  ): Promise<{ id: string; commit: string }> {
    return this.deps.store.exclusive(async () => {
      const current = await this.currentOrFail(id);
      if (ifMatch !== undefined) checkVersion(current, ifMatch);
      const { title } = this.describe(current).metadata;
      const removed = filesOf(current).map((name) => ({ path: name, bytes: null }));
      const commit = await this.deps.store.commit(removed, author, `Retrait de « ${title} »`);
      await this.deps.hooks.sync([path.join(this.deps.store.dir, current.path)]);
      return { id, commit };
    });
  }

  /** Makes a past version of a resource the current one, as a new commit. */
  restore(id: string, commit: string, author: Author): Promise<PublishedResource> {
    return this.deps.store.exclusive(async () => {
      await this.assertOfStore(id);
      const oid = await this.deps.store.resolveCommit(commit);
      const past = oid === undefined ? undefined : await this.deps.store.at(id, oid);
      if (oid === undefined || past === undefined)
        throw new InvalidParameterError(
          `commit: la version « ${commit} » de cette ressource n’existe pas dans l’historique`,
          'commit',
        );
      const files: FileChange[] = [{ path: past.path, bytes: past.bytes }];
      if (past.metadata !== undefined)
        files.push({ path: `${past.path}.yml`, bytes: past.metadata });
      await this.check(files);
      const current = await this.deps.store.current(id);
      const stale = current === undefined ? [] : obsolete(current, files);
      const { title } = this.describe(past).metadata;
      return this.apply(
        files,
        stale,
        author,
        `Restauration de « ${title} » (version ${oid.slice(0, 7)})`,
      );
    });
  }

  /** The commits that changed a resource, newest first. */
  async history(id: string): Promise<Revision[]> {
    await this.assertOfStore(id);
    const revisions = await this.deps.store.history(id);
    if (revisions.length === 0) throw new NotFoundError(`Aucune ressource « ${id} ».`);
    return revisions;
  }

  /** A resource of the store with its metadata and, for Markdown, its body (the edit pages). */
  async details(id: string): Promise<PublishedDetails> {
    const files = await this.currentOrFail(id);
    const { kind, metadata } = this.describe(files);
    const markdown =
      kind === 'markdown'
        ? this.deps.hooks.splitFrontMatter(files.bytes.toString('utf8')).body
        : undefined;
    return {
      ...this.present(files),
      metadata,
      ...(markdown === undefined ? {} : { markdown }),
    };
  }

  /** Every resource of the store as it stands, with the last commit that changed it. */
  async list(): Promise<(PublishedDetails & { lastChange?: Revision })[]> {
    const { store } = this.deps;
    const names = (await fs.readdir(store.dir)).filter((name) =>
      /^[a-z0-9-]+\.(md|pdf)$/.test(name),
    );
    // One walk of the log, newest first: the first commit naming a file is its last change.
    const lastChange = new Map<string, Revision>();
    const { revisions } = await store.log(1, 1_000_000);
    for (const revision of revisions) {
      for (const file of revision.files) if (!lastChange.has(file)) lastChange.set(file, revision);
    }
    const resources = await Promise.all(
      names.map(async (name) => {
        const details = await this.details(store.idOf(name));
        const change = [lastChange.get(name), lastChange.get(`${name}.yml`)]
          .filter((revision) => revision !== undefined)
          .sort((a, b) => b.date.localeCompare(a.date))[0];
        return change === undefined ? details : { ...details, lastChange: change };
      }),
    );
    return resources.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  }

  /** A resource of the store as it stands, with its version. */
  async current(id: string): Promise<Omit<PublishedResource, 'commit'>> {
    return this.present(await this.currentOrFail(id));
  }

  private async prepare(
    kind: 'markdown' | 'pdf',
    slug: string,
    metadata: ResourceMetadata,
    content: Buffer,
  ): Promise<FileChange[]> {
    const { hooks } = this.deps;
    if (kind === 'pdf') {
      const files = [
        { path: `${slug}.pdf`, bytes: content },
        { path: `${slug}.pdf.yml`, bytes: pdfMetadataFile(metadata) },
      ];
      await this.check(files);
      return files;
    }
    // The upload as it came, first: a front matter it carries (`---js`…) is judged as is.
    await hooks.check({ relativePath: `${slug}.md`, bytes: content });
    const uploaded = hooks.splitFrontMatter(content.toString('utf8'));
    const file = {
      path: `${slug}.md`,
      bytes: markdownFile(metadata, uploaded.data, uploaded.body),
    };
    await this.check([file]);
    return [file];
  }

  /** Parses the files as ingestion will (a PDF with its metadata file). */
  private async check(files: FileChange[]): Promise<void> {
    const [main, metadata] = files;
    if (main?.bytes == null) return;
    await this.deps.hooks.check({
      relativePath: main.path,
      bytes: main.bytes,
      ...(metadata?.bytes == null ? {} : { metadata: metadata.bytes.toString('utf8') }),
    });
  }

  private async apply(
    files: FileChange[],
    removed: string[],
    author: Author,
    message: string,
  ): Promise<PublishedResource> {
    const { store, hooks } = this.deps;
    const changes = [...files, ...removed.map((name) => ({ path: name, bytes: null }))];
    const commit = await store.commit(changes, author, message);
    const main = files[0] as FileChange;
    // A file of another kind that was replaced leaves the index with it.
    const indexed = [main.path, ...removed.filter((name) => !name.endsWith('.yml'))];
    await hooks.sync(indexed.map((name) => path.join(store.dir, name)));
    const current = await store.current(store.idOf(main.path));
    if (current === undefined) throw new Error(`${main.path} vanished after its commit`);
    return { ...this.present(current), commit };
  }

  private present(files: ResourceFiles): Omit<PublishedResource, 'commit'> {
    const { metadata, kind } = this.describe(files);
    return {
      id: files.id,
      title: metadata.title,
      type: kind === 'pdf' ? 'pdf' : 'guide',
      path: files.path,
      version: files.version,
      url: resourceUrl(files.id),
    };
  }

  /** Kind and metadata of a resource's files. */
  private describe(files: ResourceFiles): { kind: 'markdown' | 'pdf'; metadata: ResourceMetadata } {
    const { hooks } = this.deps;
    const fallbackTitle = slugOf(files.path);
    if (files.path.endsWith('.pdf')) {
      const data =
        files.metadata === undefined
          ? {}
          : hooks.splitFrontMatter(`---\n${files.metadata.toString('utf8')}\n---\n`).data;
      return { kind: 'pdf', metadata: readMetadata(data, fallbackTitle) };
    }
    const { data } = hooks.splitFrontMatter(files.bytes.toString('utf8'));
    return { kind: 'markdown', metadata: readMetadata(data, fallbackTitle) };
  }

  private async currentOrFail(id: string): Promise<ResourceFiles> {
    await this.assertOfStore(id);
    const current = await this.deps.store.current(id);
    if (current === undefined) throw new NotFoundError(`Aucune ressource publiée « ${id} ».`);
    return current;
  }

  /** A resource of another content folder (the shipped guides) is read-only here. */
  private async assertOfStore(id: string): Promise<void> {
    if (this.deps.store.candidatePaths(id) !== undefined) return;
    if (await this.deps.isIndexed(id)) throw new ForbiddenError(capitalise(shippedGuideMessage));
    throw new NotFoundError(`Aucune ressource « ${id} ».`);
  }

  /** The slug, or the slug with the first free number after it. */
  private async freeSlug(slug: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? slug : `${slug}-${n}`;
      if (!(await this.deps.store.isSlugTaken(candidate))) return candidate;
    }
  }
}

function expectKind(kind: ResourceKind, type: 'guide' | 'pdf' | undefined): ResourceKind {
  if (type === undefined || (type === 'pdf') === (kind === 'pdf')) return kind;
  throw new InvalidParameterError(
    `type: le fichier est ${kind === 'pdf' ? 'un PDF' : 'du Markdown'}, pas du type « ${type} » annoncé`,
    'type',
  );
}

function checkVersion(current: ResourceFiles, ifMatch: string): void {
  const versions = ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (versions.includes('*') || versions.includes(current.version)) return;
  throw new PreconditionError(
    'precondition_failed',
    'La ressource a changé depuis que vous l’avez ouverte (If-Match ne correspond plus à sa version) : rechargez-la, puis refaites votre modification.',
  );
}

/** The files of a resource (a PDF and its metadata file, or a Markdown file). */
function filesOf(resource: ResourceFiles): string[] {
  return resource.metadata === undefined
    ? [resource.path]
    : [resource.path, `${resource.path}.yml`];
}

/** Files of the current version that the new one does not rewrite (a PDF replaced by Markdown…). */
function obsolete(current: ResourceFiles, next: FileChange[]): string[] {
  const written = new Set(next.map((file) => file.path));
  return filesOf(current).filter((name) => !written.has(name));
}

function slugOf(fileName: string): string {
  return fileName.replace(/\.(md|pdf)$/, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
