/**
 * The programme's structured data (`data/defis.yml`, `data/personnes.yml`, `data/skills.yml`,
 * `data/promos.yml` of a content folder) as the index keeps it: a défi resource carries
 * `defi`, a person resource (type `personne`) carries `person`.
 */

/** A skill of `skills.yml`: its code and its French label. */
export interface Skill {
  code: string;
  label: string;
}

export const teamRoles = ['eig', 'mentor'] as const;
export type TeamRole = (typeof teamRoles)[number];

/** One member of a défi's team, as the data names them. */
export interface TeamMember {
  name: string;
  role: TeamRole;
  /** Their person page's slug (`/communaute/<slug>`), when `personnes.yml` knows them. */
  slug?: string;
}

export interface KeyFigure {
  amount: number;
  description: string;
}

/** Something the défi delivered (`projects` of the data). */
export interface Deliverable {
  title: string;
  url?: string;
  description?: string;
}

/** The structured fields of a défi, from `defis.yml`. */
export interface DefiFields {
  /** Its key in `defis.yml` (e.g. `EIG Link 2019`). */
  key: string;
  /** ASCII slug of the key, unique among the défis of its content folder. */
  slug: string;
  /** One-line description. */
  description?: string;
  administration: string;
  administrationWebsite?: string;
  /** City (and postcode) where the team worked. */
  city?: string;
  /** Promotion label (`EIG 4`, `DIG`). */
  promotion: string;
  year: number;
  durationMonths?: number;
  skills: Skill[];
  /** The EIGs, then the mentors; people who asked to be removed are not listed. */
  team: TeamMember[];
  sourceCode?: string;
  website?: string;
  keyFigures: KeyFigure[];
  deliverables: Deliverable[];
  /** Address of its page on the programme's site (`link_to`), which matched it to its page. */
  linkTo?: string;
  /**
   * How its page was matched to the data (absent: the défi has no page). Two pages may tell
   * of one défi (its page and an older call for applications): the closest match stands for it.
   */
  matchedBy?: DefiMatch;
}

/** How a page was matched to a défi of the data, the closest first. */
export const defiMatches = ['file', 'permalink', 'title'] as const;
export type DefiMatch = (typeof defiMatches)[number];

/** Orders pages of one défi: the closest match first, then by id. */
export function comparePages(
  a: { id: string; defi?: Pick<DefiFields, 'matchedBy'> },
  b: { id: string; defi?: Pick<DefiFields, 'matchedBy'> },
): number {
  const rank = (page: typeof a): number =>
    page.defi?.matchedBy === undefined
      ? defiMatches.length
      : defiMatches.indexOf(page.defi.matchedBy);
  return rank(a) - rank(b) || a.id.localeCompare(b.id);
}

/** A public professional link of a person. */
export const personLinkKinds = ['github', 'gitlab', 'linkedin', 'website'] as const;
export type PersonLinkKind = (typeof personLinkKinds)[number];
export interface PersonLink {
  kind: PersonLinkKind;
  url: string;
}

/** A défi a person took part in, and where to read it when the index has it. */
export interface DefiRef {
  title: string;
  /** Resource id of the défi. */
  id?: string;
  url?: string;
}

/** The fields of a person, from `personnes.yml`: nothing else (no photo, no social network). */
export interface PersonFields {
  /** Stable ASCII slug of the name, unique in its content folder. */
  slug: string;
  name: string;
  /** `Designer`, `Mentor`, `Data scientist`… as the data says. */
  profile: string;
  /** Promotion labels (`EIG 2`, `DIG`), in label order. */
  promotions: string[];
  years: number[];
  /** Skill codes of their profile (a designer: `design`); none for mentors. */
  skills: string[];
  defis: DefiRef[];
  links: PersonLink[];
}
