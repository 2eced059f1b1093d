import fs from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ReperesError } from '../errors.ts';
import { formatIssues } from '../validation/format-issues.ts';

/** The year → promotion table, kept as data in `guides/promotions.yml`. */

const promotionsSchema = z.object({
  promotions: z.record(
    z.string().regex(/^\d{4}$/, 'les clés sont des années (AAAA)'),
    z.string().trim().min(1),
  ),
});

export type PromotionTable = ReadonlyMap<number, string>;

/** The promotions file is unreadable or invalid. */
export class PromotionsError extends ReperesError {
  override name = 'PromotionsError';
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_promotions', message, options);
  }
}

/** Reads and validates the promotions file. */
export async function loadPromotions(file: string): Promise<PromotionTable> {
  let data: unknown;
  try {
    data = parseYaml(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new PromotionsError(`Table des promotions illisible : ${file}`, { cause: error });
  }
  const parsed = promotionsSchema.safeParse(data);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error).join(' ; ');
    throw new PromotionsError(`Table des promotions invalide dans ${file} : ${problems}`);
  }
  return new Map(
    Object.entries(parsed.data.promotions).map(([year, label]) => [Number(year), label]),
  );
}
