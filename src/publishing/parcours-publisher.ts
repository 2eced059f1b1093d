import path from 'node:path';
import { stringify } from 'yaml';
import type { ContentRoot } from '../content/roots.ts';
import { sha256Of } from '../content/resource-version.ts';
import {
  ForbiddenError,
  InvalidParameterError,
  InvalidParcoursError,
  NotFoundError,
  PreconditionError,
  SlugTakenError,
} from '../errors.ts';
import {
  parcoursFolder,
  parseParcoursFile,
  readParcoursSources,
  resolveParcours,
} from '../parcours/load-parcours.ts';
import type { ResourceLookup } from '../index-lookup/index-lookup.ts';
import type { ParcoursDefinition, ParcoursStepDefinition } from '../parcours/model.ts';
import type { Author, ContentStore, Revision } from './content-store.ts';
import type { PublishHooks } from './publish-hooks.ts';

/**
 * Parcours written by coordinators: `parcours/<slug>.yml` in the content store, one commit
 * per change with the coordinator as author. Each version is validated as ingestion
 * validates it (shape, then every step against the index) before anything is written;
 * once committed, the file is indexed (single-file sync) so that search finds it.
 */

export interface ParcoursPublisherDeps {
  store: ContentStore;
  hooks: Pick<PublishHooks, 'sync'>;
  /** The index, to check every step's resource, anchor and page. */
  lookup: ResourceLookup;
  /** Every content folder: the parcours of the others than the store are shipped, read-only. */
  roots: readonly ContentRoot[];
}

/** What a coordinator writes: the fields of the file, empty strings meaning absent. */
export interface ParcoursDraft {
  title: string;
  audience: string;
  description: string;
  steps: ParcoursDraftStep[];
}

export interface ParcoursDraftStep {
  resource: string;
  anchor?: string | undefined;
  page?: number | undefined;
  note: string;
  week?: number | undefined;
}

/** A parcours of the store as it stands. */
export interface StoredParcours {
  slug: string;
  /** `parcours/<slug>.yml`. */
  path: string;
  draft: ParcoursDraft;
  /** SHA-256 of the file: what `ETag` carries and `If-Match` names. */
  version: string;
}

export interface SavedParcours {
  slug: string;
  title: string;
  path: string;
  version: string;
  commit: string;
  url: string;
}

