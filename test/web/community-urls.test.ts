import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Defi, Person } from '../../src/community/community-store.ts';
import { lowerFirst } from '../../src/web/components/defi-facts.tsx';
import { isProgrammeEntry } from '../../src/web/pages/resource.tsx';
import {
  communityQuerySchema,
  describeCommunityIssues,
} from '../../src/web/community/community-query.ts';
import { communityUrl, displayUrl, personUrl, publicHref } from '../../src/web/community/urls.ts';
import { filterOptions } from '../../src/web/routers/community.ts';

describe('publicHref', () => {
  it('keeps http(s) addresses as they are', () => {
    assert.equal(
      publicHref('https://github.com/MTES-MCT/monitorfish'),
      'https://github.com/MTES-MCT/monitorfish',
    );
    assert.equal(publicHref('http://www.example.gouv.fr/a'), 'http://www.example.gouv.fr/a');
  });

  it('reads a path of the data on the programme’s site', () => {
    assert.equal(
      publicHref('/docs/EIG4_livrables/MonitorFish_Carnet_immersion_extraits.pdf'),
      'https://entrepreneur-interet-general.etalab.gouv.fr/docs/EIG4_livrables/MonitorFish_Carnet_immersion_extraits.pdf',
    );
  });

  it('drops what is not a web address, and empty values', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.fr',
      '',
      '  ',
      undefined,
    ])
      assert.equal(publicHref(url), undefined, String(url));
  });
});

describe('displayUrl', () => {
  it('shows an address without its scheme, www and trailing slash', () => {
    assert.equal(
      displayUrl('https://www.linkedin.com/in/adeline-celier/'),
      'linkedin.com/in/adeline-celier',
    );
    assert.equal(displayUrl('https://github.com/louptheron'), 'github.com/louptheron');
  });
});

describe('communityUrl and personUrl', () => {
  it('repeats filter values and leaves out empty ones and page 1', () => {
    assert.equal(communityUrl({}), '/communaute');
    assert.equal(
      communityUrl({ profil: ['Data scientist'], promotion: ['EIG 2'], competence: [], page: 1 }),
      '/communaute?profil=Data+scientist&promotion=EIG+2',
    );
    assert.equal(
      communityUrl({ competence: ['dev'], page: 3 }),
      '/communaute?competence=dev&page=3',
    );
  });

  it('builds a person’s address from their slug', () => {
    assert.equal(personUrl('loup-theron'), '/communaute/loup-theron');
  });
});

describe('communityQuerySchema', () => {
  it('reads each filter once or repeated, and ignores an empty choice', () => {
    const parsed = communityQuerySchema.parse({
      profil: '',
      promotion: ['EIG 1', 'EIG 2'],
      competence: 'design',
    });
    assert.deepEqual(parsed, {
      profil: [],
      promotion: ['EIG 1', 'EIG 2'],
      competence: ['design'],
      page: 1,
    });
  });

  it('names the parameter and says what was expected', () => {
    const parsed = communityQuerySchema.safeParse({ page: 'deux' });
    assert.equal(parsed.success, false);
    assert.equal(
      describeCommunityIssues(parsed.error),
      'Paramètre « page » : doit être un numéro de page écrit en chiffres (par ex. 2).',
    );
  });
});

describe('lowerFirst', () => {
  it('lets a key figure’s sentence read on from its amount', () => {
    assert.equal(
      lowerFirst('Zones réglementées cartographiées'),
      'zones réglementées cartographiées',
    );
    assert.equal(lowerFirst('Étudiants accompagnés'), 'étudiants accompagnés');
  });

  it('keeps acronyms and sentences already in lower case', () => {
    assert.equal(lowerFirst('JOP 2024 : fonds engagés'), 'JOP 2024 : fonds engagés');
    assert.equal(lowerFirst('agents interviewés'), 'agents interviewés');
  });
});

describe('filterOptions', () => {
  const person = (
    name: string,
    profile: string,
    promotions: string[],
    skills: string[],
  ): Person => ({
    id: `p-${name}`,
    url: `/communaute/${name}`,
    slug: name,
    name,
    profile,
    promotions,
    years: [],
    skills,
    defis: [],
    links: [],
  });
  const defi = {
    skills: [
      { code: 'datascience', label: 'Data science' },
      { code: 'dev', label: 'Développement' },
    ],
  } as Defi;

  it('counts each value once per person: profiles most common first, promotions in order, skills by label', () => {
    const options = filterOptions(
      [
        person('a', 'Mentor', ['EIG 10', 'EIG 2'], []),
        person('b', 'Designer', ['EIG 2'], ['design']),
        person('c', 'Mentor', ['DIG'], ['dev', 'datascience']),
      ],
      [defi],
    );
    assert.deepEqual(options.profil, [
      { value: 'Mentor', label: 'Mentor', count: 2 },
      { value: 'Designer', label: 'Designer', count: 1 },
    ]);
    assert.deepEqual(
      options.promotion.map((option) => `${option.value} (${option.count})`),
      ['DIG (1)', 'EIG 2 (2)', 'EIG 10 (1)'],
    );
    // A code no défi labels shows as it is rather than disappearing.
    assert.deepEqual(
      options.competence.map((option) => option.label),
      ['Data science', 'design', 'Développement'],
    );
  });
});

describe('isProgrammeEntry', () => {
  it('tells a défi known only from the data (virtual path) from a page of its own', () => {
    assert.equal(isProgrammeEntry('data/defis.yml#monitorfish'), true);
    assert.equal(isProgrammeEntry('corpus/data/defis.yml#monitorfish'), true);
    assert.equal(isProgrammeEntry('defis/2018-01-01-archifiltre.md'), false);
    assert.equal(isProgrammeEntry('data/defis.yml'), false);
  });
});
