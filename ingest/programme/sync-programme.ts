import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { comparePages, type DefiRef } from '../../src/content/programme-fields.ts';
import {
  ContentFileTooLargeError,
  readContentFile,
  UnsafeContentFileError,
  type SymlinkPolicy,
} from '../../src/content/content-file.ts';
import { resourceIdOf, resourceUrl } from '../../src/content/ids.ts';
import type { ResourceSource } from '../../src/content/model.ts';
import type { ContentRoot } from '../../src/content/roots.ts';
import type { IndexNames } from '../../src/engine/indexes.ts';
import type { BuiltRecords, ResourceRecord } from '../build-records.ts';
import type { IndexWriter } from '../index-writer.ts';
import type { ParsedDocument } from '../parsers/types.ts';
import { matchDefiPage, pageKeysOf } from './match-defi-page.ts';
import { defiDocument, enrichDefiPage, personDocument } from './programme-documents.ts';
import {
  parseProgrammeData,
  programmeFiles,
  type ProgrammeData,
  type ProgrammeTexts,
  type ProgrammeWarning,
} from './programme-data.ts';

/**
 * The programme's data in a sync: read once before the files (défi pages are enriched as
 * they are parsed), then, once every file is written, the défis without a page and the
 * people are written as resources of their own. Their source is a virtual path inside the
 * data file (`data/personnes.yml#slug`): the original file is never served for them.
 */

/** The data of one content folder. */
export interface LoadedProgramme {
  root: ContentRoot;
  data: ProgrammeData;
  /** Hash of its files: what a défi page's record depends on besides its own file. */
  hash: string;
}

/** Reads the data files of each content folder that has them. */
export async function readProgramme(
  roots: readonly ContentRoot[],
  options: { symlinks: SymlinkPolicy; maxBytes: number },
): Promise<{ loaded: LoadedProgramme[]; warnings: ProgrammeWarning[] }> {
  const loaded: LoadedProgramme[] = [];
  const warnings: ProgrammeWarning[] = [];
  for (const root of roots) {
    const texts: ProgrammeTexts = {};
    const hash = createHash('sha256');
    for (const [key, file] of Object.entries(programmeFiles) as [
      keyof typeof programmeFiles,
      string,
    ][]) {
      try {
        const bytes = await readContentFile(root, file, options);
        texts[key] = bytes.toString('utf8');
        hash.update(`${file}\0`).update(bytes);
      } catch (error) {
        if (error instanceof UnsafeContentFileError && error.reason === 'missing') continue;
        if (error instanceof UnsafeContentFileError || error instanceof ContentFileTooLargeError) {
          warnings.push({
            path: `${root.key}/${file}`,
            message: `fichier ignoré : ${error.message}`,
          });
          continue;
        }
        throw error;
      }
    }
    const data = parseProgrammeData(texts);
    if (data === undefined) continue;
    warnings.push(
      ...data.warnings.map((warning) => ({ ...warning, path: `${root.key}/${warning.path}` })),
    );
    loaded.push({ root, data, hash: hash.digest('hex').slice(0, 16) });
  }
  return { loaded, warnings };
}

