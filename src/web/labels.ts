import type { ResourceType } from '../content/model.ts';
import type { Taxonomy } from '../content/topics.ts';

/** French wording shared by the pages. */

export const typeLabels: Record<ResourceType, string> = {
  guide: 'Guide',
  pdf: 'PDF',
  defi: 'Défi',
  article: 'Article',
  page: 'Page',
  parcours: 'Parcours',
  personne: 'Personne',
};

/** The label of a type, or the value itself for a type this UI does not know yet. */
export function typeLabel(type: string): string {
  return (typeLabels as Record<string, string | undefined>)[type] ?? type;
}

/** The label of a topic from the taxonomy, or its slug when the taxonomy lost it. */
export function topicLabel(taxonomy: Taxonomy, slug: string): string {
  return taxonomy.topics.find((topic) => topic.slug === slug)?.label ?? slug;
}

/** "1 résultat", "3 résultats", "aucun résultat". */
export function countLabel(count: number, singular: string, plural: string, none?: string): string {
  if (count === 0 && none !== undefined) return none;
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? plural : singular}`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 mars 2024" from an ISO date or timestamp; undefined when it is not a date. */
export function formatDate(iso: string): string | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : dateFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** "3 mars 2024 à 14:05" (Paris time), or the text itself when it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}
