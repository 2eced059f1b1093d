import { z } from 'zod';
import type { ParcoursSummaryView } from './view.ts';

/** Who the home page shows parcours for: « Je suis : nouvelle promotion / … ». */

/** The audience the home page shows when no other is chosen: the newcomers. */
export const defaultAudience = 'nouvelle promotion';

/** `?public=<audience>` on the home page; any other value falls back to the default. */
export const audienceQuerySchema = z
  .object({ public: z.string().trim().max(200).optional() })
  .catch({});

/** The audiences present in the parcours, the default first, then in file order. */
export function audiencesOf(parcours: readonly ParcoursSummaryView[]): string[] {
  const audiences = [...new Set(parcours.map((one) => one.audience))];
  return audiences.includes(defaultAudience)
    ? [defaultAudience, ...audiences.filter((audience) => audience !== defaultAudience)]
    : audiences;
}

/**
 * The audience to show: the one asked for when some parcours has it, else the default
 * (or the first audience when no parcours is for newcomers).
 * @param audiences the audiences present, as audiencesOf gives them
 * @param requested the `public` query parameter
 */
export function chooseAudience(
  audiences: readonly string[],
  requested: string | undefined,
): string | undefined {
  return audiences.find((audience) => audience === requested) ?? audiences[0];
}

/** The home page showing one audience's parcours, scrolled to them. */
export function audienceUrl(audience: string): string {
  return `/?${new URLSearchParams({ public: audience }).toString()}#parcours-titre`;
}