export const shippedParcoursMessage =
  'Ce parcours est livré avec Repères : dupliquez-le pour l’adapter, ou proposez la modification dans le dépôt.';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ParcoursPublisher {
  constructor(private readonly deps: ParcoursPublisherDeps) {}

  /** Creates (no `ifMatch`, slug free) or replaces (`ifMatch` its current version) a parcours. */
  save(
    slug: string,
    draft: ParcoursDraft,
    options: { ifMatch?: string | undefined; create?: boolean },
    author: Author,
  ): Promise<SavedParcours & { created: boolean }> {
    checkSlug(slug);
    return this.deps.store.exclusive(async () => {
      await this.assertNotShipped(slug);
      const bytes = await this.validated(slug, draft);
      const file = filePath(slug);
      const current = await this.deps.store.readFile(file);
      if (current !== undefined && options.create === true)
        throw new SlugTakenError(
          `slug: un parcours « ${slug} » existe déjà ; choisissez un autre identifiant.`,
        );
      if (current !== undefined) {
        if (options.ifMatch === undefined)
          throw new PreconditionError(
            'precondition_required',
            'En-tête If-Match manquant : indiquez la version du parcours que vous modifiez (son ETag).',
          );
        checkVersion(sha256Of(current), options.ifMatch);
      } else if (options.ifMatch !== undefined && options.ifMatch.trim() !== '*') {
        throw new PreconditionError(
          'precondition_failed',
          `Le parcours « ${slug} » n’existe plus (If-Match nomme une version disparue).`,
        );
      }
      const verb = current === undefined ? 'Création' : 'Modification';
      const saved = await this.apply(slug, bytes, author, `${verb} du parcours « ${draft.title} »`);
      return { ...saved, created: current === undefined };
    });
  }

  /** Removes a parcours in one commit (its history keeps it). */
  retire(
    slug: string,
    ifMatch: string | undefined,
    author: Author,
  ): Promise<{ slug: string; commit: string }> {
    checkSlug(slug);
    return this.deps.store.exclusive(async () => {
      await this.assertNotShipped(slug);
      const current = await this.currentOrFail(slug);
      if (ifMatch !== undefined) checkVersion(current.version, ifMatch);
      const commit = await this.deps.store.commit(
        [{ path: current.path, bytes: null }],
        author,
        `Retrait du parcours « ${current.draft.title} »`,
      );
      await this.deps.hooks.sync([path.join(this.deps.store.dir, current.path)]);
      return { slug, commit };
    });
  }

  /** Makes a past version the current one, as a new commit, if it still validates. */
  restore(slug: string, commit: string, author: Author): Promise<SavedParcours> {
    checkSlug(slug);
    return this.deps.store.exclusive(async () => {
      await this.assertNotShipped(slug);
      const oid = await this.deps.store.resolveCommit(commit);
      const past =
        oid === undefined ? undefined : await this.deps.store.readFileAt(filePath(slug), oid);
      if (oid === undefined || past === undefined)
        throw new InvalidParameterError(
          `commit: la version « ${commit} » de ce parcours n’existe pas dans l’historique`,
          'commit',
        );
      const definition = await this.check(slug, past);
      return this.apply(
        slug,
        past,
        author,
        `Restauration du parcours « ${definition.title} » (version ${oid.slice(0, 7)})`,
      );
    });
  }

  /** The commits that changed a parcours, newest first. */
  async history(slug: string): Promise<Revision[]> {
    checkSlug(slug);
    await this.assertNotShipped(slug);
    const revisions = await this.deps.store.fileHistory(filePath(slug));
    if (revisions.length === 0) throw new NotFoundError(`Aucun parcours publié « ${slug} ».`);
    return revisions;
  }

  /** A parcours of the store as it stands. */
  async details(slug: string): Promise<StoredParcours> {
    checkSlug(slug);
    await this.assertNotShipped(slug);
    return this.currentOrFail(slug);
  }

  /** Every parcours of the store, by title, with the last commit that changed each. */
  async list(): Promise<(StoredParcours & { lastChange?: Revision })[]> {
    const sources = await readParcoursSources([this.storeRoot()]);
    const { revisions } = await this.deps.store.log(1, 1_000_000);
    const rows = [];
    for (const { file, source } of sources) {
      const slug = path.posix.basename(file).replace(/\.ya?ml$/i, '');
      if (source === undefined || !slugPattern.test(slug)) continue;
      const stored = storedOf(slug, Buffer.from(source, 'utf8'));
      const lastChange = revisions.find((revision) => revision.files.includes(stored.path));
      rows.push(lastChange === undefined ? stored : { ...stored, lastChange });
    }
    return rows.sort((a, b) => a.draft.title.localeCompare(b.draft.title, 'fr'));
  }

  /** The shipped parcours (other content folders), read-only, as drafts to duplicate. */
  async shipped(): Promise<{ slug: string; draft: ParcoursDraft }[]> {
    const sources = await readParcoursSources(this.shippedRoots());
    return sources.flatMap(({ file, source }) => {
      if (source === undefined) return [];
      const parsed = parseParcoursFile(file, source);
      return parsed.ok ? [{ slug: parsed.value.slug, draft: draftOf(parsed.value) }] : [];
    });
  }

  /** A copy of a shipped parcours, stored under a new slug, to adapt. */
  async duplicate(shippedSlug: string, newSlug: string, author: Author): Promise<SavedParcours> {
    const original = (await this.shipped()).find((one) => one.slug === shippedSlug);
    if (original === undefined) throw new NotFoundError(`Aucun parcours livré « ${shippedSlug} ».`);
    return this.save(newSlug, original.draft, { create: true }, author);
  }

  /** The file a draft becomes, once it validates as ingestion will validate it. */
  private async validated(slug: string, draft: ParcoursDraft): Promise<Buffer> {
    const bytes = parcoursFile(draft);
    await this.check(slug, bytes);
    return bytes;
  }

  /** Shape, then every step against the index; throws InvalidParcoursError naming the step. */
  private async check(slug: string, bytes: Buffer): Promise<ParcoursDefinition> {
    const file = `${this.deps.store.rootKey}/${filePath(slug)}`;
    const parsed = parseParcoursFile(file, bytes.toString('utf8'));
    if (!parsed.ok) throw invalid(parsed.problem);
    const resolved = await resolveParcours(this.deps.lookup, parsed.value);
    if (!resolved.ok) throw invalid(resolved.problem);
    return parsed.value;
  }

  private async apply(
    slug: string,
    bytes: Buffer,
    author: Author,
    message: string,
  ): Promise<SavedParcours> {
    const { store, hooks } = this.deps;
    const file = filePath(slug);
    const commit = await store.commit([{ path: file, bytes }], author, message);
    await hooks.sync([path.join(store.dir, file)]);
    const stored = storedOf(slug, bytes);
    return {
      slug,
      title: stored.draft.title,
      path: file,
      version: stored.version,
      commit,
      url: `/parcours/${slug}`,
    };
  }

  private async currentOrFail(slug: string): Promise<StoredParcours> {
    const bytes = await this.deps.store.readFile(filePath(slug));
    if (bytes === undefined) throw new NotFoundError(`Aucun parcours publié « ${slug} ».`);
    return storedOf(slug, bytes);
  }

  private async assertNotShipped(slug: string): Promise<void> {
    if ((await this.shipped()).some((one) => one.slug === slug))
      throw new ForbiddenError(shippedParcoursMessage);
  }

  private storeRoot(): ContentRoot {
    return { key: this.deps.store.rootKey, path: this.deps.store.dir };
  }

  private shippedRoots(): ContentRoot[] {
    return this.deps.roots.filter((root) => path.resolve(root.path) !== this.deps.store.dir);
  }
}

