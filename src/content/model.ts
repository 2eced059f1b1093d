/**
 * The content model shared by ingestion and the service: one source file is a Resource,
 * cut into Sections (the unit of search).
 */

import type { DefiFields, PersonFields } from './programme-fields.ts';

export const resourceTypes = [
  'guide',
  'pdf',
  'defi',
  'article',
  'page',
  'parcours',
  'personne',
] as const;
export type ResourceType = (typeof resourceTypes)[number];

export const sourceFormats = ['markdown', 'pdf', 'yaml'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** Why a resource is archived: declared, a filled offer, an expiry or closing date. */
export const archiveReasons = ['archived', 'offer-filled', 'expires', 'offer-closes'] as const;
export type ArchiveReason = (typeof archiveReasons)[number];

/** What a source says of its end: archived now, or from a date on (ISO, AAAA-MM-JJ). */
export interface ArchiveInfo {
  reason: ArchiveReason;
  /** The expiry or closing date, for `expires` and `offer-closes`. */
  date?: string;
}

export interface ResourceSource {
  /** Path relative to its content root, with forward slashes. */
  path: string;
  /** Absolute path of the content root the file was found in. */
  root: string;
  format: SourceFormat;
  sha256: string;
  bytes: number;
  /** SHA-256 of the metadata file beside a PDF (`<name>.pdf.yml`), when it has one. */
  metadataSha256?: string;
}

/** One version of a document that exists in several (see ingest/version-groups.ts). */
export interface VersionRef {
  id: string;
  title: string;
  url: string;
  /** Its file, relative to its content folder: versions often share their title. */
  path: string;
}

/** Where a resource stands among near-duplicate versions of the same document. */
export interface VersionFields {
  /** Id of the preferred version of its group; its own id when it stands alone. */
  versionGroup: string;
  /** Every version of the group, the preferred first; empty when it stands alone. */
  versions: VersionRef[];
}

export interface Resource extends VersionFields {
  id: string;
  title: string;
  type: ResourceType;
  topics: string[];
  promotion?: string;
  organisation?: string;
  summary?: string;
  author?: string;
  /** ISO date (YYYY-MM-DD) of the content itself: front matter or file name. */
  date?: string;
  /** Extra searchable text of the whole resource (abbreviation expansions, keywords). */
  keywords?: string[];
  /** Extra structured fields a format carries (défi expertises, domain, town…). */
  fields?: Record<string, string[]>;
  /** Structured fields of a défi from the programme's data (`data/defis.yml`). */
  defi?: DefiFields;
  /** A member of the community (type `personne`), from `data/personnes.yml`. */
  person?: PersonFields;
  /** Skill codes (`skills.yml`) of a défi or a person: the facet « compétence ». */
  skills?: string[];
  /** Who keeps the content up to date (front matter `owner`). */
  owner?: string;
  /** ISO date (YYYY-MM-DD) of the content's last review (front matter `reviewed`). */
  reviewed?: string;
  source: ResourceSource;
  sectionCount: number;
  pageCount?: number;
  /** Why and from when it is archived (absent: current for good). */
  archive?: ArchiveInfo;
  /** Unix seconds from which it is archived, compared with the clock at query time. */
  archivedAt?: number;
  /** ISO timestamp of the last ingestion that changed this resource. */
  updatedAt: string;
  url: string;
}

export interface Section extends VersionFields {
  id: string;
  resourceId: string;
  title: string;
  type: ResourceType;
  topics: string[];
  /** How firmly it belongs to each topic (higher first), for browsing a topic without words. */
  topicRanks?: Record<string, number>;
  promotion?: string;
  organisation?: string;
  /** Headings above and including this one, outermost first (like DocSearch lvl0…lvl3). */
  hierarchy: string[];
  heading: string;
  anchor?: string;
  page?: number;
  /** The text was recognised in the page's image (OCR), not read from the PDF. */
  ocr?: boolean;
  /** Chunk number when a long section is split (0 for the first). */
  chunk: number;
  text: string;
  position: number;
  url: string;
  /** Skill codes of its resource (défis and people), for the facet « compétence ». */
  skills?: string[];
  /** Its resource's `owner`, `reviewed` and `date`: hits say who reviewed it and when. */
  owner?: string;
  reviewed?: string;
  date?: string;
  /** Its resource's `archivedAt`: archived hits rank after current ones. */
  archivedAt?: number;
  /** Unix seconds of the resource's date, for "most recent first" browsing (0: undated). */
  sortDate: number;
  source: Pick<ResourceSource, 'path' | 'format'>;
  /** Resource-wide searchable words (abbreviation expansions), on the first section only. */
  keywords?: string[];
  /** French stems of the title, headings, text and keywords, folded: weighted below them. */
  stems?: string;
}
