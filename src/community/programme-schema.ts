import { z } from 'zod';

/**
 * The shape of the programme's data files (`data/*.yml` of a content folder, from the
 * programme's Jekyll site). Each entry is checked on its own: a bad entry is left out with
 * a warning, the others load. Unknown keys are dropped, and with them what is not kept on
 * purpose (photos, Twitter accounts).
 */

/** An optional text: YAML leaves empty keys as null; blanks count as absent. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  });

const text = z.string().trim().min(1, 'ne peut pas être vide');

/** A list that the data may leave empty (null). */
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((values) => values ?? []);
}

/** `promotion: 4` or `promotion: dig`. */
export const promotionValueSchema = z.union([z.int().min(1), text]);

export const defiEntrySchema = z.object({
  title: text,
  link_to: optionalText,
  skills: list(text),
  description: optionalText,
  year: z.int().min(2000).max(2100),
  promotion: promotionValueSchema,
  duration_months: z.number().positive().nullish(),
  ville: optionalText,
  administration: text,
  administration_website: optionalText,
  eigs: list(text),
  mentors: list(text),
  source_code: optionalText,
  website: optionalText,
  key_figures: list(z.object({ amount: z.number(), description: text })),
  projects: list(z.object({ title: text, url: optionalText, description: optionalText })),
});
export type DefiEntry = z.infer<typeof defiEntrySchema>;

export const personEntrySchema = z.object({
  title: optionalText,
  profil: optionalText,
  class: list(text),
  // Years written as text happen (`- 2018 2019`): every four-digit year in it counts.
  annees: list(z.union([z.int().min(2000).max(2100), text])).transform((values) =>
    values.flatMap((value) =>
      typeof value === 'number' ? [value] : (value.match(/\b\d{4}\b/g) ?? []).map(Number),
    ),
  ),
  defis: list(z.union([text, z.number().transform(String)])),
  link_to: optionalText,
  github: optionalText,
  gitlab: optionalText,
  linkedin: optionalText,
  website: optionalText,
});
export type PersonEntry = z.infer<typeof personEntrySchema>;

/** `skills.yml`: code → French label. */
export const skillsFileSchema = z.record(z.string(), text);

export const promoEntrySchema = z.object({ slug: text, promotion: promotionValueSchema });
export type PromoEntry = z.infer<typeof promoEntrySchema>;

/** `retraits.yml`: the people removed at their request, by name or slug. */
export const withdrawalsFileSchema = z.union([
  z.array(text),
  z.object({ retraits: list(text) }).transform((file) => file.retraits),
]);

/** A file of entries by key (défis, people, promotions), before each entry is checked. */
export const entriesFileSchema = z.record(z.string(), z.unknown());
