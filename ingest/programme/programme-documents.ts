import type {
  DefiFields,
  DefiMatch,
  DefiRef,
  PersonFields,
} from '../../src/content/programme-fields.ts';
import type { ParsedDocument, ParsedSection } from '../parsers/types.ts';
import type { ProgrammeDefi, ProgrammePerson } from './programme-data.ts';

/**
 * The programme's data as documents: a défi page gains the data's fields; a défi without a
 * page and every person become documents of their own. Team names are searchable words of
 * each défi, so that a person's name finds their page and their défis.
 */

const number = new Intl.NumberFormat('fr-FR');

/** Searchable words of a défi beyond its text: host, city, team, skills. */
function defiKeywords(fields: DefiFields): string[] {
  return [
    fields.administration,
    ...(fields.city === undefined ? [] : [fields.city]),
    ...fields.team.map((member) => member.name),
    ...fields.skills.map((skill) => skill.label),
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A défi page with the data's fields: the data's administration and promotion win. */
export function enrichDefiPage(
  parsed: ParsedDocument,
  defi: ProgrammeDefi,
  matchedBy: DefiMatch,
): ParsedDocument {
  const fields: DefiFields = { ...defi.fields, matchedBy };
  // The page's own host (often an acronym: « MI ») stays findable.
  const own = parsed.organisation === undefined ? [] : [parsed.organisation];
  const summary = parsed.summary ?? fields.description;
  return {
    ...parsed,
    organisation: fields.administration,
    promotion: fields.promotion,
    ...(summary === undefined ? {} : { summary }),
    keywords: unique([...(parsed.keywords ?? []), ...own, ...defiKeywords(fields)]),
    defi: fields,
    skills: fields.skills.map((skill) => skill.code),
  };
}

function teamText(fields: DefiFields): string {
  const names = (role: 'eig' | 'mentor'): string =>
    fields.team
      .filter((member) => member.role === role)
      .map((member) => member.name)
      .join(', ');
  return [
    names('eig') === '' ? '' : `EIG : ${names('eig')}.`,
    names('mentor') === '' ? '' : `Mentors : ${names('mentor')}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** A défi of the data that no page matched, as a document of its own. */
export function defiDocument(defi: ProgrammeDefi): ParsedDocument {
  const { fields, title } = defi;
  const where = [fields.administration, fields.city].filter(Boolean).join(', ');
  const sections: ParsedSection[] = [
    {
      heading: title,
      hierarchy: [title],
      text: [
        fields.description === undefined ? '' : `${fields.description}.`,
        `Défi de la promotion ${fields.promotion} (${fields.year}), accueilli par ${where}.`,
        fields.skills.length === 0
          ? ''
          : `Compétences : ${fields.skills.map((skill) => skill.label).join(', ')}.`,
      ]
        .filter(Boolean)
        .join(' '),
    },
    section(title, 'Équipe', 'equipe', teamText(fields)),
    section(
      title,
      'Réalisations',
      'realisations',
      fields.deliverables
        .map((item) =>
          item.description === undefined ? item.title : `${item.title} : ${item.description}`,
        )
        .join('\n'),
    ),
    section(
      title,
      'Chiffres clés',
      'chiffres-cles',
      fields.keyFigures
        .map((figure) => `${number.format(figure.amount)} ${figure.description}`)
        .join('\n'),
    ),
  ].filter((one) => one.text !== '');
  return {
    title,
    type: 'defi',
    format: 'yaml',
    topics: [],
    organisation: fields.administration,
    promotion: fields.promotion,
    date: `${fields.year}-01-01`,
    ...(fields.description === undefined ? {} : { summary: fields.description }),
    keywords: unique(defiKeywords(fields)),
    defi: fields,
    skills: fields.skills.map((skill) => skill.code),
    sections,
    warnings: [],
  };
}

function section(title: string, heading: string, anchor: string, text: string): ParsedSection {
  return { heading, hierarchy: [title, heading], anchor, text };
}

/**
 * A person of the community as a document: one short card, found by their name. Their défis
 * are on the card's page, not in its searchable text: a défi's name must find the défi and
 * its documents, not each of its team members before them (the défi finds its team).
 */
export function personDocument(person: ProgrammePerson, defis: DefiRef[]): ParsedDocument {
  const fields: PersonFields = { ...person.fields, defis };
  const promotions = fields.promotions.join(', ');
  const summary = [fields.profile, promotions].filter(Boolean).join(' · ');
  return {
    title: fields.name,
    type: 'personne',
    format: 'yaml',
    topics: [],
    summary,
    person: fields,
    skills: fields.skills,
    sections: [
      {
        heading: fields.name,
        hierarchy: [fields.name],
        text: [
          `${fields.profile}${promotions === '' ? '' : `, promotion ${promotions}`}${fields.years.length === 0 ? '' : ` (${fields.years.join(', ')})`}.`,
        ]
          .filter(Boolean)
          .join(' '),
      },
    ],
    warnings: [],
  };
}