/** Where a parcours lives in the store. */
export function filePath(slug: string): string {
  return `${parcoursFolder}/${slug}.yml`;
}

function checkSlug(slug: string): void {
  if (!slugPattern.test(slug) || slug.length > 80)
    throw new InvalidParameterError(
      'slug: lettres minuscules sans accent, chiffres et tirets (au plus 80 caractères)',
      'slug',
    );
}

function invalid(problem: { message: string; code: string; step?: number }): InvalidParcoursError {
  return new InvalidParcoursError(problem.message, problem.code, problem.step);
}

/** The YAML file of a draft: blank fields left out, so that the schema names what is missing. */
export function parcoursFile(draft: ParcoursDraft): Buffer {
  const text = (value: string | undefined) => {
    const trimmed = value?.trim() ?? '';
    return trimmed === '' ? undefined : trimmed;
  };
  const data = withoutUndefined({
    title: text(draft.title),
    audience: text(draft.audience),
    description: text(draft.description),
    steps: draft.steps.map((step) =>
      withoutUndefined({
        resource: text(step.resource),
        anchor: text(step.anchor),
        page: step.page,
        semaine: step.week,
        note: text(step.note),
      }),
    ),
  });
  return Buffer.from(stringify(data), 'utf8');
}

/** A stored file as a draft; a file edited by hand into an invalid shape shows what it holds. */
function storedOf(slug: string, bytes: Buffer): StoredParcours {
  const file = filePath(slug);
  const parsed = parseParcoursFile(file, bytes.toString('utf8'));
  const draft: ParcoursDraft = parsed.ok
    ? draftOf(parsed.value)
    : { title: slug, audience: '', description: '', steps: [] };
  return { slug, path: file, draft, version: sha256Of(bytes) };
}

function draftOf(definition: ParcoursDefinition): ParcoursDraft {
  return {
    title: definition.title,
    audience: definition.audience,
    description: definition.description,
    steps: definition.steps.map((step: ParcoursStepDefinition) => ({ ...step })),
  };
}

function checkVersion(current: string, ifMatch: string): void {
  const versions = ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (versions.includes('*') || versions.includes(current)) return;
  throw new PreconditionError(
    'precondition_failed',
    'Le parcours a changé depuis que vous l’avez ouvert (If-Match ne correspond plus à sa version) : rechargez-le, puis refaites votre modification.',
  );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
