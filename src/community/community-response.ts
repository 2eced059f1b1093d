import { z } from 'zod';
import { multiValue } from '../search/search-query.ts';
import { personLinkKinds, teamRoles } from '../content/programme-fields.ts';
import { personUrl } from './urls.ts';
import type { Defi, Person } from './community-store.ts';

/**
 * What `GET /api/defis`, `/api/defis/:id`, `/api/personnes` and `/api/personnes/:slug`
 * return, written once: the presenters are typed from these schemas and the OpenAPI
 * document is generated from them. Presenters whitelist: nothing else of a record goes out.
 */

const filterValue = z.string().max(300, 'au plus 300 caractères');

export const defiListQuerySchema = z.object({
  administration: multiValue(filterValue).meta({
    description: 'Administrations d’accueil (nom exact ; plusieurs : l’une ou l’autre)',
    example: ['Direction interministérielle du numérique'],
  }),
  competence: multiValue(filterValue).meta({
    description: 'Codes de compétence (`dev`, `design`…)',
    example: ['design'],
  }),
  promotion: multiValue(filterValue).meta({
    description: 'Promotions du programme (`EIG 2`, `DIG`…) ; plusieurs : l’une ou l’autre',
    example: ['EIG 2'],
  }),
});

export const personListQuerySchema = z.object({
  profil: multiValue(filterValue).meta({
    description: 'Profils des personnes (`Designer`, `Mentor`…) ; plusieurs : l’un ou l’autre',
    example: ['Mentor'],
  }),
  promotion: multiValue(filterValue).meta({
    description: 'Promotions du programme (`EIG 2`, `DIG`…) ; plusieurs : l’une ou l’autre',
    example: ['EIG 2'],
  }),
  competence: multiValue(filterValue).meta({
    description: 'Codes de compétence (`dev`, `design`…)',
    example: ['dev'],
  }),
});

export const defiIdSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,511}$/i, 'identifiant de défi invalide')
    .meta({
      description: 'L’identifiant du défi (`id` de `GET /api/defis`)',
      example: 'defis-2018-01-01-signaux-faibles',
    }),
});

export const personSlugSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant de personne invalide')
    .meta({
      description: 'L’identifiant de la personne (`slug` de `GET /api/personnes`)',
      example: 'marie-dupont',
    }),
});

const skillSchema = z.strictObject({ code: z.string(), label: z.string() }).meta({ id: 'Skill' });

const teamMemberSchema = z
  .strictObject({
    name: z.string(),
    role: z.enum(teamRoles).meta({ description: '`eig` ou `mentor`' }),
    slug: z.string().optional().meta({ description: 'Sa page : `/communaute/<slug>`' }),
    url: z.string().optional(),
  })
  .meta({ id: 'TeamMember' });

/** A défi named elsewhere (a person's défis, related défis): title and where to read it. */
export const defiRefSchema = z
  .strictObject({
    title: z.string(),
    id: z.string().optional(),
    url: z.string().optional(),
  })
  .meta({ id: 'DefiRef' });

/** A document that names a défi (a PDF, a blog post). */
export const defiDocumentSchema = z
  .strictObject({ id: z.string(), title: z.string(), type: z.string(), url: z.string() })
  .meta({ id: 'DefiDocument' });

const defiShape = {
  id: z.string().meta({ description: 'Identifiant de la ressource du défi' }),
  title: z.string(),
  url: z.string().meta({ description: 'Sa page dans l’interface' }),
  description: z.string().optional().meta({ description: 'En une ligne' }),
  administration: z.string(),
  administrationWebsite: z.string().optional(),
  city: z.string().optional(),
  promotion: z.string().meta({ description: '`EIG 1` à `EIG 4`, `DIG`' }),
  year: z.number().int(),
  durationMonths: z.number().optional(),
  skills: z.array(skillSchema),
  team: z.array(teamMemberSchema).meta({
    description: 'Les EIG puis les mentors ; les personnes retirées à leur demande n’y sont pas',
  }),
  sourceCode: z.string().optional(),
  website: z.string().optional(),
};

export const defiSummarySchema = z.strictObject(defiShape).meta({ id: 'DefiSummary' });

