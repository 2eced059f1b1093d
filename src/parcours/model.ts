import type { ResourceType } from '../content/model.ts';

/**
 * A parcours: a curated, ordered reading path kept as a YAML file (`parcours/*.yml` in a
 * content folder), resolved against the index so that every step links to what exists.
 */

/** One step as written in the file. */
export interface ParcoursStepDefinition {
  /** Id of the resource to read (e.g. `guides-premieres-semaines-eig`). */
  resource: string;
  /** Heading anchor inside the resource (github-slugger id). */
  anchor?: string;
  /** Page of a PDF (from 1). */
  page?: number;
  /** Why this step comes now. */
  note: string;
  /** Week of the programme this step belongs to. */
  week?: number;
}

/** A parcours file once its shape is valid, before its steps are checked against the index. */
export interface ParcoursDefinition {
  slug: string;
  title: string;
  audience: string;
  description: string;
  steps: ParcoursStepDefinition[];
  /** The file, relative to its content folder, prefixed by the folder's key. */
  file: string;
}

/** One step resolved against the index. */
export interface ParcoursStep extends ParcoursStepDefinition {
  /** Position in the parcours, from 1. */
  position: number;
  /** The resource's title. */
  title: string;
  /** The section's heading when the step points to an anchor. */
  heading?: string;
  type: ResourceType;
  /** Link to the resource page, with `#anchor` or `#page=N`. */
  url: string;
  /** Estimated reading time of this step, in minutes (at least 1). */
  readingMinutes: number;
  words: number;
}

/** A parcours whose every step exists in the index. */
export interface Parcours {
  slug: string;
  title: string;
  audience: string;
  description: string;
  file: string;
  steps: ParcoursStep[];
  /** Sum of the steps' reading times, in minutes. */
  readingMinutes: number;
}

export const parcoursProblemCodes = [
  'unreadable_file',
  'invalid_yaml',
  'missing_title',
  'invalid_field',
  'unknown_resource',
  'unknown_anchor',
  'unknown_page',
  'duplicate_step',
  'duplicate_slug',
] as const;
export type ParcoursProblemCode = (typeof parcoursProblemCodes)[number];

/** Why one parcours file was left out; the others still load. */
export interface ParcoursProblem {
  file: string;
  /** The step concerned, from 1, when the problem is in one step. */
  step?: number;
  code: ParcoursProblemCode;
  /** French, naming the file, the step and the reason. */
  message: string;
}

/** Every parcours that loaded, and why the others did not. */
export interface ParcoursCatalog {
  parcours: Parcours[];
  problems: ParcoursProblem[];
}

/** Words read per minute, for the estimated reading time. */
export const wordsPerMinute = 200;
