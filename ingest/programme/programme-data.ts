import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { asciiSlug } from '../../src/content/ids.ts';
import type {
  DefiFields,
  PersonFields,
  PersonLink,
  Skill,
  TeamMember,
} from '../../src/content/programme-fields.ts';
import {
  defiEntrySchema,
  entriesFileSchema,
  personEntrySchema,
  promoEntrySchema,
  skillsFileSchema,
  withdrawalsFileSchema,
  type DefiEntry,
  type PersonEntry,
} from '../../src/community/programme-schema.ts';
import { formatIssues } from '../../src/validation/format-issues.ts';

/**
 * The programme's data files of one content folder, validated and joined: défis with their
 * team, people with their défis, the opt-out list applied. Pure: files in, data out; every
 * problem is a warning naming the file and the entry, never a failure.
 */

/** The data files, relative to their content folder. */
export const programmeFiles = {
  defis: 'data/defis.yml',
  personnes: 'data/personnes.yml',
  skills: 'data/skills.yml',
  promos: 'data/promos.yml',
  retraits: 'data/retraits.yml',
} as const;
export type ProgrammeFileKey = keyof typeof programmeFiles;
export type ProgrammeTexts = Partial<Record<ProgrammeFileKey, string>>;

/** A problem of a data file, in French, naming the entry. */
export interface ProgrammeWarning {
  /** The file, relative to its content folder. */
  path: string;
  message: string;
}

/** A défi of the data, as it will be indexed. */
export interface ProgrammeDefi {
  title: string;
  fields: DefiFields;
}

/** A défi a person took part in: its key in `defis.yml` when the data has it. */
export interface ProgrammeDefiRef {
  title: string;
  key?: string;
}

/** A person of the data, as it will be indexed (their défis resolved against the index later). */
export interface ProgrammePerson {
  fields: Omit<PersonFields, 'defis'>;
  defis: ProgrammeDefiRef[];
}

export interface ProgrammeData {
  defis: ProgrammeDefi[];
  persons: ProgrammePerson[];
  skills: Skill[];
  /** People left out at their request (`retraits.yml`) who were in the data. */
  withdrawn: number;
  warnings: ProgrammeWarning[];
}

/** Labels of the promotions by their value in the data (`4` → `EIG 4`, `dig` → `DIG`). */
type PromotionLabels = Map<string, string>;

/** Profile classes of `personnes.yml` → skill codes of `skills.yml`. */
const classSkills: Record<string, string> = {
  datascientist: 'datascience',
  webdev: 'dev',
  designer: 'design',
  geomatique: 'geomatique',
  dataengineer: 'dataengineering',
};

/** Folded slug of a name or title, the key people and défis are matched by. */
export function nameKey(name: string): string {
  return asciiSlug(name);
}

/** Parses and joins the programme's data files; `undefined` when there are neither défis nor people. */
export function parseProgrammeData(texts: ProgrammeTexts): ProgrammeData | undefined {
  if (texts.defis === undefined && texts.personnes === undefined) return undefined;
  const warnings: ProgrammeWarning[] = [];
  const warn = (key: ProgrammeFileKey, message: string): void => {
    warnings.push({ path: programmeFiles[key], message });
  };
  const skills = readSkills(texts.skills, warn);
  const promotions = readPromotions(texts.promos, warn);
  const listed = readWithdrawals(texts.retraits, warn);
  const withdrawals = new Set(listed === 'unreadable' ? [] : listed.map(nameKey));

  const personEntries = readEntries('personnes', texts.personnes, personEntrySchema, warn);
  const defiEntries = readEntries('defis', texts.defis, defiEntrySchema, warn);

  // People, merged by name: the data lists one person twice when they came back as a mentor.
  const people = new Map<string, { name: string; entries: PersonEntry[] }>();
  let withdrawn = 0;
  for (const [key, entry] of personEntries) {
    const slug = nameKey(key);
    if (slug === '') {
      warn('personnes', `personne « ${key} » : nom sans lettre ni chiffre, entrée ignorée`);
      continue;
    }
    if (entry.title !== undefined && nameKey(entry.title) !== slug) {
      warn(
        'personnes',
        `personne « ${key} » : le titre « ${entry.title} » ne correspond pas au nom ; le nom de l'entrée est retenu`,
      );
    }
    if (listed === 'unreadable' || withdrawals.has(slug)) {
      if (!people.has(slug)) withdrawn++;
      people.set(slug, { name: key, entries: [] });
      continue;
    }
    const known = people.get(slug);
    if (known === undefined) people.set(slug, { name: key, entries: [entry] });
    else known.entries.push(entry);
  }
  for (const [slug, person] of people) if (person.entries.length === 0) people.delete(slug);

  const skillCodes = new Map(skills.map((skill) => [skill.code, skill]));
  const defis: ProgrammeDefi[] = [];
  const defiSlugs = new Set<string>();
  const defiKeysByName = new Map<string, string>();
  for (const [key, entry] of defiEntries) {
    const fields = defiFields(key, entry, {
      skillCodes,
      promotions,
      people,
      withdrawals,
      nobody: listed === 'unreadable',
      warn,
    });
    let slug = nameKey(key) || 'defi';
    for (let n = 2; defiSlugs.has(slug); n++) slug = `${nameKey(key) || 'defi'}-${n}`;
    defiSlugs.add(slug);
    defis.push({ title: entry.title, fields: { ...fields, slug } });
    for (const name of [key, entry.title]) {
      if (!defiKeysByName.has(nameKey(name))) defiKeysByName.set(nameKey(name), key);
    }
  }

  unifyAdministrations(defis);

  const persons: ProgrammePerson[] = [];
  for (const [slug, { name, entries }] of people) {
    const refs = new Map<string, ProgrammeDefiRef>();
    for (const title of entries.flatMap((entry) => entry.defis)) {
      const key = defiKeysByName.get(nameKey(title));
      refs.set(key ?? `?${title}`, key === undefined ? { title } : { title, key });
    }
    // A team names people the person's own entry may forget.
    for (const defi of defis) {
      if (defi.fields.team.some((member) => member.slug === slug) && !refs.has(defi.fields.key)) {
        refs.set(defi.fields.key, { title: defi.title, key: defi.fields.key });
      }
    }
    const profiles = [
      ...new Set(entries.flatMap((entry) => (entry.profil === undefined ? [] : [entry.profil]))),
    ];
    const classes = entries.flatMap((entry) => entry.class);
    const promotionLabels = [
      ...new Set(
        classes.flatMap((cls) => {
          const label = promotionOfClass(cls, promotions);
          return label === undefined ? [] : [label];
        }),
      ),
    ].sort(comparePromotions);
    const personSkills = [
      ...new Set(
        [...classes, ...profiles.map((profile) => profile.toLowerCase().replace(/\s+/g, ''))]
          .map((value) => classSkills[value])
          .filter((code): code is string => code !== undefined && skillCodes.has(code)),
      ),
    ];
    persons.push({
      fields: {
        slug,
        name,
        profile: profiles.join(', ') || 'Membre de la communauté',
        promotions: promotionLabels,
        years: [...new Set(entries.flatMap((entry) => entry.annees))].sort(),
        skills: personSkills,
        links: personLinks(entries),
      },
      defis: [...refs.values()],
    });
  }
  persons.sort((a, b) => a.fields.name.localeCompare(b.fields.name, 'fr'));
  return { defis, persons, skills, withdrawn, warnings };
}