/** One hash of all the data of a sync ('none' without any). */
export function programmeHash(loaded: readonly LoadedProgramme[]): string {
  if (loaded.length === 0) return 'none';
  return createHash('sha256')
    .update(loaded.map((one) => `${one.root.key}:${one.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** A parsed défi page with the fields of the data's défi it is, when one matches. */
export function withProgrammeData(
  relativePath: string,
  parsed: ParsedDocument,
  loaded: readonly LoadedProgramme[],
): ParsedDocument {
  if (parsed.type !== 'defi') return parsed;
  const keys = pageKeysOf(relativePath, parsed);
  for (const one of loaded) {
    const match = matchDefiPage(keys, one.data.defis);
    if (match !== undefined) return enrichDefiPage(parsed, match.defi, match.by);
  }
  return parsed;
}

/** Whether a source path is one of the programme's virtual paths (`data/defis.yml#…`). */
export function isProgrammeSourcePath(path: string): boolean {
  return Object.values(programmeFiles).some((file) => path.startsWith(`${file}#`));
}

/** What the data gave, per content folder, for the summary. */
export interface ProgrammeCounts {
  root: string;
  defis: number;
  /** Défis shown on their existing page. */
  matched: number;
  persons: number;
  /** People left out at their request. */
  withdrawn: number;
}

export interface ProgrammeSyncDeps {
  meili: Meilisearch;
  target: IndexNames;
  writer: IndexWriter;
  loaded: readonly LoadedProgramme[];
  /** Builds the records of a document (buildRecords with this sync's settings). */
  build: (id: string, parsed: ParsedDocument, source: ResourceSource) => BuiltRecords;
  /** Whether an indexed défi page still stands (its file was not removed in this sync). */
  isLivePage: (resource: Pick<ResourceRecord, 'id' | 'source'>) => boolean;
  /** Resources an interrupted sync left open: written again whatever their hash says. */
  suspects: ReadonlySet<string>;
}

export interface ProgrammeSyncOutcome {
  /** Every resource the data stands for now; the others it once wrote leave the index. */
  ids: Set<string>;
  written: number;
  counts: ProgrammeCounts[];
}

const PAGE = 1000;

type Stored = Pick<ResourceRecord, 'id' | 'title' | 'url' | 'defi' | 'source' | 'signature'>;

async function storedResources(
  meili: Meilisearch,
  uid: string,
  filter: string,
  fields: (keyof Stored)[],
): Promise<Stored[]> {
  const found: Stored[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await meili.index<Stored>(uid).getDocuments<Stored>({
      filter,
      fields,
      limit: PAGE,
      offset,
    });
    found.push(...page.results);
    if (page.results.length < PAGE) return found;
  }
}

/** Writes the défis without a page and the people of the data; returns their ids. */
export async function syncProgramme(deps: ProgrammeSyncDeps): Promise<ProgrammeSyncOutcome> {
  const outcome: ProgrammeSyncOutcome = { ids: new Set(), written: 0, counts: [] };
  if (deps.loaded.length === 0) return outcome;
  const pages = (
    await storedResources(deps.meili, deps.target.resources, 'type = "defi" AND defi.key EXISTS', [
      'id',
      'title',
      'url',
      'defi',
      'source',
    ])
  ).filter((page) => !isProgrammeSourcePath(page.source.path) && deps.isLivePage(page));
  for (const { root, data } of deps.loaded) {
    const known = new Map(
      (
        await storedResources(
          deps.meili,
          deps.target.resources,
          `source.root = ${JSON.stringify(root.key)} AND type IN ["defi", "personne"]`,
          ['id', 'source', 'signature'],
        )
      ).map((resource) => [resource.id, resource]),
    );
    const refs = new Map<string, DefiRef>();
    // A défi told by two pages is linked to the closest match.
    for (const page of [...pages].sort(comparePages)) {
      if (page.defi !== undefined && !refs.has(page.defi.key))
        refs.set(page.defi.key, { id: page.id, title: page.title, url: page.url });
    }
    const matched = data.defis.filter((defi) => refs.has(defi.fields.key)).length;
    const documents: { id: string; file: string; parsed: ParsedDocument }[] = [];
    for (const defi of data.defis) {
      if (refs.has(defi.fields.key)) continue;
      const id = resourceIdOf(root.key, `data/defis/${defi.fields.slug}`);
      refs.set(defi.fields.key, { id, title: defi.title, url: resourceUrl(id) });
      documents.push({
        id,
        file: `${programmeFiles.defis}#${defi.fields.slug}`,
        parsed: defiDocument(defi),
      });
    }
    for (const person of data.persons) {
      const defis = person.defis.map(
        (ref): DefiRef =>
          (ref.key === undefined ? undefined : refs.get(ref.key)) ?? { title: ref.title },
      );
      documents.push({
        id: resourceIdOf(root.key, `data/personnes/${person.fields.slug}`),
        file: `${programmeFiles.personnes}#${person.fields.slug}`,
        parsed: personDocument(person, defis),
      });
    }
    for (const { id, file, parsed } of documents) {
      outcome.ids.add(id);
      const content = Buffer.from(JSON.stringify(parsed));
      const sha256 = createHash('sha256').update(content).digest('hex');
      const records = deps.build(id, parsed, {
        path: file,
        root: root.key,
        format: 'yaml',
        sha256,
        bytes: content.length,
      });
      const stored = known.get(id);
      if (
        stored !== undefined &&
        stored.source.path === file &&
        stored.source.sha256 === sha256 &&
        stored.signature === records.resource.signature &&
        !deps.suspects.has(id)
      )
        continue;
      await deps.writer.add(records);
      outcome.written++;
    }
    outcome.counts.push({
      root: root.key,
      defis: data.defis.length,
      matched,
      persons: data.persons.length,
      withdrawn: data.withdrawn,
    });
  }
  await deps.writer.flush();
  return outcome;
}
