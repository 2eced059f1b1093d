import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ReperesError } from '../errors.ts';
import { foldText, normaliseName } from '../text/fold-accents.ts';
import { wordPattern } from '../text/word-pattern.ts';
import { formatIssues } from '../validation/format-issues.ts';

/** The taxonomy: topics with their words, kept as data in `guides/topics.yml`. */

const phrase = z.string().trim().min(1);

const topicSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'doit être un slug (a-z, 0-9, -)'),
  label: phrase,
  description: phrase,
  synonyms: z.array(z.array(phrase).min(2)).default([]),
  signals: z.array(phrase).default([]),
});

const taxonomySchema = z.object({
  assignment: z.object({
    weights: z.object({
      title: z.number().nonnegative(),
      heading: z.number().nonnegative(),
      text: z.number().nonnegative(),
    }),
    minScore: z.number().positive(),
    relativeToBest: z.number().min(0).max(1),
    maxTopics: z.number().int().positive(),
    maxTextHitsPerSignal: z.number().int().positive(),
    // Words kept as search synonyms that say nothing of a subject ("eig", "administration").
    stopSignals: z.array(phrase).default([]),
    // What a résumé's fields (a défi's skills) weigh, like a heading by default.
    skillWeight: z.number().nonnegative().default(2),
  }),
  acronyms: z.array(phrase).default([]),
  translations: z
    .array(z.object({ en: z.array(phrase).min(1), fr: z.array(phrase).min(1) }))
    .default([]),
  organisations: z.array(z.object({ acronym: phrase, names: z.array(phrase).min(1) })).default([]),
  topics: z
    .array(topicSchema)
    .min(1)
    .refine((topics) => new Set(topics.map((t) => t.slug)).size === topics.length, {
      message: 'deux topics ont le même slug',
    }),
});

export type Topic = z.infer<typeof topicSchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** The taxonomy file is missing, unreadable or invalid. */
export class TaxonomyError extends ReperesError {
  override name = 'TaxonomyError';
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_taxonomy', message, options);
  }
}

/** Validates parsed taxonomy data. */
export function parseTaxonomy(data: unknown, origin: string): Taxonomy {
  const parsed = taxonomySchema.safeParse(data);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error).join(' ; ');
    throw new TaxonomyError(`Taxonomie invalide dans ${origin} : ${problems}`);
  }
  return parsed.data;
}

/** Reads and validates the taxonomy file. */
export async function loadTaxonomy(file: string): Promise<Taxonomy> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new TaxonomyError(`Taxonomie introuvable : ${file}`, { cause: error });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new TaxonomyError(`Taxonomie illisible (YAML invalide) : ${file}`, { cause: error });
  }
  return parseTaxonomy(data, file);
}

/**
 * Meilisearch synonyms: every term of a topic's group points to all the others; an English
 * term points to its French translations, one way (the content is French: a French query
 * needs no English words, and each synonym makes a search dearer).
 */
export function buildSynonyms(taxonomy: Taxonomy): Record<string, string[]> {
  const synonyms: Record<string, Set<string>> = {};
  const add = (terms: string[], to: string[]) => {
    for (const term of terms) {
      const others = (synonyms[term.toLowerCase()] ??= new Set());
      for (const other of to)
        if (other.toLowerCase() !== term.toLowerCase()) others.add(other.toLowerCase());
    }
  };
  for (const topic of taxonomy.topics) for (const group of topic.synonyms) add(group, group);
  for (const { en, fr } of taxonomy.translations) add(en, fr);
  return Object.fromEntries(Object.entries(synonyms).map(([term, set]) => [term, [...set]]));
}

/**
 * The other names of an organisation, from the taxonomy's table: its full names when it is
 * known by its acronym ("MCC" → "ministère de la Culture"), its acronym when it is named in
 * full, alone or within a longer name ("Ministère de la Culture, Service du Mobilier
 * national" → "MCC"); none for others. A défi is then found by either name people type.
 */
export function organisationNamer(taxonomy: Taxonomy): (organisation: string) => string[] {
  const names = new Map(
    taxonomy.organisations.map(({ acronym, names }) => [acronym.toLowerCase(), names]),
  );
  const fullNames = taxonomy.organisations.map(({ acronym, names }) => ({
    acronym,
    patterns: names.map((name) => wordPattern(comparable(name))),
  }));
  return (organisation) => {
    const known = names.get(organisation.trim().toLowerCase());
    if (known !== undefined) return known;
    const written = comparable(organisation);
    return fullNames
      .filter(({ patterns }) => patterns.some((pattern) => pattern.test(written)))
      .map(({ acronym }) => acronym);
  };
}

/** Lower case, accents folded, one apostrophe, single spaces: names compare as words. */
function comparable(name: string): string {
  return foldText(normaliseName(name));
}
