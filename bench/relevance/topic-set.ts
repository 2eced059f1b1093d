import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  answerRoots,
  QuerySetError,
  splits,
  type Answer,
  type AnswerRoot,
  type Split,
} from './query-set.ts';

/** The judged topics of `topics-judged.yml`: reading, validating, and resolving their resources. */

const resourcePattern = new RegExp(`^(${answerRoots.join('|')})/[^/]`);

const topicSetSchema = z.object({
  resources: z
    .array(
      z.strictObject({
        resource: z
          .string()
          .regex(
            resourcePattern,
            `doit commencer par ${answerRoots.map((r) => `« ${r}/ »`).join(' ou ')}`,
          )
          .refine((value) => !value.split('/').includes('..'), 'ne doit pas contenir « .. »'),
        topics: z.array(z.string()),
        split: z.enum(splits),
        why: z.string().optional(),
      }),
    )
    .min(1),
});

/** One resource and the topics a reader filed it under. */
export interface JudgedResource {
  resource: Pick<Answer, 'label' | 'root' | 'relativePath' | 'entry'>;
  topics: string[];
  split: Split;
}

/**
 * Reads and validates a judged topic set: every resource an existing file, every topic known.
 * @param file the YAML file
 * @param folders the folder each root stands for
 * @param topicSlugs the taxonomy's slugs
 */
export async function loadTopicSet(
  file: string,
  folders: Readonly<Record<AnswerRoot, string>>,
  topicSlugs: ReadonlySet<string>,
): Promise<JudgedResource[]> {
  let data: unknown;
  try {
    data = parseYaml(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new QuerySetError(`Jeu de thématiques illisible : ${file}`, { cause: error });
  }
  const parsed = topicSetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')} : ${issue.message}`,
    );
    throw new QuerySetError(
      `Jeu de thématiques invalide dans ${file} :\n  ${problems.join('\n  ')}`,
    );
  }
  const seen = new Set<string>();
  const judged: JudgedResource[] = [];
  for (const entry of parsed.data.resources) {
    if (seen.has(entry.resource)) {
      throw new QuerySetError(`Ressource « ${entry.resource} » : jugée deux fois dans ${file}.`);
    }
    seen.add(entry.resource);
    const unknown = entry.topics.filter((slug) => !topicSlugs.has(slug));
    if (unknown.length > 0) {
      throw new QuerySetError(
        `Ressource « ${entry.resource} » : thématique(s) inconnue(s) ${unknown.join(', ')}.`,
      );
    }
    const [filePath = entry.resource, slug] = entry.resource.split('#');
    const [root, ...rest] = filePath.split('/') as [AnswerRoot, ...string[]];
    const absolute = path.join(folders[root], rest.join('/'));
    const isFile = await fs.stat(absolute).then(
      (stat) => stat.isFile(),
      () => false,
    );
    if (!isFile) {
      throw new QuerySetError(`Ressource « ${entry.resource} » : fichier absent (${absolute}).`);
    }
    judged.push({
      resource: {
        label: entry.resource,
        root,
        relativePath: rest.join('/'),
        ...(slug === undefined ? {} : { entry: slug }),
      },
      topics: [...new Set(entry.topics)],
      split: entry.split,
    });
  }
  return judged;
}
