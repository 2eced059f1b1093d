import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { answerRoots, splits, type Answer, type AnswerRoot, type Split } from './query-set.ts';

/** The judged "Voir aussi" pairs of `related.yml`: reading, validating, and measuring. */

const answerPattern = new RegExp(`^(${answerRoots.join('|')})/[^/]`);
const answerSchema = z
  .string()
  .regex(answerPattern, `doit commencer par ${answerRoots.map((r) => `« ${r}/ »`).join(' ou ')}`)
  .refine((answer) => !answer.split('/').includes('..'), 'ne doit pas contenir « .. »');

const relatedSetSchema = z.object({
  pairs: z
    .array(
      z.strictObject({
        resource: answerSchema,
        split: z.enum(splits),
        related: z.array(answerSchema).min(1),
      }),
    )
    .min(1),
});

export interface JudgedRelated {
  resource: Answer;
  split: Split;
  related: Answer[];
}

export class RelatedSetError extends Error {
  override name = 'RelatedSetError';
}

function toAnswer(label: string): Answer {
  const [root, ...rest] = label.split('/') as [AnswerRoot, ...string[]];
  return { label, root, relativePath: rest.join('/') };
}

/**
 * Reads and validates the judged pairs; every path must be an existing file, and a
 * resource may not be judged related to itself.
 * @param file the YAML file
 * @param folders the folder each answer root stands for
 */
export async function loadRelatedSet(
  file: string,
  folders: Readonly<Record<AnswerRoot, string>>,
): Promise<JudgedRelated[]> {
  let data: unknown;
  try {
    data = parseYaml(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new RelatedSetError(`Paires illisibles : ${file}`, { cause: error });
  }
  const parsed = relatedSetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')} : ${issue.message}`,
    );
    throw new RelatedSetError(`Paires invalides dans ${file} :\n  ${problems.join('\n  ')}`);
  }
  const pairs: JudgedRelated[] = [];
  for (const pair of parsed.data.pairs) {
    if (pair.related.includes(pair.resource)) {
      throw new RelatedSetError(`« ${pair.resource} » ne peut pas être liée à elle-même.`);
    }
    const resource = toAnswer(pair.resource);
    const related = pair.related.map(toAnswer);
    for (const answer of [resource, ...related]) {
      const absolute = path.join(folders[answer.root], answer.relativePath);
      const isFile = await fs.stat(absolute).then(
        (stat) => stat.isFile(),
        () => false,
      );
      if (!isFile) {
        throw new RelatedSetError(
          `Paire « ${pair.resource} » : « ${answer.label} » n'existe pas (${absolute}).`,
        );
      }
    }
    pairs.push({ resource, split: pair.split, related });
  }
  return pairs;
}

/** How one "Voir aussi" list fares against its judged related resources. */
export interface RelatedScore {
  /** Share of the resources shown that are judged related (0 when nothing is shown). */
  precision: number;
  /** Judged related resources shown, out of as many as the list can show (at most k). */
  recall: number;
  /** Whether the first resource shown is judged related. */
  firstRelated: boolean;
}

/**
 * Scores one list.
 * @param shown ids in the order shown
 * @param judged the ids judged related
 * @param k how many the list shows at most
 */
export function scoreRelated(
  shown: readonly string[],
  judged: ReadonlySet<string>,
  k: number,
): RelatedScore {
  const list = shown.slice(0, k);
  const found = list.filter((id) => judged.has(id)).length;
  return {
    precision: list.length === 0 ? 0 : found / list.length,
    recall: judged.size === 0 ? 0 : found / Math.min(k, judged.size),
    firstRelated: list[0] !== undefined && judged.has(list[0]),
  };
}

/** The measures over several lists. */
export interface RelatedSummary {
  n: number;
  precision: number;
  recall: number;
  /** Share of the lists whose first resource is judged related. */
  firstShare: number;
}

/** Mean of each measure over several lists. */
export function meanRelated(scores: readonly RelatedScore[]): RelatedSummary {
  const n = scores.length;
  const mean = (value: (score: RelatedScore) => number) =>
    n === 0 ? 0 : scores.reduce((sum, score) => sum + value(score), 0) / n;
  return {
    n,
    precision: mean((score) => score.precision),
    recall: mean((score) => score.recall),
    firstShare: mean((score) => (score.firstRelated ? 1 : 0)),
  };
}
