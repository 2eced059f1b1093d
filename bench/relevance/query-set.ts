import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The judged queries of `queries.yml`: reading, validating, and resolving their answers. */

export const categories = [
  'keywords',
  'question',
  'english',
  'acronym',
  'typo',
  'defi',
  'organisation',
  'promotion',
  'person',
] as const;
export type Category = (typeof categories)[number];

export const splits = ['dev', 'test'] as const;
export type Split = (typeof splits)[number];

/** Where answers live: `corpus/…` is ../shared/corpus, `guides/…` the project's guides. */
export const answerRoots = ['corpus', 'guides'] as const;
export type AnswerRoot = (typeof answerRoots)[number];

const answerPattern = new RegExp(`^(${answerRoots.join('|')})/[^/]`);

const querySetSchema = z.object({
  queries: z
    .array(
      z.strictObject({
        q: z.string().trim().min(1),
        answers: z
          .array(
            z
              .string()
              .regex(
                answerPattern,
                `doit commencer par ${answerRoots.map((r) => `« ${r}/ »`).join(' ou ')}`,
              )
              .refine((answer) => !answer.split('/').includes('..'), 'ne doit pas contenir « .. »'),
          )
          .min(1),
        category: z.enum(categories),
        split: z.enum(splits),
      }),
    )
    .min(1),
});

/** `queries[3].answers[0] (« comment héberger mon service ? »)`: the field, and its query when known. */
function describeLocation(data: unknown, location: readonly PropertyKey[]): string {
  const field = location
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  const [list, index] = location;
  if (list !== 'queries' || typeof index !== 'number') return field;
  const entry: unknown = (data as { queries?: unknown[] }).queries?.[index];
  const q = typeof entry === 'object' && entry !== null ? (entry as { q?: unknown }).q : undefined;
  return typeof q === 'string' ? `${field} (« ${q} »)` : field;
}

/** One answer, located in its content folder. */
export interface Answer {
  /**
   * As written in the query set, e.g. `corpus/defis/2018-01-01-labsante.md`, or
   * `corpus/data/personnes.yml#anne-catel` for one entry of the programme's data.
   */
  label: string;
  root: AnswerRoot;
  /** Relative to its content folder, with forward slashes. */
  relativePath: string;
  /** The slug of one entry of a programme data file (a person, a défi without a page). */
  entry?: string;
}

export interface JudgedQuery {
  q: string;
  category: Category;
  split: Split;
  answers: Answer[];
}

export class QuerySetError extends Error {
  override name = 'QuerySetError';
}

/**
 * Reads and validates a query set; every answer must be an existing file.
 * @param file the YAML file
 * @param folders the folder each answer root stands for
 */
export async function loadQuerySet(
  file: string,
  folders: Readonly<Record<AnswerRoot, string>>,
): Promise<JudgedQuery[]> {
  let data: unknown;
  try {
    data = parseYaml(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new QuerySetError(`Jeu de requêtes illisible : ${file}`, { cause: error });
  }
  const parsed = querySetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${describeLocation(data, issue.path)} : ${issue.message}`,
    );
    throw new QuerySetError(`Jeu de requêtes invalide dans ${file} :\n  ${problems.join('\n  ')}`);
  }

  const seen = new Set<string>();
  const queries: JudgedQuery[] = [];
  for (const query of parsed.data.queries) {
    if (seen.has(query.q)) {
      throw new QuerySetError(`Requête « ${query.q} » : présente deux fois dans ${file}.`);
    }
    seen.add(query.q);
    const answers = query.answers.map((label): Answer => {
      const [file = label, entry] = label.split('#');
      const [root, ...rest] = file.split('/') as [AnswerRoot, ...string[]];
      return {
        label,
        root,
        relativePath: rest.join('/'),
        ...(entry === undefined ? {} : { entry }),
      };
    });
    for (const answer of answers) {
      const absolute = path.join(folders[answer.root], answer.relativePath);
      const isFile = await fs.stat(absolute).then(
        (stat) => stat.isFile(),
        () => false,
      );
      if (!isFile) {
        throw new QuerySetError(
          `Requête « ${query.q} » : la réponse « ${answer.label} » n'existe pas (${absolute}).`,
        );
      }
      if (answer.entry !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(answer.entry)) {
        throw new QuerySetError(
          `Requête « ${query.q} » : l'entrée « ${answer.entry} » de « ${answer.label} » doit être un slug (minuscules, chiffres, tirets).`,
        );
      }
    }
    queries.push({ q: query.q, category: query.category, split: query.split, answers });
  }
  return queries;
}
