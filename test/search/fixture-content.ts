import fs from 'node:fs/promises';
import path from 'node:path';
import { contentFolder } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';

/** A small content folder that exercises every search behaviour the API promises. */
export async function searchFixtureFolder(): Promise<string> {
  const dir = await contentFolder({
    'heberger.md': `---
title: Héberger un service public
topics: [hebergement]
date: 2024-03-01
---

Choisir où faire tourner son service.

## Les options

L'hébergement ministériel, les clouds internes et les offres commerciales.

## SecNumCloud

Une offre qualifiée SecNumCloud protège les données sensibles de l'hébergement.

## Les coûts

Prévoir le budget de l'hébergement dès le début.
`,
    'publier-libre.md': `---
title: Publier son code en logiciel libre
topics: [open-source, juridique]
date: 2024-05-01
---

## Pourquoi publier

Le code source d'une administration est un document administratif communicable.

## Choisir une licence

Les licences autorisées sont fixées par décret.
`,
    'rgpd.md': `---
title: Protéger les données personnelles
topics: [donnees, juridique]
date: 2023-01-15
---

## Le registre

Le délégué à la protection des données tient le registre des traitements.
`,
    'defis/2018-01-01-signaux.md': `---
layout: defi
title: Signaux Faibles
who: Direction générale des entreprises
---

## Le défi

Détecter les entreprises en difficulté grâce aux données.
`,
    'defis/2017-01-01-orgues.md': `---
layout: defi
title: Inventaire des orgues
who: Ministère de la Culture
---

## Le défi

Recenser les orgues de France et publier leurs données.
`,
    'piege.md': `---
title: "<script>alert(1)</script> Le guide piégé"
summary: "<script>alert('fm')</script>"
topics: [securite]
date: 2020-01-01
---

## Une section <b>grasse</b>

Texte avec \`<script>alert(1)</script>\` et une injection &lt;img&gt; piégée.
`,
  });
  const pdf = path.join(projectRoot, 'guides/pdf/mini-guide-logiciel-libre.pdf');
  await fs.mkdir(path.join(dir, 'pdf'));
  await fs.copyFile(pdf, path.join(dir, 'pdf/mini-guide-logiciel-libre.pdf'));
  return dir;
}
