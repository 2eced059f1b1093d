import type { Meilisearch, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { resourceUrl } from '../content/ids.ts';
import type { ResourceType, Section } from '../content/model.ts';
import type { IndexNames } from '../engine/indexes.ts';
import { foldText, normaliseName } from '../text/fold-accents.ts';
import { wordPattern } from '../text/word-pattern.ts';

/**
 * « Documents du défi »: the PDFs and blog posts that name a défi, found at read time (a
 * post published a minute ago is already listed) in one Meilisearch round trip. A document
 * names a défi when its title or text holds one of the défi's names as a whole word
 * sequence (accents and, mostly, case ignored), or when it refers to it explicitly: a
 * `defi:` key in its front matter, or a link to the défi's page on the programme's site
 * (both kept by the ingester as `fields.defis`, see ingest/parsers/defi-references.ts).
 */

export interface DefiDocumentsDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

/** The types of documents listed: PDFs and blog posts. */
export const documentTypes = ['pdf', 'article'] as const satisfies readonly ResourceType[];
export type DocumentType = (typeof documentTypes)[number];

/** What names a défi. */
export interface DocumentSubject {
  /** Resource id of the défi. */
  id: string;
  title: string;
  /** Its key in the programme's data (e.g. `EIG Link 2019`), when it has one. */
  key?: string;
  /** Address of its page on the programme's site (`/defis/2019/eiglink.html`). */
  linkTo?: string;
}

/** One document of a défi, as the API and the page show it. */
export interface DefiDocument {
  id: string;
  title: string;
  type: DocumentType;
  url: string;
  /** `reference`: it refers to the défi explicitly; `title`: it names it in its text. */
  match: 'reference' | 'title';
}

/** Documents listed at most. */
const MAX_DOCUMENTS = 20;
/** Sections read per name: enough for every document that names a défi. */
const SECTIONS_PER_NAME = 200;
/** Names shorter than this are too likely to be something else. */
const MIN_NAME_LENGTH = 3;

type DocumentHit = Pick<Section, 'resourceId' | 'title' | 'type' | 'heading' | 'text'>;
type ResourceHit = { id: string; title: string; type: ResourceType; url: string };

/**
 * How a name is found in a text: as whole words, accents ignored; case ignored for a name of
 * several words or a distinctive single word (`MonitorFish`, `b@liseNAV`), kept for a
 * single word that could be a common one (`LABEL`, `Plume`, `Recrues`), so that « un
 * label » or « une plume » is not taken for the défi.
 * @param name one name of the défi
 */
export function namePattern(name: string): RegExp {
  const written = normaliseName(name);
  const words = written.split(' ');
  const plainWord = /^\p{Lu}(\p{Ll}+|\p{Lu}+)$/u.test(written);
  const caseMatters = words.length === 1 && plainWord;
  return wordPattern(written, caseMatters ? '' : 'i');
}

/** Whether a text names the défi by one of these patterns. */
export function namesDefi(text: string, patterns: readonly RegExp[]): boolean {
  const written = normaliseName(text);
  return patterns.some((pattern) => pattern.test(written));
}

/**
 * The values a document's `fields.defis` holds for this défi (see
 * ingest/parsers/defi-references.ts): its key and title folded, its page's address.
 */
export function referenceKeys(defi: DocumentSubject): string[] {
  return [
    ...new Set([
      foldText(normaliseName(defi.title)),
      ...(defi.key === undefined ? [] : [foldText(normaliseName(defi.key))]),
      ...(defi.linkTo === undefined ? [] : [defi.linkTo.toLowerCase()]),
    ]),
  ];
}

const typeFilter = `type IN [${documentTypes.map((type) => JSON.stringify(type)).join(', ')}]`;

/**
 * The PDFs and blog posts that name a défi: explicit references first, then by title, each
 * group in alphabetical order.
 * @param deps the engine and the index names
 * @param defi the défi's id, title, data key and page address
 */
export async function findDefiDocuments(
  deps: DefiDocumentsDeps,
  defi: DocumentSubject,
): Promise<DefiDocument[]> {
  const names = [...new Set([defi.title, defi.key ?? defi.title].map(normaliseName))].filter(
    (name) => name.length >= MIN_NAME_LENGTH,
  );
  const byName = names.map((name): MultiSearchQuery => ({
    indexUid: deps.indexes.sections,
    // A phrase: every word, in this order (the pattern then checks the whole words).
    q: `"${name.replace(/"/g, ' ')}"`,
    filter: typeFilter,
    attributesToSearchOn: ['title', 'heading', 'text'],
    attributesToRetrieve: ['resourceId', 'title', 'type', 'heading', 'text'],
    limit: SECTIONS_PER_NAME,
    locales: ['fra'],
  }));
  // A name several défis share (three are called « EIG Link ») designates none of them.
  const namesakes = names.map((name): MultiSearchQuery => ({
    indexUid: deps.indexes.resources,
    q: `"${name.replace(/"/g, ' ')}"`,
    filter: 'type = "defi"',
    attributesToSearchOn: ['title'],
    attributesToRetrieve: ['id', 'title'],
    limit: 20,
  }));
  const referring: MultiSearchQuery = {
    indexUid: deps.indexes.resources,
    q: '',
    filter: [
      typeFilter,
      `fields.defis IN [${referenceKeys(defi)
        .map((key) => JSON.stringify(key))
        .join(', ')}]`,
    ],
    attributesToRetrieve: ['id', 'title', 'type', 'url'],
    limit: MAX_DOCUMENTS,
  };
  const { results } = await deps.meili.multiSearch<MultiSearchParams, DocumentHit & ResourceHit>({
    queries: [referring, ...byName, ...namesakes],
  });
  const [references, ...rest] = results;
  const sectionResults = rest.slice(0, names.length);
  const namesakeResults = rest.slice(names.length);

  const documents = new Map<string, DefiDocument>();
  for (const hit of references?.hits ?? []) {
    if (!isDocumentType(hit.type)) continue;
    documents.set(hit.id, {
      id: hit.id,
      title: hit.title,
      type: hit.type,
      url: hit.url,
      match: 'reference',
    });
  }
  const byTitle: DefiDocument[] = [];
  names.forEach((name, i) => {
    const shared = (namesakeResults[i]?.hits ?? []).some(
      (hit) => hit.id !== defi.id && foldText(normaliseName(hit.title)) === foldText(name),
    );
    if (shared) return;
    const pattern = namePattern(name);
    for (const hit of sectionResults[i]?.hits ?? []) {
      if (documents.has(hit.resourceId) || !isDocumentType(hit.type)) continue;
      if (!namesDefi([hit.title, hit.heading, hit.text].join('\n'), [pattern])) continue;
      const document: DefiDocument = {
        id: hit.resourceId,
        title: hit.title,
        type: hit.type,
        // The document's page, not the section's anchor: the document as a whole names it.
        url: resourceUrl(hit.resourceId),
        match: 'title',
      };
      documents.set(hit.resourceId, document);
      byTitle.push(document);
    }
  });
  const byAlphabet = (a: DefiDocument, b: DefiDocument) =>
    a.title.localeCompare(b.title, 'fr') || a.id.localeCompare(b.id);
  return [
    ...[...documents.values()]
      .filter((document) => document.match === 'reference')
      .sort(byAlphabet),
    ...byTitle.sort(byAlphabet),
  ].slice(0, MAX_DOCUMENTS);
}

function isDocumentType(type: ResourceType): type is DocumentType {
  return (documentTypes as readonly ResourceType[]).includes(type);
}
