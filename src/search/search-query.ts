import { z } from 'zod';
import { resourceTypes } from '../content/model.ts';
import type { Taxonomy } from '../content/topics.ts';
import { MAX_TOTAL_HITS } from '../engine/indexes.ts';

/** The parameters of a search, validated at the edge: what `/api/search` and `/recherche` accept. */

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 50;

/** How results are grouped: one hit per resource, or every matching section. */
export const groupings = ['document', 'section'] as const;

/** How results are ordered: by relevance, or newest first (undated last). */
export const sortOrders = ['pertinence', 'date'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** `?a=x&a=y` and `?a=x,y` both give ['x', 'y']. */
export const multiValue = <T extends z.ZodType<string>>(item: T) =>
  z
    .preprocess(
      (value: unknown): unknown[] => {
        if (value === undefined || value === '') return [];
        const values: unknown[] = Array.isArray(value) ? value : [value];
        return values
          .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
          .map((v) => (typeof v === 'string' ? v.trim() : v))
          .filter((v) => v !== '');
      },
      z.array(item).max(20, 'au plus 20 valeurs'),
    )
    .default([]);

const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value: unknown): unknown =>
      Array.isArray(value) ? (value as unknown[]).at(-1) : value === '' ? undefined : value,
    schema,
  );

/** Digits only: `Number()` would also take `1e3`, `0x10`, ` 2`, `2.0` or `+2`. */
const DIGITS = /^[0-9]+$/;
const integerMessage = 'doit être un nombre entier écrit en chiffres (par ex. 2)';

const integer = (min: number, max: number, fallback: number) =>
  single(
    z.preprocess(
      (value: unknown): unknown =>
        typeof value === 'string' && DIGITS.test(value) ? Number(value) : value,
      z
        .number({ error: integerMessage })
        .int(integerMessage)
        .min(min, `doit valoir au moins ${min}`)
        .max(max, `doit valoir au plus ${max}`)
        .default(fallback),
    ),
  );

/** The search parameters schema; topics are checked against the taxonomy. */
export function searchQuerySchema(taxonomy: Taxonomy) {
  const slugs = taxonomy.topics.map((topic) => topic.slug);
  return z.object({
    q: single(
      z
        .string()
        .max(MAX_QUERY_LENGTH, `ne doit pas dépasser ${MAX_QUERY_LENGTH} caractères`)
        .default('')
        .transform((q) => q.trim().replace(/\s+/g, ' ')),
    ).meta({
      description:
        'Les mots cherchés (200 caractères au plus) ; vide : toutes les ressources, les plus récentes d’abord',
      example: 'hébergement',
    }),
    topic: multiValue(
      z.enum(slugs as [string, ...string[]], {
        error: (issue) =>
          `thématique inconnue « ${String(issue.input)} » (valeurs possibles : ${slugs.join(', ')})`,
      }),
    ).meta({
      description: 'Thématiques (identifiants de `GET /api/topics` ; plusieurs : l’une ou l’autre)',
      example: ['hebergement'],
    }),
    type: multiValue(
      z.enum(resourceTypes, { error: `doit valoir ${resourceTypes.join(', ')}` }),
    ).meta({
      description: 'Types de ressource (plusieurs : l’un ou l’autre)',
      example: ['guide'],
    }),
    promotion: multiValue(z.string().max(50)).meta({
      description: 'Promotions du programme, nom exact (plusieurs : l’une ou l’autre)',
      example: ['EIG 4'],
    }),
    organisation: multiValue(z.string().max(200)).meta({
      description: 'Ancien nom du filtre `administration`, gardé pour les clients qui l’envoient',
      example: ['DINUM'],
    }),
    // The host administration of a défi (the resources' `organisation`): the name the
    // interface shows; `organisation` is kept for the clients that already send it.
    administration: multiValue(z.string().max(200)).meta({
      description: 'Administrations d’accueil, nom exact (plusieurs : l’une ou l’autre)',
      example: ['Direction interministérielle du numérique'],
    }),
    // A skill code of the programme data (`dev`, `design`, `datascience`…).
    competence: multiValue(z.string().max(50)).meta({
      description: 'Codes de compétence des défis (`dev`, `design`, `datascience`…)',
      example: ['dev'],
    }),
    // Meilisearch serves no hit past MAX_TOTAL_HITS: with one hit a page, that many pages.
    page: integer(1, MAX_TOTAL_HITS, 1).meta({
      description: 'Le numéro de la page de résultats, à partir de 1',
      example: 2,
    }),
    limit: integer(1, MAX_LIMIT, 10).meta({
      description: 'Le nombre de résultats par page (50 au plus)',
      example: 20,
    }),
    group: single(
      z.enum(groupings, { error: `doit valoir ${groupings.join(' ou ')}` }).default('document'),
    ).meta({
      description:
        'Un résultat par ressource (`document`), ou chaque section qui répond (`section`)',
      example: 'section',
    }),
    // Archived resources come after current ones in both orders.
    sort: single(
      z.enum(sortOrders, { error: `doit valoir ${sortOrders.join(' ou ')}` }).default('pertinence'),
    ).meta({
      description:
        'Ordre des résultats : `pertinence` (par défaut) ou `date` (les plus récents d’abord, les ressources sans date en dernier ; trié par date, un résultat contient tous les mots). Dans les deux cas, les ressources archivées viennent après les ressources actuelles.',
      example: 'date',
    }),
  });
}

export type SearchQuery = z.infer<ReturnType<typeof searchQuerySchema>>;

/** The filter parameters, and the index attribute each one filters on. */
export const filterAttributes = {
  topic: 'topics',
  type: 'type',
  promotion: 'promotion',
  organisation: 'organisation',
  administration: 'organisation',
  competence: 'skills',
} as const;
export type FilterParameter = keyof typeof filterAttributes;
export type FilterAttribute = (typeof filterAttributes)[FilterParameter];
export type Filters = Pick<SearchQuery, FilterParameter>;

/**
 * The Meilisearch filter of a query's parameters: several values of one attribute combine
 * with OR (`organisation` and `administration` name the same one), different attributes
 * with AND.
 * @param filters the validated filter parameters
 * @param except an attribute left out (a disjunctive facet counts without its own filter)
 */
export function filterExpression(filters: Filters, except?: FilterAttribute): string[][] {
  const byAttribute = new Map<FilterAttribute, Set<string>>();
  for (const key of Object.keys(filterAttributes) as FilterParameter[]) {
    const attribute = filterAttributes[key];
    if (attribute === except) continue;
    for (const value of filters[key]) {
      const values = byAttribute.get(attribute) ?? new Set<string>();
      values.add(value);
      byAttribute.set(attribute, values);
    }
  }
  return [...byAttribute.entries()].map(([attribute, values]) =>
    [...values].map((value) => `${attribute} = ${JSON.stringify(value)}`),
  );
}
