import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { contractClient } from '../helpers/api-contract.ts';
import { buildTestApp } from '../helpers/app.ts';
import { testMeili } from '../helpers/meili.ts';
import { startSite, XSS, type RunningSite } from './helpers/site.ts';

/** The pages as HTML over HTTP: what the server sends, before any browser runs it. */

let site: RunningSite;
before(async () => {
  site = await startSite();
});
after(() => site?.close());

async function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; html: string }> {
  const response = await fetch(site.url + pathAndQuery, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The text of the first element whose opening tag matches (no nested element of the same name). */
function textOf(html: string, openingTag: RegExp): string | undefined {
  const name = /^<(\w+)/.exec(openingTag.source)?.[1] ?? '';
  const match = new RegExp(`${openingTag.source}([\\s\\S]*?)</${name}>`, openingTag.flags).exec(
    html,
  );
  return match?.[1]?.replace(/<[^>]+>/g, '');
}

const titleOf = (html: string) => textOf(html, /<title>/);
const count = (html: string, pattern: RegExp) =>
  (html.match(new RegExp(pattern.source, 'g')) ?? []).length;

describe('GET /', () => {
  it('shows the search bar, the topics with their number of resources and the recent resources', async () => {
    const { status, html } = await get('/');
    assert.equal(status, 200);
    assert.equal(titleOf(html), 'Accueil – Repères');
    assert.match(html, /<html lang="fr"/);
    assert.match(
      html,
      /<form class="fr-search-bar fr-search-bar--lg" id="recherche" role="search" action="\/recherche" method="get"/,
    );
    assert.match(
      html,
      /<label class="fr-label" for="recherche-q">Rechercher dans Repères<\/label>/,
    );
    assert.match(
      html,
      /<a href="\/recherche\?topic=securite">Sécurité<\/a><\/h3><p class="fr-tile__detail">2 ressources<\/p>/,
    );
    assert.match(
      html,
      /<a href="\/recherche\?topic=hebergement">Hébergement<\/a><\/h3><p class="fr-tile__detail">1 ressource<\/p>/,
    );
    // Topics without resources are left out.
    assert.doesNotMatch(html, /topic=design/);
    assert.match(
      html,
      /<h3 class="rp-item__title"><a href="\/ressources\/contenu-heberger-un-service">Héberger un service numérique public<\/a><\/h3>/,
    );
    assert.equal(count(html, /<h1[ >]/), 1);
  });
});

describe('GET /recherche', () => {
  it('with words › counts the hits and links each to its section, with the words to mark', async () => {
    const { status, html } = await get('/recherche?q=r%C3%A9versibilit%C3%A9');
    assert.equal(status, 200);
    assert.equal(titleOf(html), 'Recherche « réversibilité » – Repères');
    assert.equal(
      textOf(html, /<h2 class="fr-h4" id="rp-count"[^>]*>/),
      '1 résultat pour « réversibilité »',
    );
    assert.match(
      html,
      // Without JavaScript through /aller (the click is counted); the direct address is kept for the script.
      /<a href="\/aller\?vers=%2Fressources%2Fcontenu-heberger-un-service[^"]*" data-click-href="\/ressources\/contenu-heberger-un-service\?q=r%C3%A9versibilit%C3%A9&amp;retour=%2Frecherche%3Fq%3Dr%25C3%25A9versibilit%25C3%25A9#sauvegardes-et-r%C3%A9versibilit%C3%A9"[^>]*>Héberger un service numérique public<\/a>/,
    );
    assert.equal(
      textOf(html, /<p class="rp-hit__path">/),
      'Emplacement : Sauvegardes et réversibilité',
    );
    assert.match(html, /<p class="rp-hit__snippet">La <mark>réversibilité<\/mark> garantit/);
    assert.match(
      html,
      /<span class="fr-badge fr-badge--sm fr-badge--blue-ecume">Guide<\/span><span class="rp-hit__topics">Hébergement · Sécurité<\/span>/,
    );
  });

  it('with a topic filter › shows it as a dismissible tag whose link removes it', async () => {
    const { html } = await get('/recherche?q=sauvegardes&topic=hebergement');
    assert.match(
      html,
      /<a class="fr-tag fr-tag--sm fr-tag--dismiss" href="\/recherche\?q=sauvegardes" aria-label="Retirer le filtre Hébergement">Hébergement<\/a>/,
    );
    // Other values add themselves to the filter; the words and the filter are kept in the form.
    assert.match(
      html,
      /<a class="fr-tag fr-tag--sm" href="\/recherche\?q=sauvegardes&amp;topic=hebergement&amp;topic=juridique">Juridique/,
    );
    assert.match(html, /<input type="hidden" name="topic" value="hebergement"\/>/);
    assert.match(
      html,
      /<a class="fr-link fr-link--sm fr-icon-close-line fr-link--icon-left" href="\/recherche\?q=sauvegardes">Retirer tous les filtres<\/a>/,
    );
  });

  it('with an unknown topic › answers 400 with a French message in the page', async () => {
    const { status, html } = await get('/recherche?q=cloud&topic=inconnue');
    assert.equal(status, 400);
    assert.match(
      html,
      /<div class="fr-alert fr-alert--error"><h2 class="fr-alert__title">Cette recherche n’a pas pu être faite<\/h2>/,
    );
    assert.match(html, /Paramètre « thématique » : thématique inconnue « inconnue »/);
    // The words typed are kept in the field.
    assert.match(html, /name="q" type="search" value="cloud"/);
  });

  it('with a page number that is not one › answers 400 naming the page', async () => {
    const { status, html } = await get('/recherche?q=cloud&page=abc');
    assert.equal(status, 400);
    assert.match(html, /Paramètre « page » : doit être un nombre entier/);
  });

  it('with words nothing matches › helps: spelling suggestion, topics and all resources', async () => {
    const { status, html } = await get('/recherche?q=sekurte');
    assert.equal(status, 200);
    assert.equal(
      textOf(html, /<h2 class="fr-h4" id="rp-count"[^>]*>/),
      'Aucun résultat pour « sekurte »',
    );
    assert.match(
      html,
      /Essayez plutôt :<\/p><ul class="rp-suggestions"><li><a href="\/recherche\?q=s%C3%A9curit%C3%A9">sécurité<\/a><\/li><\/ul>/,
    );
    assert.match(html, /<a class="fr-tag" href="\/recherche\?topic=hebergement">Hébergement<\/a>/);
    assert.match(html, /href="\/ressources">Voir toutes les ressources<\/a>/);
  });

  it('with a filter that leaves nothing › offers the same words without any filter', async () => {
    const { html } = await get('/recherche?q=badge&type=guide');
    assert.match(
      html,
      /<a href="\/recherche\?q=badge">Rechercher « badge » sans aucun filtre<\/a>/,
    );
  });

  it('with more hits than a page › paginates with DSFR links that keep the words and filters', async () => {
    const { html } = await get('/recherche?q=sauvegardes&limit=1');
    assert.match(
      html,
      /<nav role="navigation" class="fr-pagination fr-mt-4w" aria-label="Pagination">/,
    );
    assert.match(
      html,
      /<a class="fr-pagination__link" href="\/recherche\?q=sauvegardes&amp;limit=1" title="Page 1" aria-current="page">1<\/a>/,
    );
    assert.match(
      html,
      /<a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="\/recherche\?q=sauvegardes&amp;page=2&amp;limit=1">Page suivante<\/a>/,
    );
    assert.match(
      html,
      /<a class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true" role="link">Page précédente<\/a>/,
    );
  });

  it('a PDF hit › links to the file at its page and to its text on the resource page', async () => {
    const { html } = await get('/recherche?q=badge');
    assert.match(
      html,
      /<a href="\/aller\?vers=%2Fapi%2Fresources%2Fcontenu-checklist-arrivee%2Ffile%23page%3D2[^"]*" data-click-href="\/api\/resources\/contenu-checklist-arrivee\/file#page=2"[^>]*>Checklist arrivée EIG<\/a>/,
    );
    assert.match(
      html,
      /<a class="fr-link fr-link--sm" href="\/ressources\/contenu-checklist-arrivee\?q=badge&amp;retour=%2Frecherche%3Fq%3Dbadge#page-2">Lire le texte de la page 2<\/a>/,
    );
  });

  it('logs each search, but not the intermediate searches of search-as-you-type', async () => {
    await get('/recherche?q=cloud%20de%20confiance&topic=hebergement');
    await get('/recherche?q=clo', { 'X-Live-Search': '1' });
    await site.searchLog.flushed();
    const lines = (await fs.readFile(path.join(site.dataDir, 'analytics/searches.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const entries = lines.map(
      (line) =>
        JSON.parse(line) as { query: string; filters: Record<string, string[]>; hits: number },
    );
    const logged = entries.find((entry) => entry.query === 'cloud de confiance');
    assert.deepEqual(logged?.filters.topic, ['hebergement']);
    assert.equal(logged?.hits, 1);
    assert.equal(
      entries.some((entry) => entry.query === 'clo'),
      false,
    );
  });
});

describe('GET /ressources', () => {
  it('lists every resource, most recent first, and filters by type', async () => {
    const all = await get('/ressources');
    assert.equal(all.status, 200);
    assert.equal(textOf(all.html, /<h2 class="fr-h4">/), '4 ressources');
    const titles = [...all.html.matchAll(/<h3 class="rp-item__title"><a href="([^"]+)">/g)].map(
      (match) => match[1],
    );
    assert.equal(titles.length, 4);

    const pdfs = await get('/ressources?type=pdf');
    assert.equal(textOf(pdfs.html, /<h2 class="fr-h4">/), '1 ressource');
    assert.match(pdfs.html, /aria-label="Retirer le filtre PDF"/);
  });

  it('shows how many resources each filter value has, and hides the values with none', async () => {
    const { html } = await get('/ressources?type=pdf');
    assert.match(html, />Guide<span class="rp-count">\u00a0\(3\)<\/span>/);
    assert.doesNotMatch(html, />Défi</, 'no défi in this content');
  });
});

describe('GET /ressources/:id', () => {
  it('renders the Markdown under one h1, with heading ids equal to the section anchors, and a table of contents', async () => {
    const { status, html } = await get('/ressources/contenu-heberger-un-service');
    assert.equal(status, 200);
    assert.equal(titleOf(html), 'Héberger un service numérique public – Repères');
    assert.equal(count(html, /<h1[ >]/), 1);
    // The body's own h1 repeated the title: the page's h1 takes its id, the rest moves one level down.
    assert.match(
      html,
      /<h1 id="héberger-un-service-numérique-public">Héberger un service numérique public<\/h1>/,
    );
    assert.match(html, /<h2 id="sauvegardes-et-réversibilité">Sauvegardes et réversibilité<\/h2>/);
    assert.match(html, /<h3 id="le-coût">Le coût<\/h3>/);
    assert.match(
      html,
      /<nav class="fr-summary rp-toc" role="navigation" aria-labelledby="sommaire-titre">/,
    );
    assert.match(
      html,
      /<a class="fr-summary__link" href="#choisir-son-hébergeur">Choisir son hébergeur<\/a><ol><li><a class="fr-summary__link" href="#le-coût">Le coût<\/a><\/li><\/ol>/,
    );
    assert.match(html, /<dt>Thématiques<\/dt>/);
    assert.match(html, /<dt>Date<\/dt><dd>12 mars 2024<\/dd>/);
    assert.match(
      html,
      /<a class="fr-link fr-link--download" href="\/api\/resources\/contenu-heberger-un-service\/file">/,
    );
  });

  it('with ?q= › marks the words in the text and lists the passages that hold them', async () => {
    const { html } = await get('/ressources/contenu-heberger-un-service?q=r%C3%A9versibilit%C3%A9');
    assert.match(
      html,
      /<h2 id="sauvegardes-et-réversibilité">Sauvegardes et <mark>réversibilité<\/mark><\/h2>/,
    );
    assert.match(html, /<p>La <mark>réversibilité<\/mark> garantit/);
    assert.match(html, /<div class="fr-callout fr-mb-4w" id="passages">/);
    assert.match(
      html,
      /<li><a href="#sauvegardes-et-réversibilité">Sauvegardes et réversibilité<\/a><\/li>/,
    );
    assert.match(
      html,
      /href="\/recherche\?q=r%C3%A9versibilit%C3%A9">Retour aux résultats pour « réversibilité »<\/a>/,
    );
  });

  it('of a PDF › shows its text page by page, with page-N anchors and links to the file at each page', async () => {
    const { html } = await get('/ressources/contenu-checklist-arrivee');
    assert.match(
      html,
      /<section class="rp-pdf-page" id="page-2" aria-labelledby="page-2-titre"><h2 class="fr-h5" id="page-2-titre">Page 2<\/h2>/,
    );
    assert.match(html, /Récupérer son badge d’accès au bâtiment\./);
    assert.match(
      html,
      /<a class="fr-link fr-link--sm" href="\/api\/resources\/contenu-checklist-arrivee\/file#page=3">Ouvrir le PDF à la page 3<\/a>/,
    );
    assert.match(html, /<a class="fr-summary__link" href="#page-1">Page 1<\/a>/);
  });

  it('of an unknown id › answers a 404 page in the site layout', async () => {
    const { status, html } = await get('/ressources/nexiste-pas');
    assert.equal(status, 404);
    assert.equal(titleOf(html), 'Page non trouvée – Repères');
    assert.match(html, /Aucune ressource ne porte l’identifiant « nexiste-pas »\./);
    assert.match(html, /<footer class="fr-footer"/);
  });
});

describe('legal pages', () => {
  it('are linked from the footer of every page', async () => {
    const { html } = await get('/');
    for (const [href, label] of [
      ['/accessibilite', 'Accessibilité : non conforme'],
      ['/mentions-legales', 'Mentions légales'],
      ['/donnees-personnelles', 'Données personnelles'],
      ['/plan-du-site', 'Plan du site'],
    ]) {
      assert.ok(
        html.includes(`<a class="fr-footer__bottom-link" href="${href}">${label}</a>`),
        label,
      );
    }
  });

  it('/accessibilite › states non-compliance honestly (no audit yet), what is not accessible and the recourse', async () => {
    const { status, html } = await get('/accessibilite');
    assert.equal(status, 200);
    assert.equal(titleOf(html), 'Déclaration d’accessibilité – Repères');
    assert.match(
      html,
      /<strong>non conforme<\/strong> avec le référentiel général d’amélioration de\s+l’accessibilité \(RGAA\), version 4\.1/,
    );
    assert.match(html, /n’a pas encore fait l’objet d’un audit/);
    assert.match(html, /<h2>Contenus non accessibles<\/h2>/);
    assert.match(html, /<h2>Retour d’information et contact<\/h2>/);
    assert.match(html, /Défenseur des droits/);
  });

  it('/mentions-legales › names the publisher and leaves the host to the deployment', async () => {
    const { html } = await get('/mentions-legales');
    assert.match(html, /Direction interministérielle du numérique \(DINUM\)/);
    assert.match(
      html,
      /<h2>Hébergement<\/h2><p>Non renseigné sur cette instance de développement\./,
    );
  });

  it('/donnees-personnelles › says what the search log keeps, and that there is no IP address or cookie', async () => {
    const { html } = await get('/donnees-personnelles');
    assert.match(html, /les mots recherchés, normalisés/);
    assert.match(html, /les filtres choisis/);
    assert.match(html, /le nombre de résultats/);
    assert.match(html, /la date et l’heure/);
    assert.match(html, /<strong>ni adresse IP, ni identifiant, ni cookie<\/strong>/);
    // The answers to « Cette page vous a-t-elle été utile ? », kept as long as the clicks.
    assert.match(
      html,
      /Cette page vous a-t-elle été utile ?[^<]*l’adresse de la page, votre\s+réponse/,
    );
    assert.match(
      html,
      /aucune entrée \(recherche, clic ou avis\) n’est gardée\s+plus de 13\s+mois/,
    );
    assert.match(html, /CNIL/);
  });

  it('/plan-du-site › lists the pages and the topics', async () => {
    const { html } = await get('/plan-du-site');
    assert.match(html, /<a href="\/recherche\?topic=juridique">Juridique<\/a>/);
    assert.match(html, /<a href="\/accessibilite">Déclaration d’accessibilité<\/a>/);
  });
});

describe('errors', () => {
  it('an unknown page answers a 404 page in the layout; an unknown API address keeps JSON', async () => {
    const page = await get('/nulle-part');
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.html, /<h1>Page non trouvée<\/h1>/);

    const api = await fetch(`${site.url}/api/nulle-part`);
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), {
      error: { code: 'not_found', message: "Cette adresse d'API n'existe pas." },
    });
  });

  it('with the search engine unavailable › people get a 503 page, the API and probes keep JSON', async () => {
    const { app } = await buildTestApp({ meili: testMeili().client, prefix: 'web-absent-indexes' });
    const page = await request(app).get('/recherche?q=cloud');
    assert.equal(page.status, 503);
    assert.match(page.text, /<h1>Service momentanément indisponible<\/h1>/);
    assert.match(page.text, /Le moteur de recherche est momentanément indisponible/);

    const api = await (await contractClient(app)).get('/api/search?q=cloud');
    assert.equal(api.status, 503);
    assert.equal(api.body.error.code, 'search_unavailable');
  });
});