export const defiDetailSchema = z
  .strictObject({
    ...defiShape,
    topics: z.array(z.string()),
    keyFigures: z.array(z.strictObject({ amount: z.number(), description: z.string() })),
    deliverables: z.array(
      z.strictObject({
        title: z.string(),
        url: z.string().optional(),
        description: z.string().optional(),
      }),
    ),
    related: z
      .array(defiRefSchema)
      .optional()
      .meta({ description: 'Défis proches (mêmes compétences ou domaine), cinq au plus' }),
    documents: z
      .array(defiDocumentSchema)
      .optional()
      .meta({ description: 'Documents qui nomment le défi (PDF, articles)' }),
  })
  .meta({ id: 'DefiDetail' });

export const defiListSchema = z
  .strictObject({ defis: z.array(defiSummarySchema), total: z.number().int() })
  .meta({ id: 'DefiList' });

const personShape = {
  slug: z.string(),
  url: z.string().meta({ description: 'Sa page : `/communaute/<slug>`' }),
  name: z.string(),
  profile: z.string(),
  promotions: z.array(z.string()),
  years: z.array(z.number().int()),
  skills: z.array(z.string()).meta({ description: 'Codes de compétence de son profil' }),
};

export const personSummarySchema = z.strictObject(personShape).meta({ id: 'PersonSummary' });

export const personDetailSchema = z
  .strictObject({
    ...personShape,
    defis: z.array(defiRefSchema),
    links: z
      .array(z.strictObject({ kind: z.enum(personLinkKinds), url: z.string() }))
      .meta({ description: 'Liens professionnels publics donnés par les données du programme' }),
  })
  .meta({ id: 'PersonDetail' });

export const personListSchema = z
  .strictObject({ personnes: z.array(personSummarySchema), total: z.number().int() })
  .meta({ id: 'PersonList' });

export type DefiSummaryResponse = z.infer<typeof defiSummarySchema>;
export type DefiDetailResponse = z.infer<typeof defiDetailSchema>;
export type PersonSummaryResponse = z.infer<typeof personSummarySchema>;
export type PersonDetailResponse = z.infer<typeof personDetailSchema>;

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** A défi in a list. */
export function presentDefiSummary(defi: Defi): DefiSummaryResponse {
  return {
    id: defi.id,
    title: defi.title,
    url: defi.url,
    administration: defi.administration,
    promotion: defi.promotion,
    year: defi.year,
    skills: defi.skills.map(({ code, label }) => ({ code, label })),
    team: defi.team.map((member) => ({
      name: member.name,
      role: member.role,
      ...(member.slug === undefined ? {} : { slug: member.slug, url: personUrl(member.slug) }),
    })),
    ...optional('description', defi.description),
    ...optional('administrationWebsite', defi.administrationWebsite),
    ...optional('city', defi.city),
    ...optional('durationMonths', defi.durationMonths),
    ...optional('sourceCode', defi.sourceCode),
    ...optional('website', defi.website),
  };
}

/** One défi with everything the data gives (related défis and documents: when computed). */
export function presentDefiDetail(
  defi: Defi,
  extra: {
    related?: DefiDetailResponse['related'];
    documents?: DefiDetailResponse['documents'];
  } = {},
): DefiDetailResponse {
  return {
    ...presentDefiSummary(defi),
    topics: defi.topics,
    keyFigures: defi.keyFigures.map(({ amount, description }) => ({ amount, description })),
    deliverables: defi.deliverables.map((item) => ({
      title: item.title,
      ...optional('url', item.url),
      ...optional('description', item.description),
    })),
    ...optional('related', extra.related),
    ...optional('documents', extra.documents),
  };
}

/** A person in a list. */
export function presentPersonSummary(person: Person): PersonSummaryResponse {
  return {
    slug: person.slug,
    url: person.url,
    name: person.name,
    profile: person.profile,
    promotions: person.promotions,
    years: person.years,
    skills: person.skills,
  };
}

/** One person, with their défis and public professional links. */
export function presentPersonDetail(person: Person): PersonDetailResponse {
  return {
    ...presentPersonSummary(person),
    defis: person.defis.map((defi) => ({
      title: defi.title,
      ...optional('id', defi.id),
      ...optional('url', defi.url),
    })),
    links: person.links.map(({ kind, url }) => ({ kind, url })),
  };
}
