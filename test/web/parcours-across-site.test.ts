import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { contentFolder } from '../helpers/ingest.ts';
import { guideMarkdown, licenceMarkdown, startSite, type RunningSite } from './helpers/site.ts';

/**
 * The parcours across the site, as HTML over HTTP: the home page's « Je suis : … » choice,
 * and parcours kept out of the resource lists (they have their own pages) while a search
 * hit on one leads to its page.
 */

const newcomers = `title: Bien arriver
audience: nouvelle promotion
description: Le parcours d'accueil des arrivants, semaine après semaine.
steps:
  - resource: contenu-heberger-un-service
    note: Les arrivants découvrent d'abord où tourne leur service.
  - resource: contenu-choisir-une-licence
    note: Puis les arrivants choisissent la licence du code qu'ils publieront.
`;

const developers = `title: Publier son code
audience: EIG développeur·se
description: Ce qu'un développeur vérifie avant d'ouvrir son dépôt.
steps:
  - resource: contenu-choisir-une-licence
    anchor: licences-permissives
    note: La licence se choisit avant la première publication.
`;

let site: RunningSite;
before(async () => {
  site = await startSite({
    contentDir: await contentFolder({
      'heberger-un-service.md': guideMarkdown,
      'choisir-une-licence.md': licenceMarkdown,
      'parcours/bien-arriver.yml': newcomers,
      'parcours/publier-son-code.yml': developers,
    }),
  });
});
after(() => site?.close());

async function get(
  pathAndQuery: string,
): Promise<{ status: number; headers: Headers; html: string }> {
  const response = await fetch(site.url + pathAndQuery, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The HTML of the home page's section with that heading id. */
function section(html: string, headingId: string): string {
  return new RegExp(`<section aria-labelledby="${headingId}"[^]*?</section>`).exec(html)?.[0] ?? '';
}

/** The « Je suis : … » links: their text, and which one is marked current. */
function audienceLinks(html: string): { text: string; current: boolean; href: string }[] {
  const nav = /<nav class="rp-audiences"[^]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [
    ...nav.matchAll(/<a class="fr-tag" href="([^"]+)"( aria-current="true")?>([^<]*)<\/a>/g),
  ].map((match) => ({
    href: match[1] ?? '',
    current: match[2] !== undefined,
    text: match[3] ?? '',
  }));
}

const cardTitles = (html: string): string[] =>
  [
    ...section(html, 'parcours-titre').matchAll(
      /<h3 class="fr-card__title"><a href="[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((match) => match[1] ?? '');

describe('GET / › « Je suis : … »', () => {
  it('by default shows the parcours of the new promotion, the audience marked current, above the topics', async () => {
    const { html } = await get('/');
    assert.deepEqual(cardTitles(html), ['Bien arriver']);
    assert.deepEqual(
      audienceLinks(html).map(({ text, current }) => ({ text, current })),
      [
        { text: 'nouvelle promotion', current: true },
        { text: 'EIG développeur·se', current: false },
      ],
    );
    assert.ok(html.indexOf('id="parcours-titre"') < html.indexOf('id="thematiques"'));
  });

  it('follows its links without JavaScript: ?public=<audience> shows that audience’s parcours only', async () => {
    const developerLink = audienceLinks((await get('/')).html).find(
      (link) => link.text === 'EIG développeur·se',
    );
    assert.ok(developerLink !== undefined);
    const { html } = await get(developerLink.href.replaceAll('&amp;', '&'));
    assert.deepEqual(cardTitles(html), ['Publier son code']);
    assert.deepEqual(
      audienceLinks(html)
        .filter((link) => link.current)
        .map((link) => link.text),
      ['EIG développeur·se'],
    );
  });

  it('falls back to the new promotion for an audience no parcours has', async () => {
    const { status, html } = await get('/?public=inconnu');
    assert.equal(status, 200);
    assert.deepEqual(cardTitles(html), ['Bien arriver']);
  });
});

describe('parcours are not listed as resources', () => {
  it('the home page’s « Ajouts récents » lists the guides, not the parcours', async () => {
    const recent = section((await get('/')).html, 'recents');
    assert.match(recent, /Choisir une licence libre/);
    assert.doesNotMatch(recent, /Bien arriver|Publier son code|\/parcours\//);
  });

  it('/ressources lists and counts the guides only, and offers no « Parcours » filter', async () => {
    const main = /<main[^]*?<\/main>/.exec((await get('/ressources')).html)?.[0] ?? '';
    assert.match(main, /<h2 class="fr-h4">2 ressources<\/h2>/);
    assert.doesNotMatch(main, /Bien arriver|Publier son code|>Parcours</);
  });

  it('a parcours’s resource address sends to its parcours page', async () => {
    const hit = (await (await fetch(`${site.url}/api/search?q=arrivants`)).json()) as {
      hits: { resourceId: string; type: string }[];
    };
    const parcours = hit.hits.find((one) => one.type === 'parcours');
    assert.ok(parcours !== undefined, JSON.stringify(hit.hits));
    const { status, headers } = await get(`/ressources/${parcours.resourceId}`);
    assert.equal(status, 301);
    assert.equal(headers.get('location'), '/parcours/bien-arriver');
  });
});

describe('GET /recherche › a parcours hit', () => {
  it('links its title and its other passages to the parcours page, never to /ressources/', async () => {
    const { html } = await get('/recherche?q=arrivants');
    const hit = [
      ...html.matchAll(/<li class="rp-hit">[^]*?<\/li>\s*(?=<li class="rp-hit">|<\/ol>|<\/ul>)/g),
    ]
      .map((match) => match[0])
      .find((one) => one.includes('Bien arriver'));
    assert.ok(hit !== undefined, 'a hit on « Bien arriver »');
    const links = [...hit.matchAll(/<a class="[^"]*" href="([^"]+)"|<a href="([^"]+)"/g)].map(
      (match) => (match[1] ?? match[2] ?? '').replaceAll('&amp;', '&'),
    );
    assert.ok(
      links.some((link) => link.startsWith('/parcours/bien-arriver')),
      links.join(' '),
    );
    assert.match(hit, /autres? passages?/);
    assert.deepEqual(
      links.filter((link) => link.startsWith('/ressources/')),
      [],
    );
  });
});
