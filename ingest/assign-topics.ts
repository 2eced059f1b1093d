import type { Taxonomy } from '../src/content/topics.ts';
import { foldText } from '../src/text/fold-accents.ts';

/** Files a resource under topics: front matter first, else by scoring the taxonomy's words. */

export interface TopicInput {
  title: string;
  headings: string[];
  text: string;
  /** Skills a défi asks for ("Data science", "Design"): a short, deliberate summary. */
  skills?: string[] | undefined;
  /** Topics named by the source itself; they win when valid. */
  declared?: string[] | undefined;
}

export interface TopicAssignment {
  topics: string[];
  /**
   * How firmly the resource belongs to each of its topics, for browsing a topic without
   * words: a topic named by the source itself (front matter) before one the ingester found,
   * and a resource's first topic before its second.
   */
  ranks: Record<string, number>;
  warnings: string[];
}

const DECLARED_RANK = 200;
const ASSIGNED_RANK = 100;

function ranksOf(topics: readonly string[], base: number): Record<string, number> {
  return Object.fromEntries(topics.map((slug, index) => [slug, base - index]));
}

/** Lower case, accents removed, punctuation turned into spaces: what matching compares. */
export function normaliseForMatching(text: string): string {
  return ` ${foldText(text)
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** Prepares the matcher once per taxonomy (normalised signals of every topic). */
export function createTopicAssigner(taxonomy: Taxonomy): (input: TopicInput) => TopicAssignment {
  const { weights, minScore, relativeToBest, maxTopics, maxTextHitsPerSignal, skillWeight } =
    taxonomy.assignment;
  const stopSignals = new Set(
    taxonomy.assignment.stopSignals.map((signal) => normaliseForMatching(signal).trim()),
  );
  const known = new Set(taxonomy.topics.map((topic) => topic.slug));
  const signalsBySlug = taxonomy.topics.map((topic) => ({
    slug: topic.slug,
    signals: [
      ...new Set(
        [...topic.synonyms.flat(), ...topic.signals, topic.label].map(normaliseForMatching),
      ),
    ]
      .map((signal) => signal.trim())
      .filter((signal) => signal.length > 1 && !stopSignals.has(signal))
      .map((signal) => ` ${signal} `),
  }));

  return (input) => {
    const warnings: string[] = [];
    if (input.declared !== undefined && input.declared.length > 0) {
      const valid = input.declared.filter((slug) => known.has(slug));
      const unknown = input.declared.filter((slug) => !known.has(slug));
      if (unknown.length > 0) {
        warnings.push(
          `thématique(s) inconnue(s) dans le front matter : ${unknown.join(', ')} (valides : ${[...known].join(', ')})`,
        );
      }
      if (valid.length > 0) {
        const topics = [...new Set(valid)];
        return { topics, ranks: ranksOf(topics, DECLARED_RANK), warnings };
      }
    }
    const title = normaliseForMatching(input.title);
    const headings = normaliseForMatching(input.headings.join(' . '));
    const text = normaliseForMatching(input.text);
    const skills = normaliseForMatching((input.skills ?? []).join(' . '));
    const scored = signalsBySlug
      .map(({ slug, signals }) => ({
        slug,
        score: signals.reduce(
          (sum, signal) =>
            sum +
            weights.title * Math.min(1, countOccurrences(title, signal)) +
            weights.heading * Math.min(2, countOccurrences(headings, signal)) +
            skillWeight * Math.min(1, countOccurrences(skills, signal)) +
            weights.text * Math.min(maxTextHitsPerSignal, countOccurrences(text, signal)),
          0,
        ),
      }))
      .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
    const best = scored[0]?.score ?? 0;
    const topics = scored
      .filter(({ score }) => score >= minScore && score >= best * relativeToBest)
      .slice(0, maxTopics)
      .map(({ slug }) => slug);
    return { topics, ranks: ranksOf(topics, ASSIGNED_RANK), warnings };
  };
}
