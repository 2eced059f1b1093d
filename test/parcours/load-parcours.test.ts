import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contentRoots } from '../../src/content/roots.ts';
import { indexNames } from '../../src/engine/indexes.ts';
import { indexLookup, type ResourceLookup } from '../../src/index-lookup/index-lookup.ts';
import { loadParcours } from '../../src/parcours/load-parcours.ts';
import type { ParcoursCatalog } from '../../src/parcours/model.ts';
import { createParcoursStore } from '../../src/parcours/parcours-store.ts';
import { contentFolder, pipelineDeps, sync, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { projectRoot } from '../helpers/service.ts';

/**
 * Parcours files are checked against the index when they load: a file with an unknown
 * resource, an unknown anchor or page, a duplicate step or no title is left out with a
 * message naming the file, the step and the reason, and the other parcours still load.
 */

const { client } = testMeili();
const { prefix } = uniqueIndexes('parcours');
const guidesDir = path.join(projectRoot, 'guides');
let lookup: ResourceLookup;

before(async () => {
  const summary = await sync(await pipelineDeps(client, prefix), [guidesDir]);
  assert.deepEqual(summary.failed, []);
  lookup = indexLookup({ meili: client, indexes: indexNames(prefix) });
});
after(() => dropIndexes(client, prefix));

const valid = `
title: Un parcours valide
audience: mentor
description: Pour vérifier que les autres parcours se chargent encore.
steps:
  - resource: guides-premieres-semaines-eig
    anchor: rencontrer
    note: On commence par rencontrer les gens.
  - resource: guides-pdf-mini-guide-logiciel-libre
    page: 2
    note: Puis une page du mini-guide.
`;

function withStep(step: string, title = 'Un parcours fautif'): string {
  return `
title: ${title}
audience: mentor
description: Un parcours avec une erreur.
steps:
  - resource: guides-premieres-semaines-eig
    note: Une première étape correcte.
${step}`;
}

async function loadFolder(files: Record<string, string>): Promise<ParcoursCatalog> {
  const dir = await contentFolder(files);
  return loadParcours({ roots: contentRoots([dir]), lookup });
}

describe('loading parcours files', () => {
  it('the shipped parcours all load, in French, with their reading time', async () => {
    const catalog = await loadParcours({ roots: contentRoots([guidesDir]), lookup });
    assert.deepEqual(catalog.problems, []);
    const titles = catalog.parcours.map((parcours) => parcours.title);
    for (const title of [
      'Bien démarrer sa promotion',
      'Publier son code en open source',
      'Héberger et sécuriser son service',
      'Pérenniser son défi',
    ]) {
      assert.ok(titles.includes(title), `${title} in ${titles.join(', ')}`);
    }
    for (const parcours of catalog.parcours) {
      assert.equal(
        parcours.readingMinutes,
        parcours.steps.reduce((sum, step) => sum + step.readingMinutes, 0),
      );
      assert.ok(parcours.steps.every((step) => step.words > 0 && step.note.length > 20));
    }
  });

  it('« Bien démarrer sa promotion » covers weeks 1 to 4 in order', async () => {
    const catalog = await loadParcours({ roots: contentRoots([guidesDir]), lookup });
    const start = catalog.parcours.find(
      (parcours) => parcours.slug === 'bien-demarrer-sa-promotion',
    );
    assert.ok(start);
    const weeks = start.steps.map((step) => step.week);
    assert.deepEqual([...new Set(weeks)], [1, 2, 3, 4]);
    assert.deepEqual(
      weeks,
      [...weeks].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('resolves a step to its resource title, section heading, deep link and reading time', async () => {
    const catalog = await loadFolder({ 'parcours/valide.yml': valid });
    assert.deepEqual(catalog.problems, []);
    const [parcours] = catalog.parcours;
    assert.equal(parcours?.slug, 'valide');
    const [meet, page] = parcours?.steps ?? [];
    assert.equal(meet?.position, 1);
    assert.equal(meet?.heading, 'Rencontrer');
    assert.equal(meet?.type, 'guide');
    assert.equal(meet?.url, '/ressources/guides-premieres-semaines-eig#rencontrer');
    assert.equal(meet?.readingMinutes, Math.max(1, Math.round((meet?.words ?? 0) / 200)));
    assert.equal(page?.type, 'pdf');
    assert.equal(page?.url, '/ressources/guides-pdf-mini-guide-logiciel-libre#page=2');
  });

  it('an unknown resource names the file, the step and the id; the others still load', async () => {
    const catalog = await loadFolder({
      'parcours/valide.yml': valid,
      'parcours/fautif.yml': withStep(
        '  - resource: guides-inexistant\n    note: Cette ressource n’existe pas.',
      ),
    });
    assert.deepEqual(
      catalog.parcours.map((parcours) => parcours.slug),
      ['valide'],
    );
    assert.deepEqual(catalog.problems, [
      {
        file: 'contenu/parcours/fautif.yml',
        step: 2,
        code: 'unknown_resource',
        message:
          'Parcours contenu/parcours/fautif.yml, étape 2 : ressource inconnue « guides-inexistant »',
      },
    ]);
  });

  it('an unknown anchor names the file, the step, the anchor and the resource', async () => {
    const catalog = await loadFolder({
      'parcours/valide.yml': valid,
      'parcours/fautif.yml': withStep(
        '  - resource: guides-premieres-semaines-eig\n    anchor: nulle-part\n    note: Cette section n’existe pas.',
      ),
    });
    assert.deepEqual(
      catalog.parcours.map((parcours) => parcours.slug),
      ['valide'],
    );
    assert.equal(catalog.problems.length, 1);
    assert.equal(catalog.problems[0]?.code, 'unknown_anchor');
    assert.equal(
      catalog.problems[0]?.message,
      'Parcours contenu/parcours/fautif.yml, étape 2 : ancre inconnue « nulle-part » dans « guides-premieres-semaines-eig »',
    );
  });

  it('a PDF page beyond the last one is an unknown page', async () => {
    const catalog = await loadFolder({
      'parcours/fautif.yml': withStep(
        '  - resource: guides-pdf-mini-guide-logiciel-libre\n    page: 99\n    note: Cette page n’existe pas.',
      ),
    });
    assert.equal(catalog.problems[0]?.code, 'unknown_page');
    assert.match(
      catalog.problems[0]?.message ?? '',
      /^Parcours contenu\/parcours\/fautif\.yml, étape 2 : page 99 inconnue : « guides-pdf-mini-guide-logiciel-libre » a \d+ pages$/,
    );
  });

  it('a duplicate step names both steps', async () => {
    const catalog = await loadFolder({
      'parcours/valide.yml': valid,
      'parcours/fautif.yml': withStep(
        '  - resource: guides-premieres-semaines-eig\n    note: La même ressource une seconde fois.',
      ),
    });
    assert.deepEqual(
      catalog.parcours.map((parcours) => parcours.slug),
      ['valide'],
    );
    assert.deepEqual(catalog.problems, [
      {
        file: 'contenu/parcours/fautif.yml',
        step: 2,
        code: 'duplicate_step',
        message:
          "Parcours contenu/parcours/fautif.yml, étape 2 : « guides-premieres-semaines-eig » figure déjà à l'étape 1",
      },
    ]);
  });

  it('a missing title names the file; the others still load', async () => {
    const catalog = await loadFolder({
      'parcours/valide.yml': valid,
      'parcours/sans-titre.yml': withStep('', '""'),
    });
    assert.deepEqual(
      catalog.parcours.map((parcours) => parcours.slug),
      ['valide'],
    );
    assert.deepEqual(catalog.problems, [
      {
        file: 'contenu/parcours/sans-titre.yml',
        code: 'missing_title',
        message: 'Parcours contenu/parcours/sans-titre.yml : le titre (title) manque ou est vide',
      },
    ]);
  });

  it('a step with a missing note names its step and field', async () => {
    const catalog = await loadFolder({
      'parcours/fautif.yml': withStep(
        '  - resource: guides-premieres-semaines-eig\n    anchor: rencontrer',
      ),
    });
    assert.equal(catalog.problems[0]?.code, 'invalid_field');
    assert.equal(catalog.problems[0]?.step, 2);
    assert.match(catalog.problems[0]?.message ?? '', /étape 2 : steps\.1\.note : /);
  });
});

describe('the parcours store', () => {
  it('sees an edited file at the next call, and a resource that enters the index', async () => {
    const dir = await contentFolder({ 'parcours/valide.yml': valid });
    const store = createParcoursStore({ roots: contentRoots([dir]), lookup });
    assert.equal((await store.getParcours('valide'))?.title, 'Un parcours valide');

    await writeContent(dir, 'parcours/valide.yml', valid.replace('Un parcours valide', 'Renommé'));
    assert.equal((await store.getParcours('valide'))?.title, 'Renommé');

    await writeContent(
      dir,
      'parcours/nouveau.yml',
      withStep('  - resource: contenu-note\n    note: Une note publiée ensuite.', 'Nouveau'),
    );
    assert.equal(await store.getParcours('nouveau'), undefined);
    await writeContent(dir, 'note.md', '# Une note\n\nDu texte à lire.\n');
    await sync(await pipelineDeps(client, prefix), [dir]);
    assert.equal((await store.getParcours('nouveau'))?.steps[1]?.title, 'Une note');
  });
});
