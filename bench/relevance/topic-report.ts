import { countLabels, microCounts, precisionRecallF1 } from './metrics.ts';
import { splits } from './query-set.ts';
import type { JudgedResource } from './topic-set.ts';

/** The topic part of `npm run eval`: assigned topics against judged ones, and each topic's share. */

/** A topic filing more than this share of the corpus files nothing: a failure. */
export const MAX_TOPIC_SHARE = 0.5;
/** The micro-F1 the assignment aims at, on each split. */
export const TARGET_MICRO_F1 = 0.8;

export interface TopicReportInput {
  judged: readonly JudgedResource[];
  /** The topics the ingester gave each resource, by resource id. */
  assigned: ReadonlyMap<string, readonly string[]>;
  /** The pipeline's id of a judged resource. */
  idOf: (resource: JudgedResource['resource']) => string;
  /** The taxonomy's topics, in its order. */
  topics: readonly { slug: string; label: string }[];
}

export interface TopicReport {
  lines: string[];
  microF1: Record<(typeof splits)[number], number>;
  /** Topics holding more than MAX_TOPIC_SHARE of the resources. */
  oversized: string[];
  /** Judged resources the index does not hold. */
  missing: string[];
}

const figure = (value: number) => value.toFixed(3).padStart(8);
const percent = (value: number) => `${(100 * value).toFixed(1)} %`.padStart(8);

/** Compares assigned topics with judged ones; lines ready to print. */
export function reportTopics(input: TopicReportInput): TopicReport {
  const slugs = input.topics.map((topic) => topic.slug);
  const lines: string[] = [];
  const missing = input.judged
    .map((item) => input.idOf(item.resource))
    .filter((id) => !input.assigned.has(id));
  const microF1 = { dev: 0, test: 0 };
  lines.push(
    `\nThématiques : ${input.judged.length} ressources jugées, comparées à l'attribution de l'ingestion.`,
  );
  for (const split of splits) {
    const items = input.judged
      .filter((item) => item.split === split)
      .map((item) => ({
        judged: item.topics,
        assigned: input.assigned.get(input.idOf(item.resource)) ?? [],
      }));
    const counts = countLabels(items, slugs);
    lines.push(`\n${split} (${items.length} ressources)`);
    lines.push(
      `${''.padEnd(22)}${'jugées'.padStart(8)}${'précision'.padStart(10)}${'rappel'.padStart(8)}${'F1'.padStart(8)}`,
    );
    for (const slug of slugs) {
      const count = counts.get(slug);
      if (count === undefined) continue;
      const judgedCount = count.truePositives + count.falseNegatives;
      if (judgedCount === 0 && count.falsePositives === 0) continue;
      const { precision, recall, f1 } = precisionRecallF1(count);
      lines.push(
        `${slug.padEnd(22)}${String(judgedCount).padStart(8)}${figure(precision).padStart(10)}${figure(recall)}${figure(f1)}`,
      );
    }
    const micro = precisionRecallF1(microCounts(counts.values()));
    microF1[split] = micro.f1;
    lines.push(
      `${'micro'.padEnd(22)}${''.padStart(8)}${figure(micro.precision).padStart(10)}${figure(micro.recall)}${figure(micro.f1)}`,
    );
  }
  // Only dev mismatches: the test split is for reporting, never for tuning.
  const devMismatches = input.judged.filter((item) => {
    if (item.split !== 'dev') return false;
    const assigned = input.assigned.get(input.idOf(item.resource)) ?? [];
    return (
      assigned.length !== item.topics.length || assigned.some((slug) => !item.topics.includes(slug))
    );
  });
  lines.push(`\nÉcarts dev (jugées ≠ attribuées) : ${devMismatches.length}`);
  for (const item of devMismatches) {
    const assigned = input.assigned.get(input.idOf(item.resource)) ?? [];
    lines.push(
      `  ${item.resource.label} : jugées [${item.topics.join(', ')}], attribuées [${assigned.join(', ')}]`,
    );
  }
  const total = input.assigned.size;
  lines.push(
    `\nPart du corpus par thématique (${total} ressources, fiches de personnes exclues) :`,
  );
  const oversized: string[] = [];
  for (const topic of input.topics) {
    let count = 0;
    for (const topics of input.assigned.values()) if (topics.includes(topic.slug)) count++;
    const share = total === 0 ? 0 : count / total;
    const tooBroad = share > MAX_TOPIC_SHARE;
    if (tooBroad) oversized.push(topic.slug);
    lines.push(
      `${topic.slug.padEnd(22)}${String(count).padStart(5)}${percent(share)}${tooBroad ? `  ÉCHEC : plus de ${MAX_TOPIC_SHARE * 100} % du corpus` : ''}`,
    );
  }
  let untagged = 0;
  for (const topics of input.assigned.values()) if (topics.length === 0) untagged++;
  lines.push(
    `${'(aucune)'.padEnd(22)}${String(untagged).padStart(5)}${percent(total === 0 ? 0 : untagged / total)}`,
  );
  if (missing.length > 0)
    lines.push(`\nRessources jugées absentes de l'index : ${missing.join(', ')}`);
  for (const split of splits) {
    const reached = microF1[split] >= TARGET_MICRO_F1;
    lines.push(
      `Micro-F1 des thématiques sur ${split} = ${microF1[split].toFixed(3)} ${reached ? '≥' : '<'} ${TARGET_MICRO_F1} : ${reached ? 'atteint' : 'non atteint'}.`,
    );
  }
  return { lines, microF1, oversized, missing };
}