describe('security', () => {
  it('every page has a strict Content Security Policy and is never framed', async () => {
    const { headers } = await get('/');
    assert.equal(
      headers.get('content-security-policy'),
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN');
  });

  it('no page has an inline script, a style attribute or a style element', async () => {
    for (const pathAndQuery of [
      '/',
      '/recherche?q=cloud',
      '/recherche?q=zzzz',
      '/ressources',
      '/ressources/contenu-heberger-un-service?q=cloud',
      '/ressources/contenu-checklist-arrivee',
      '/accessibilite',
      '/nulle-part',
    ]) {
      const { html } = await get(pathAndQuery);
      assert.equal(
        count(html, /<script(?![^>]*\ssrc=)[^>]*>/),
        0,
        `${pathAndQuery}: inline script`,
      );
      assert.equal(count(html, /\sstyle=/), 0, `${pathAndQuery}: style attribute`);
      assert.equal(count(html, /<style[\s>]/), 0, `${pathAndQuery}: style element`);
    }
  });

  it('escapes a document’s <script> in its title, summary and body on every page that shows it', async () => {
    for (const pathAndQuery of [
      '/',
      '/ressources',
      '/recherche?q=chaussetrappe',
      '/ressources/contenu-guide-piege?q=chaussetrappe',
    ]) {
      const { html } = await get(pathAndQuery);
      assert.equal(html.includes('<script>alert'), false, `${pathAndQuery}: raw <script>`);
      assert.equal(/<img[^>]*onerror/i.test(html), false, `${pathAndQuery}: raw onerror`);
      assert.equal(html.includes('javascript:'), false, `${pathAndQuery}: javascript: link`);
      assert.ok(
        html.includes('&lt;script>alert(1)&lt;/script> Guide piégé'),
        `${pathAndQuery}: title shown as text`,
      );
    }
    const { html } = await get('/ressources/contenu-guide-piege');
    assert.equal(titleOf(html), `${XSS.replaceAll('<', '&lt;')} Guide piégé – Repères`);
  });

  it('serves the DSFR from node_modules under its version, cached for a year', async () => {
    const { html } = await get('/');
    const css = /<link rel="stylesheet" href="(\/dsfr\/1\.15\.\d+\/dsfr\.min\.css)"\/>/.exec(
      html,
    )?.[1];
    assert.ok(css, 'the page links the versioned DSFR stylesheet');
    const response = await fetch(site.url + css);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const font = await fetch(
      `${site.url}${css.replace('dsfr.min.css', 'fonts/Marianne-Regular.woff2')}`,
    );
    assert.equal(font.status, 200);
  });

  it('serves our own scripts and styles under a content hash, cached for a year', async () => {
    const { html } = await get('/recherche');
    const script =
      /<script type="module" src="(\/static\/[0-9a-f]{10}\/search-as-you-type\.js)"><\/script>/.exec(
        html,
      )?.[1];
    assert.ok(script, 'the page links the hashed script');
    const response = await fetch(site.url + script);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(
      html,
      /<script src="\/static\/[0-9a-f]{10}\/colour-scheme\.js"><\/script><link rel="stylesheet"/,
    );
  });
});

describe('BRAND', () => {
  it('etat › shows the Marianne block and the State favicon', async () => {
    const { html } = await get('/');
    assert.equal(count(html, /<p class="fr-logo">République<br\/>Française<\/p>/), 2);
    assert.match(html, /<link rel="icon" href="\/dsfr\/[^"]+\/favicon\/favicon\.svg"/);
  });

  it('neutre › removes the Marianne block from header and footer, and the State favicon', async () => {
    const { app } = await buildTestApp({
      meili: testMeili().client,
      prefix: site.prefix,
      env: { BRAND: 'neutre' },
    });
    const { text } = await request(app).get('/');
    assert.equal(text.includes('fr-logo'), false);
    assert.equal(text.includes('République'), false);
    assert.equal(text.includes('/favicon/'), false);
    assert.match(text, /<link rel="icon" href="\/static\/[0-9a-f]{10}\/favicon-neutre\.svg"/);
  });
});
