import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { corpusExists } from '../helpers/ingest.ts';
import { removed, startProgrammeSite, teammate } from './helpers/programme-site.ts';
import type { RunningSite } from './helpers/site.ts';

/**
 * The défi, person and community pages as HTML over HTTP, on the corpus's défi pages and
 * the programme's data, with one person on the removal list.
 */

const hasCorpus = await corpusExists();
let site: RunningSite;
before(async () => {
  if (hasCorpus) site = await startProgrammeSite();
});
after(() => site?.close());

async function get(pathAndQuery: string): Promise<{ status: number; html: string }> {
  const response = await fetch(site.url + pathAndQuery, { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** The page's text as read, tags removed and spaces collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u202f|\u00a0/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The inner HTML of the element with this id (no nested element of the same name inside). */
function blockOf(html: string, id: string): string {
  const match = new RegExp(`<(\\w+)[^>]* id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  assert.ok(match, `the page has an element #${id}`);
  return match[2] ?? '';
}

/** Every link's href and text. */
function linksOf(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: (match[1] ?? '').replace(/&amp;/g, '&'),
    text: textOf(match[2] ?? '').trim(),
  }));
}

function linkTo(html: string, text: string): string {
  const link = linksOf(html).find((one) => one.text === text);
  assert.ok(link, `the page links « ${text} »`);
  return link.href;
}

const predisauvetage = '/ressources/contenu-defis-2018-01-01-donneesauvetagemaritime';

describe('A défi page with the programme’s data', { skip: !hasCorpus }, () => {
  it('shows the administration (linking to its website), promotion and year, duration and skills', async () => {
    const { status, html } = await get(predisauvetage);
    assert.equal(status, 200);
    const meta = textOf(/<dl class="rp-meta">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '');
    assert.match(
      meta,
      /Administration Ministère de la Transition écologique et solidaire, Direction des affaires maritimes/,
    );
    assert.match(meta, /Promotion EIG 2 \(2018\)/);
    assert.match(meta, /Durée 10 mois/);
    assert.match(meta, /Compétences Data engineering Développement/);
    assert.match(
      html,
      /<a href="https:\/\/lannuaire.service-public.fr\/gouvernement\/administration-centrale-ou-ministere_170825" target="_blank" rel="noopener" title="Ministère de la Transition écologique et solidaire, Direction des affaires maritimes - nouvelle fenêtre">/,
    );
    // Each skill lists the défis that share it.
    assert.equal(
      linkTo(html, 'Data engineering'),
      '/recherche?type=defi&competence=dataengineering',
    );
    // The date in the file name (1 January) is not the défi's: its year shows with the promotion.
    assert.doesNotMatch(meta, /1 janvier 2018/);
  });

  it('lists the team, EIGs then mentors, each linking to their page', async () => {
    const { html } = await get(predisauvetage);
    const team = blockOf(html, 'equipe');
    assert.deepEqual(
      linksOf(team)
        .filter((link) => !link.href.startsWith('#'))
        .map((link) => `${link.text} → ${link.href}`),
      [
        'Elsa Luneville → /communaute/elsa-luneville',
        'Antoine Augusti → /communaute/antoine-augusti',
        'Laurence Matringe → /communaute/laurence-matringe',
        'Renaud Périn → /communaute/renaud-perin',
      ],
    );
    assert.match(
      textOf(team),
      /Entrepreneurs d’intérêt général .*Antoine Augusti.* Mentors .*Laurence Matringe/,
    );
  });

  it('links its source code and website, and lists its key figures and deliverables', async () => {
    const { html } = await get(predisauvetage);
    assert.equal(
      linkTo(html, 'Code source'),
      'https://github.com/entrepreneur-interet-general/predisauvetage',
    );
    assert.equal(linkTo(html, 'Site du projet'), 'https://www.snosan.fr/');
    const figures = textOf(blockOf(html, 'chiffres-cles'));
    assert.match(figures, /275 000 opérations d’assistance et de sauvetage en mer en open data/);
    assert.match(figures, /17 répertoires sur GitHub/);
    const deliverables = blockOf(html, 'realisations');
    assert.equal(linkTo(deliverables, 'Carte des opérations en mer'), 'https://carte.snosan.fr/');
    assert.match(textOf(deliverables), /Nous avons réalisé une carte intéractive/);
  });

  it('lists its documents (posts that name it) and at most five défis close to it', async () => {
    const { html } = await get(predisauvetage);
    const documents = linksOf(blockOf(html, 'documents'));
    assert.ok(
      documents.some(
        (link) =>
          link.text === 'Appel à projets EIG 3 - les 6 facteurs clés de succès d’un défi EIG' &&
          link.href.startsWith('/ressources/'),
      ),
      documents.map((link) => link.text).join(' | '),
    );
    // Past « Copier le lien », which points to the block itself.
    const close = linksOf(blockOf(html, 'defis-proches')).filter(
      (link) => !link.href.startsWith('#'),
    );
    assert.ok(close.length > 0 && close.length <= 5, `${close.length} défis proches`);
    for (const link of close) assert.match(link.href, /^\/ressources\//);
    assert.ok(!close.some((link) => link.text === 'PrédiSauvetage'), 'not itself');
    // Each with its promotion and administration.
    assert.match(textOf(blockOf(html, 'defis-proches')), /EIG \d \(20\d\d\) · \S/);
  });

  it('each block’s heading is followed by « Copier le lien » to its anchor', async () => {
    const { html } = await get(predisauvetage);
    for (const [title, id] of [
      ['L’équipe', 'equipe'],
      ['Chiffres clés', 'chiffres-cles'],
      ['Réalisations', 'realisations'],
    ] as const)
      assert.equal(
        linkTo(blockOf(html, id), `Copier le lien vers la section « ${title} »`),
        `#${id}`,
      );
  });

  it('lists the team, figures and deliverables in its summary', async () => {
    const { html } = await get(predisauvetage);
    const toc = /<nav class="fr-summary rp-toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const summary = linksOf(toc);
    for (const [text, href] of [
      ['L’équipe', '#equipe'],
      ['Chiffres clés', '#chiffres-cles'],
      ['Réalisations', '#realisations'],
    ])
      assert.ok(
        summary.some((link) => link.text === text && link.href === href),
        `the summary links ${text}`,
      );
  });

  it('a défi known only from the data (MonitorFish) has its page, with its administration and team', async () => {
    const person = await get(`/communaute/${teammate.slug}`);
    const monitorFish = linkTo(person.html, 'MonitorFish');
    const { status, html } = await get(monitorFish);
    assert.equal(status, 200);
    assert.match(html, /<h1[^>]*>MonitorFish<\/h1>/);
    const text = textOf(html);
    assert.match(text, /Administration Centre national de surveillance des pêches/);
    assert.match(text, /Lieu Étel \(56410\)/);
    assert.match(text, /Promotion EIG 4 \(2020\)/);
    assert.match(text, /Améliorer le contrôle des activités des navires de pêche/);
    assert.deepEqual(
      linksOf(blockOf(html, 'equipe'))
        .filter((link) => !link.href.startsWith('#'))
        .map((link) => link.text),
      // Adeline Celier asked to be removed: not listed, not even as a placeholder.
      ['Loup Theron', 'Vincent Chéry', 'Céline Guillou', "Célia d'Hervé", 'Thierry Coquil'],
    );
    assert.match(textOf(blockOf(html, 'chiffres-cles')), /965 zones réglementées cartographiées/);
    // A path of the data points to the programme's site.
    assert.equal(
      linkTo(html, 'Diagnostic initial'),
      'https://entrepreneur-interet-general.etalab.gouv.fr/docs/EIG4_livrables/MonitorFish_Carnet_immersion_extraits.pdf',
    );
    // Each id once: the data's text is shown as the blocks, not a second time.
    for (const id of ['equipe', 'chiffres-cles', 'realisations'])
      assert.equal(html.split(`id="${id}"`).length - 1, 1, `#${id} once`);
  });
});

describe('GET /communaute/:slug', { skip: !hasCorpus }, () => {
  it('shows a person’s name, profile, promotions, défis and professional links, nothing else', async () => {
    const { status, html } = await get(`/communaute/${teammate.slug}`);
    assert.equal(status, 200);
    assert.match(html, /<title>Loup Theron – Repères<\/title>/);
    assert.match(html, /<h1>Loup Theron<\/h1>/);
    const text = textOf(html);
    assert.match(text, /Profil Développeur/);
    assert.match(text, /Promotion EIG 4/);
    // Each défi with its description, promotion and administration.
    assert.match(
      text,
      /Son défi MonitorFish Améliorer le contrôle des activités des navires de pêche EIG 4 \(2020\) · Centre national de surveillance des pêches/,
    );
    const links = linksOf(blockOf(html, 'liens')).map((link) => link.href);
    assert.deepEqual(links.sort(), [
      'https://github.com/louptheron',
      'https://gitlab.com/louptheron',
      'https://www.linkedin.com/in/loup-theron-b1785397/',
    ]);
    // No photo, no other network than the data's professional links.
    assert.doesNotMatch(html, /<img|\/img\/communaute|twitter/i);
  });

  it('answers 404 in French for an unknown person', async () => {
    const { status, html } = await get('/communaute/personne-inconnue');
    assert.equal(status, 404);
    assert.match(
      textOf(html),
      /Aucune personne de la communauté ne porte l’identifiant « personne-inconnue »/,
    );
  });
});

describe('The removal list', { skip: !hasCorpus }, () => {
  it('removes the person’s page (404), their name from their défi and from the community', async () => {
    assert.equal((await get(`/communaute/${removed.slug}`)).status, 404);
    const person = await get(`/communaute/${teammate.slug}`);
    const defi = await get(linkTo(person.html, 'MonitorFish'));
    assert.doesNotMatch(defi.html, new RegExp(removed.name));
    assert.match(defi.html, new RegExp(teammate.name));
    const designers = await get('/communaute?profil=Designer&promotion=EIG+4');
    assert.doesNotMatch(designers.html, new RegExp(removed.name));
    const search = await get(`/recherche?q=${encodeURIComponent(removed.name)}`);
    const hits = /<ol class="rp-hits[\s\S]*?<\/ol>/.exec(search.html)?.[0] ?? '';
    assert.doesNotMatch(hits, new RegExp(removed.name));
  });
});

describe('GET /communaute', { skip: !hasCorpus }, () => {
  it('lists people a page at a time, each linking to their page, with the filters as a GET form', async () => {
    const { status, html } = await get('/communaute');
    assert.equal(status, 200);
    assert.match(html, /<form class="rp-community-filters" method="get" action="\/communaute"/);
    for (const name of ['profil', 'promotion', 'competence'])
      assert.match(
        html,
        new RegExp(`<select class="fr-select" id="filtre-${name}" name="${name}">`),
      );
    const count = /<h2 class="fr-h4 fr-mt-4w" id="rp-count">([^<]*)<\/h2>/.exec(html)?.[1] ?? '';
    const total = Number(count.replace(/\D/g, ''));
    assert.ok(total > 200, `about 250 people, not ${count}`);
    const people = linksOf(html).filter((link) => /^\/communaute\/[a-z0-9-]+$/.test(link.href));
    assert.equal(people.length, 30);
    assert.match(
      html,
      /<a class="fr-pagination__link fr-pagination__link--next[^"]*" href="\/communaute\?page=2"/,
    );
  });

  it('filters by profile, promotion and skill together', async () => {
    const { html } = await get(
      '/communaute?profil=D%C3%A9veloppeur&promotion=EIG+4&competence=dev',
    );
    const people = linksOf(html)
      .filter((link) => /^\/communaute\/[a-z0-9-]+$/.test(link.href))
      .map((link) => link.text);
    assert.ok(people.includes('Loup Theron'), people.join(', '));
    assert.ok(!people.includes('Antoine Augusti'), 'EIG 2 and 3, not 4');
    assert.match(html, /<option value="Développeur" selected/);
    assert.match(textOf(html), /Effacer les filtres/);
  });

  it('says so when nobody matches, and answers 400 for an invalid page', async () => {
    const none = await get('/communaute?profil=Astronaute');
    assert.equal(none.status, 200);
    assert.match(textOf(none.html), /Aucune personne ne correspond à ces filtres/);
    const invalid = await get('/communaute?page=deux');
    assert.equal(invalid.status, 400);
    assert.match(textOf(invalid.html), /Paramètre « page » : doit être un numéro de page/);
  });
});

describe('Défi and person hits in results', { skip: !hasCorpus }, () => {
  it('a défi hit is a card: title, description, administration, promotion and skills', async () => {
    const { html } = await get('/recherche?q=MonitorFish');
    const card =
      /<li class="rp-hit rp-hit--card">([\s\S]*?)<\/li>\s*(?=<li class="rp-hit|<\/ol>)/.exec(
        html,
      )?.[1];
    assert.ok(card, 'a card');
    const text = textOf(card);
    assert.match(text, /MonitorFish/);
    assert.match(text, /Améliorer le contrôle des activités des navires de pêche/);
    assert.match(text, /Administration : Centre national de surveillance des pêches/);
    assert.match(text, /Promotion : EIG 4 \(2020\)/);
    assert.match(text, /Compétences : .*Géomatique/);
  });

  it('a person hit shows their profile, promotions and défis', async () => {
    const { html } = await get(`/recherche?q=${encodeURIComponent(teammate.name)}`);
    assert.match(
      html,
      /<h3 class="rp-hit__title"><a href="\/aller\?vers=%2Fcommunaute%2Floup-theron[^"]*" data-click-href="\/communaute\/loup-theron"[^>]*>Loup Theron<\/a><\/h3>/,
    );
    assert.match(textOf(html), /Personne Développeur · EIG 4 Loup Theron Défi : MonitorFish/);
  });
});

describe('Lists of resources and the community', { skip: !hasCorpus }, () => {
  const listed = (html: string) =>
    [...html.matchAll(/<h3 class="rp-item__title"><a href="([^"]*)"/g)].map((m) => m[1] ?? '');

  it('the home page’s recent resources and the resources list leave people to /communaute', async () => {
    const home = listed((await get('/')).html);
    assert.ok(home.length > 0);
    assert.deepEqual(
      home.filter((href) => href.startsWith('/communaute/')),
      [],
    );
    const resources = listed((await get('/ressources')).html);
    assert.ok(resources.length > 0);
    assert.deepEqual(
      resources.filter((href) => href.startsWith('/communaute/')),
      [],
    );
  });

  it('the resources list still shows people when asked for them', async () => {
    const people = listed((await get('/ressources?type=personne')).html);
    assert.ok(people.length > 0);
    assert.ok(
      people.every((href) => href.startsWith('/communaute/')),
      people.join(', '),
    );
  });
});