/**
 * One spelling per administration: the data writes some in several cases (« Cour de
 * cassation » and « Cour de Cassation »), which would make two facet values of one host.
 * The most used spelling wins; on a tie, the first in the file.
 */
function unifyAdministrations(defis: ProgrammeDefi[]): void {
  const spellings = new Map<string, Map<string, number>>();
  for (const { fields } of defis) {
    const key = nameKey(fields.administration);
    const counts = spellings.get(key) ?? new Map<string, number>();
    counts.set(fields.administration, (counts.get(fields.administration) ?? 0) + 1);
    spellings.set(key, counts);
  }
  for (const { fields } of defis) {
    const counts = spellings.get(nameKey(fields.administration));
    if (counts === undefined || counts.size < 2) continue;
    // Map keeps insertion order and sort is stable: the first spelling wins a tie.
    const [chosen] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (chosen !== undefined) fields.administration = chosen[0];
  }
}

interface DefiContext {
  skillCodes: Map<string, Skill>;
  promotions: PromotionLabels;
  people: Map<string, unknown>;
  withdrawals: Set<string>;
  /** The opt-out list could not be read: nobody is named. */
  nobody: boolean;
  warn: (key: ProgrammeFileKey, message: string) => void;
}

function defiFields(key: string, entry: DefiEntry, context: DefiContext): DefiFields {
  const { skillCodes, warn } = context;
  const skills: Skill[] = [];
  for (const code of entry.skills) {
    const skill = skillCodes.get(code);
    if (skill === undefined) {
      warn(
        'defis',
        `défi « ${key} » : compétence inconnue « ${code} » (connues : ${[...skillCodes.keys()].join(', ') || 'aucune'}) ; elle est ignorée`,
      );
    } else if (!skills.includes(skill)) skills.push(skill);
  }
  if (entry.eigs.length === 0 && entry.mentors.length === 0) {
    warn('defis', `défi « ${key} » : aucune personne nommée (ni eigs ni mentors)`);
  }
  const member = (name: string, role: TeamMember['role']): TeamMember[] => {
    const slug = nameKey(name);
    // Removed at their request: not shown at all, not even as a placeholder.
    if (context.nobody || context.withdrawals.has(slug)) return [];
    return [{ name, role, ...(context.people.has(slug) ? { slug } : {}) }];
  };
  const promotion = promotionLabel(entry.promotion, context.promotions);
  return {
    key,
    slug: nameKey(key),
    administration: entry.administration.replace(/[\s,]+$/, ''),
    promotion,
    year: entry.year,
    skills,
    team: [
      ...entry.eigs.flatMap((name) => member(name, 'eig')),
      ...entry.mentors.flatMap((name) => member(name, 'mentor')),
    ],
    keyFigures: entry.key_figures,
    deliverables: entry.projects.map((project) => ({
      title: project.title,
      ...(project.url === undefined ? {} : { url: project.url }),
      ...(project.description === undefined ? {} : { description: project.description }),
    })),
    ...optional('description', entry.description),
    ...optional('administrationWebsite', entry.administration_website),
    ...optional('city', entry.ville),
    ...optional('durationMonths', entry.duration_months ?? undefined),
    ...optional('sourceCode', entry.source_code),
    ...optional('website', entry.website),
    ...optional('linkTo', entry.link_to),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Public professional links: a GitHub or GitLab account name becomes its profile's address. */
function personLinks(entries: readonly PersonEntry[]): PersonLink[] {
  const links: PersonLink[] = [];
  const add = (kind: PersonLink['kind'], value: string | undefined, base?: string): void => {
    if (value === undefined) return;
    const url = /^https?:\/\//i.test(value)
      ? value
      : base === undefined
        ? `https://${value}`
        : `${base}${value.replace(/^@/, '')}`;
    if (!links.some((link) => link.url === url)) links.push({ kind, url });
  };
  for (const entry of entries) {
    add('github', entry.github, 'https://github.com/');
    add('gitlab', entry.gitlab, 'https://gitlab.com/');
    add('linkedin', entry.linkedin);
    add('website', entry.website);
  }
  return links;
}

function promotionLabel(value: number | string, promotions: PromotionLabels): string {
  const known = promotions.get(String(value).toLowerCase());
  if (known !== undefined) return known;
  return typeof value === 'number' ? `EIG ${value}` : value.toUpperCase();
}

/** `eig-3` → `EIG 3`, `dig` → `DIG`; other classes (profiles) name no promotion. */
function promotionOfClass(cls: string, promotions: PromotionLabels): string | undefined {
  const numbered = /^eig-(\d+)$/i.exec(cls);
  if (numbered?.[1] !== undefined) return promotionLabel(Number(numbered[1]), promotions);
  return cls.toLowerCase() === 'dig' ? promotionLabel('dig', promotions) : undefined;
}

/** EIG 1, EIG 2… then the others (DIG). */
function comparePromotions(a: string, b: string): number {
  return a.localeCompare(b, 'fr', { numeric: true });
}

function readYaml(
  key: ProgrammeFileKey,
  text: string | undefined,
  warn: DefiContext['warn'],
): unknown {
  if (text === undefined) return undefined;
  try {
    // The site's files repeat a key inside an entry now and then; Jekyll keeps the last one.
    return parseYaml(text, { uniqueKeys: false });
  } catch (error) {
    warn(key, `YAML illisible : ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The entries of a file by key, each checked on its own; a bad one is named and left out. */
function readEntries<T>(
  key: ProgrammeFileKey,
  text: string | undefined,
  schema: z.ZodType<T>,
  warn: DefiContext['warn'],
): [string, T][] {
  const data = readYaml(key, text, warn);
  if (data === undefined || data === null) return [];
  const file = entriesFileSchema.safeParse(data);
  if (!file.success) {
    warn(key, 'le fichier doit associer chaque nom à ses champs (un dictionnaire YAML)');
    return [];
  }
  const entries: [string, T][] = [];
  for (const [name, value] of Object.entries(file.data)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) entries.push([name, parsed.data]);
    else
      warn(
        key,
        `entrée « ${name} » ignorée : ${formatIssues(parsed.error, { root: 'entrée' }).join(' ; ')}`,
      );
  }
  return entries;
}

function readSkills(text: string | undefined, warn: DefiContext['warn']): Skill[] {
  const data = readYaml('skills', text, warn);
  if (data === undefined || data === null) return [];
  const parsed = skillsFileSchema.safeParse(data);
  if (!parsed.success) {
    warn('skills', `compétences ignorées : ${formatIssues(parsed.error).join(' ; ')}`);
    return [];
  }
  return Object.entries(parsed.data).map(([code, label]) => ({ code, label }));
}

function readPromotions(text: string | undefined, warn: DefiContext['warn']): PromotionLabels {
  const labels: PromotionLabels = new Map();
  for (const [, promo] of readEntries('promos', text, promoEntrySchema, warn)) {
    labels.set(String(promo.promotion).toLowerCase(), promo.slug);
  }
  return labels;
}

/** The opt-out list; `unreadable` when it exists but cannot be read. */
function readWithdrawals(
  text: string | undefined,
  warn: DefiContext['warn'],
): string[] | 'unreadable' {
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    warn(
      'retraits',
      `liste de retraits illisible (${error instanceof Error ? error.message : String(error)}) : par précaution, aucune personne n'est publiée`,
    );
    return 'unreadable';
  }
  if (data === null) return [];
  const parsed = withdrawalsFileSchema.safeParse(data);
  if (!parsed.success) {
    // Ignoring a broken opt-out list would publish people who asked not to be.
    warn(
      'retraits',
      `liste de retraits invalide (une liste de noms ou d'identifiants est attendue : ${formatIssues(parsed.error).join(' ; ')}) : par précaution, aucune personne n'est publiée`,
    );
    return 'unreadable';
  }
  return parsed.data;
}
