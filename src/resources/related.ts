import type { Meilisearch, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { eng as englishStopWords, fra as frenchStopWords } from 'stopword';
import { resourceUrl } from '../content/ids.ts';
import type { Resource, ResourceType, Section } from '../content/model.ts';
import { MAX_TOTAL_HITS, type IndexNames } from '../engine/indexes.ts';
import { foldText } from '../text/fold-accents.ts';

/**
 * "Voir aussi": the resources closest to one, computed at request time in one Meilisearch
 * round trip, so that a resource published or removed a minute ago is already (or no
 * longer) suggested. Like a "more like this" query: the resource's most telling words
 * (weighted frequency, title and headings above text) are searched one by one in a single
 * multi-search, which also tells how many resources hold each word; a resource then scores
 * the sum, over the words it shares, of their weight times their rarity (inverse document
 * frequency), more when the word is in its title or headings, more for each topic it
 * shares, and less the longer it is (a long document holds many words without being about
 * them). The weights were chosen on the dev pairs of bench/relevance/related.yml
 * (`npm run eval:related`).
 */

export interface RelatedDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

export interface RelatedOptions {
  /** Related resources returned at most. */
  limit?: number;
  /** Words of the resource searched (the most telling ones). */
  terms?: number;
  /** Resources read per word (the best matches; the count is exact whatever this is). */
  perTerm?: number;
  /** Extra share of the score per topic in common with the resource. */
  topicBoost?: number;
  /** Factor for a word found in the other resource's title. */
  titleFactor?: number;
  /** Factor for a word found in one of its headings or keywords. */
  headingFactor?: number;
  /** Factor for a word found only in its text. */
  textFactor?: number;
  /** Rarity counts to this power: above 1, shared rare words weigh more against common ones. */
  rarityPower?: number;
  /**
   * How much a long resource's score is divided by its length (0: not at all, 1: fully),
   * as in BM25: a long document holds many words without being about them.
   */
  lengthNorm?: number;
  /** A related resource scores at least this share of the best one. */
  minShare?: number;
  /** Only resources of these types (all types when empty). */
  types?: readonly ResourceType[];
  /** Extra share of the score per skill code (`skills`) in common with the resource. */
  skillBoost?: number;
}

export const relatedDefaults: Required<RelatedOptions> = {
  limit: 5,
  terms: 24,
  perTerm: 10,
  topicBoost: 0.5,
  titleFactor: 2,
  headingFactor: 1.5,
  textFactor: 0.5,
  rarityPower: 1,
  lengthNorm: 0.6,
  minShare: 0.2,
  types: [],
  skillBoost: 0,
};

/** One related resource, as the API and the page show it. */
export interface RelatedResource {
  id: string;
  title: string;
  type: ResourceType;
  topics: string[];
  url: string;
}

/** What of a resource says what it is about. */
export type DescribedResource = Pick<Resource, 'id' | 'title' | 'topics' | 'summary' | 'keywords'> &
  Partial<Pick<Resource, 'skills'>>;
export type DescribingSection = Pick<Section, 'heading' | 'text' | 'chunk'>;

export interface WeightedTerm {
  /** As written most often in the resource: what is searched. */
  term: string;
  weight: number;
}

const stopWords = new Set([...frenchStopWords, ...englishStopWords].map(foldText));

/** Where a word counts more: a title says more than a paragraph. */
const fieldWeights = { title: 4, summary: 2, keywords: 2, heading: 2, text: 1 } as const;

/** "Licences" and "licence" are one word here; plain plural folding, enough to group. */
function termKey(word: string): string {
  const folded = foldText(word);
  return folded.length > 4 && /[sx]$/.test(folded) ? folded.slice(0, -1) : folded;
}

/**
 * The words that best describe a resource, by weighted frequency, heaviest first: words of
 * four letters or more, stop words (French and English) left out.
 * @param resource its title, summary and keywords
 * @param sections its sections (headings and text)
 * @param max words returned at most
 */
export function describingTerms(
  resource: DescribedResource,
  sections: readonly DescribingSection[],
  max: number,
): WeightedTerm[] {
  const counts = new Map<string, { weight: number; forms: Map<string, number> }>();
  const add = (text: string | undefined, weight: number) => {
    for (const word of text?.toLowerCase().match(/\p{L}[\p{L}\p{N}]*/gu) ?? []) {
      const key = termKey(word);
      if (key.length < 4 || stopWords.has(foldText(word))) continue;
      const entry = counts.get(key) ?? { weight: 0, forms: new Map<string, number>() };
      entry.weight += weight;
      entry.forms.set(word, (entry.forms.get(word) ?? 0) + 1);
      counts.set(key, entry);
    }
  };
  add(resource.title, fieldWeights.title);
  add(resource.summary, fieldWeights.summary);
  for (const keyword of resource.keywords ?? []) add(keyword, fieldWeights.keywords);
  for (const section of sections) {
    // A long section cut in chunks repeats its heading on each: count it once.
    if (section.chunk === 0) add(section.heading, fieldWeights.heading);
    add(section.text, fieldWeights.text);
  }
  return [...counts.entries()]
    .map(([key, { weight, forms }]) => ({
      term: mostFrequent(forms) ?? key,
      // Diminishing returns: the tenth mention of a word adds less than the second.
      weight: 1 + Math.log(weight),
    }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, max);
}

/** The form written most often (the first in alphabetical order on a tie). */
function mostFrequent(forms: Map<string, number>): string | undefined {
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The fields of a section hit this module reads. */
type RelatedHit = Pick<Section, 'resourceId' | 'title' | 'type' | 'topics' | 'skills'> & {
  _matchesPosition?: Record<string, unknown>;
};
/** A resource's length, from the resources index (read only from the count query). */
type LengthHit = { id?: string; sectionCount?: number };

/**
 * The resources most related to one, best first, itself and its other copies (same title)
 * left out.
 * @param deps the engine and the index names
 * @param resource the resource shown
 * @param sections its sections
 * @param options how many words, how many results, and the weights
 */
export async function findRelated(
  deps: RelatedDeps,
  resource: DescribedResource,
  sections: readonly DescribingSection[],
  options: RelatedOptions = {},
): Promise<RelatedResource[]> {
  const settings = { ...relatedDefaults, ...options };
  const terms = describingTerms(resource, sections, settings.terms);
  if (terms.length === 0) return [];
  const filter = [
    `resourceId != ${JSON.stringify(resource.id)}`,
    ...(settings.types.length === 0
      ? []
      : [`type IN [${settings.types.map((type) => JSON.stringify(type)).join(', ')}]`]),
  ].join(' AND ');
  const { results } = await deps.meili.multiSearch<MultiSearchParams, RelatedHit & LengthHit>({
    queries: [
      // How many resources there are, for the words' rarity, and their lengths (the first
      // MAX_TOTAL_HITS; any other counts as of mean length).
      {
        indexUid: deps.indexes.resources,
        q: '',
        limit: settings.lengthNorm > 0 ? MAX_TOTAL_HITS : 0,
        attributesToRetrieve: ['id', 'sectionCount'],
      },
      ...terms.map(({ term }): MultiSearchQuery => ({
        indexUid: deps.indexes.sections,
        q: term,
        filter,
        distinct: 'resourceId',
        // Paged: the total is then an exact count of distinct resources.
        page: 1,
        hitsPerPage: settings.perTerm,
        attributesToRetrieve: ['resourceId', 'title', 'type', 'topics', 'skills'],
        showMatchesPosition: true,
        locales: ['fra'],
      })),
    ],
  });
  const [count, ...perTerm] = results;
  const resourceCount = Math.max(count?.estimatedTotalHits ?? 0, 1);
  const lengths = new Map(
    (count?.hits ?? []).map((hit) => [hit.id ?? '', Math.max(hit.sectionCount ?? 1, 1)]),
  );
  const meanLength =
    lengths.size === 0 ? 1 : [...lengths.values()].reduce((a, b) => a + b, 0) / lengths.size;
  const lengthFactor = (id: string) =>
    1 - settings.lengthNorm + (settings.lengthNorm * (lengths.get(id) ?? meanLength)) / meanLength;

  const ownTitle = foldText(resource.title).trim();
  const ownTopics = new Set(resource.topics);
  const ownSkills = new Set(resource.skills ?? []);
  const scores = new Map<string, { score: number; hit: RelatedHit }>();
  terms.forEach(({ weight }, i) => {
    const result = perTerm[i];
    if (result === undefined) return;
    // The resource itself holds the word too: it is filtered out of the count.
    const holders = (result.totalHits ?? result.hits.length) + 1;
    const rarity =
      Math.log(1 + (resourceCount - holders + 0.5) / (holders + 0.5)) ** settings.rarityPower;
    for (const hit of result.hits) {
      const where = Object.keys(hit._matchesPosition ?? {});
      const factor = where.includes('title')
        ? settings.titleFactor
        : where.some((field) => ['heading', 'hierarchy', 'keywords'].includes(field))
          ? settings.headingFactor
          : settings.textFactor;
      const entry = scores.get(hit.resourceId) ?? { score: 0, hit };
      entry.score += weight * rarity * factor;
      scores.set(hit.resourceId, entry);
    }
  });

  const ranked = [...scores.entries()]
    .map(([id, { score, hit }]) => {
      const shared = hit.topics.filter((topic) => ownTopics.has(topic)).length;
      const sharedSkills = (hit.skills ?? []).filter((skill) => ownSkills.has(skill)).length;
      const boost = 1 + settings.topicBoost * shared + settings.skillBoost * sharedSkills;
      return { id, hit, score: (score * boost) / lengthFactor(id) };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  // Copies of the resource, and two copies of one document (same title), take no place
  // and one place; the best of the others sets the bar.
  const titles = new Set([ownTitle]);
  const distinct = ranked.filter(({ hit }) => {
    const title = foldText(hit.title).trim();
    if (titles.has(title)) return false;
    titles.add(title);
    return true;
  });
  const best = distinct[0]?.score ?? 0;
  return distinct
    .filter(({ score }) => score > 0 && score >= settings.minShare * best)
    .slice(0, settings.limit)
    .map(({ id, hit }) => ({
      id,
      title: hit.title,
      type: hit.type,
      topics: hit.topics,
      url: resourceUrl(id),
    }));
}
