import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SearchLog } from '../../../src/analytics/search-log.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { contentFolder, pipelineDeps, sync } from '../../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../../helpers/meili.ts';
import { buildPdf } from '../../helpers/pdf-builder.ts';

/**
 * A running Repères on a small content folder: a long Markdown guide (headings far down
 * the page), a second guide (with a task list), a three-page PDF and a document full of `<script>`.
 */

export const XSS = '<script>alert(1)</script>';

const filler = (topic: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `Paragraphe ${i + 1} sur ${topic} : les équipes documentent leurs choix, comparent les offres et gardent une trace des décisions pour la suite du projet.`,
  ).join('\n\n');

/** Reviewed on the day the tests run: the guide is never « À revoir » (freshness has its own tests). */
const reviewedToday = new Date().toISOString().slice(0, 10);

export const guideMarkdown = `---
title: Héberger un service numérique public
summary: Les options d'hébergement d'un service de l'État, du cloud de confiance à la réversibilité.
topics: [hebergement, securite]
date: 2024-03-12
owner: Équipe EIG Link
reviewed: ${reviewedToday}
---

# Héberger un service numérique public

Ce guide aide une équipe à choisir où faire tourner son service.

## Les options d'hébergement

${filler('les options', 8)}

## SecNumCloud et cloud de confiance

La qualification SecNumCloud de l'ANSSI garantit un niveau de sécurité élevé.

${filler('le cloud de confiance', 8)}

## Choisir son hébergeur

${filler('le choix', 6)}

### Le coût

Le coût dépend du volume de données et de la disponibilité attendue.

${filler('le coût', 6)}

## Sauvegardes et réversibilité

La réversibilité garantit que l'on peut quitter un hébergeur en emportant ses données et ses sauvegardes chiffrées.

${filler('la réversibilité', 4)}
`;

export const licenceMarkdown = `---
title: Choisir une licence libre
topics: [open-source, juridique]
date: 2023-06-01
---

# Choisir une licence libre

Publier le code source d'un projet public impose de choisir une licence.

## Licences permissives

La licence MIT et la licence Apache 2.0 laissent réutiliser le code librement.

## Licences à réciprocité

La licence EUPL et la GPL imposent de publier les modifications. Les sauvegardes du dépôt restent utiles.

## Avant de publier

- [x] Lister les dépendances et leurs licences.
- [ ] Ajouter le fichier LICENSE à la racine du dépôt.
`;

export const maliciousMarkdown = `---
title: "${XSS} Guide piégé"
summary: "Résumé ${XSS} piégé"
author: "<img src=x onerror=alert(2)>"
topics: [securite]
date: 2022-01-05
---

# ${XSS} Guide piégé

Un texte piégé avec ${XSS} et <img src=x onerror=alert(3)> dans le corps : chaussetrappe.

## Partie ${XSS} deux

Encore un piège chaussetrappe <a href="javascript:alert(4)">lien</a> et [lien markdown](javascript:alert(5)).
`;

export const checklistPdf = buildPdf({
  title: 'Checklist arrivée EIG',
  pages: [
    [
      'Checklist d’arrivée des EIG',
      '',
      'Bienvenue dans le programme Entrepreneurs d’intérêt général.',
    ],
    [
      'Les premiers jours',
      '',
      'Récupérer son badge d’accès au bâtiment.',
      'Ouvrir sa messagerie professionnelle.',
    ],
    ['Le télétravail', '', 'Signer la convention de télétravail avec son mentor.'],
  ],
});

export interface RunningSite {
  url: string;
  prefix: string;
  /** The content folder the indexes were built from. */
  contentDir: string;
  /** Where the app writes its search log. */
  dataDir: string;
  searchLog: SearchLog;
  /** Stops the server and drops the indexes. */
  close: () => Promise<void>;
}

/**
 * Ingests the content folder (the small one above unless another is given, such as the
 * shipped guides) into fresh indexes and serves the app on a free port.
 */
export async function startSite(
  options: { env?: NodeJS.ProcessEnv; contentDir?: string } = {},
): Promise<RunningSite> {
  const { client } = testMeili();
  const { prefix } = uniqueIndexes('web');
  const contentDir =
    options.contentDir ??
    (await contentFolder({
      'heberger-un-service.md': guideMarkdown,
      'choisir-une-licence.md': licenceMarkdown,
      'guide-piege.md': maliciousMarkdown,
      'checklist-arrivee.pdf': checklistPdf,
    }));
  const summary = await sync(await pipelineDeps(client, prefix), [contentDir]);
  if (summary.failed.length > 0) {
    throw new Error(`ingestion failed: ${JSON.stringify(summary.failed)}`);
  }
  const { app, searchLog, dataDir } = await buildTestApp({
    meili: client,
    prefix,
    contentDirs: [contentDir],
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    prefix,
    contentDir,
    dataDir,
    searchLog,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dropIndexes(client, prefix);
    },
  };
}
