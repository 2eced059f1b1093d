import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { acquireIngestLock } from '../../ingest/ingest-lock.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { indexLookup } from '../../src/index-lookup/index-lookup.ts';
import { createParcoursStore } from '../../src/parcours/parcours-store.ts';
import { contentFolder, writeContent } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnTracked } from '../helpers/process.ts';
import { projectRoot } from '../helpers/service.ts';

const { client, url, key } = testMeili();
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

/** Runs `npm run ingest` as a person would (same command, no terminal). */
async function ingest(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Its own data folder: OCR keeps its cache there, never in the project's.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-cli-'));
  const run = await spawnTracked(process.execPath, ['--import', 'tsx', 'ingest/main.ts', ...args], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      DATA_DIR: dataDir,
      ...env,
    },
  });
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const fixture = (name: string) =>
  fs.readFile(path.join(projectRoot, 'test/fixtures/parsers/pdf', name, 'input.pdf'));

describe('npm run ingest', () => {
  it('reports each bad file with its own reason, indexes the rest, exits 0 (1 with --strict), and loses nothing indexed before', async () => {
    const { prefix } = uniqueIndexes('cli');
    prefixes.push(prefix);
    const dir = await contentFolder({
      'bon.md': '---\ntitle: Un bon guide\n---\n\n## Partie\n\nDu texte utile.\n',
      'encore-bon.md': '# Encore bon\n\nDu texte.\n',
    });
    const env = { INDEX_PREFIX: prefix, MAX_FILE_BYTES: '100000' };
    assert.equal((await ingest([dir], env)).code, 0);

    await writeContent(dir, 'corrompu.pdf', await fixture('corrupt'));
    await writeContent(dir, 'chiffre.pdf', await fixture('encrypted'));
    await writeContent(dir, 'scan.pdf', await fixture('scan'));
    await writeContent(dir, 'vide.md', '');
    await writeContent(
      dir,
      'binaire.md',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    await writeContent(dir, 'yaml-invalide.md', '---\ntitle: [pas fermé\n---\n\nTexte.\n');
    await writeContent(
      dir,
      'js.md',
      '---js\n{ title: require("fs").readFileSync("/etc/passwd") }\n---\n\nTexte.\n',
    );
    await writeContent(dir, 'trop-gros.md', `# Gros\n\n${'mot '.repeat(40_000)}`);
    // A file indexed earlier that turns bad keeps its indexed version.
    await writeContent(dir, 'encore-bon.md', Buffer.from([0, 1, 2, 3]));

    const run = await ingest([dir], env);
    // Indexed what it could and said what it could not: a deployment may go on.
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Attention : 9 fichier\(s\) en échec.*--strict/);
    const reasons = new Map(
      [...run.stdout.matchAll(/^ {2}- contenu\/(\S+) : (.+)$/gm)].map((match) => [
        match[1],
        match[2],
      ]),
    );
    assert.deepEqual([...reasons.keys()].sort(), [
      'binaire.md',
      'chiffre.pdf',
      'corrompu.pdf',
      'encore-bon.md',
      'js.md',
      'scan.pdf',
      'trop-gros.md',
      'vide.md',
      'yaml-invalide.md',
    ]);
    assert.match(reasons.get('chiffre.pdf') ?? '', /mot de passe|chiffré/i);
    assert.match(reasons.get('corrompu.pdf') ?? '', /illisible|corrompu|endommagé/i);
    assert.match(reasons.get('scan.pdf') ?? '', /aucun texte|scan/i);
    assert.match(reasons.get('vide.md') ?? '', /vide/i);
    assert.match(reasons.get('binaire.md') ?? '', /binaire/i);
    assert.match(reasons.get('yaml-invalide.md') ?? '', /YAML/);
    assert.match(reasons.get('js.md') ?? '', /js/i);
    assert.match(reasons.get('trop-gros.md') ?? '', /trop volumineux/);
    assert.match(run.stdout, /en échec +: 9/);

    const resources = await client
      .index<ResourceRecord>(`${prefix}-resources`)
      .getDocuments({ limit: 100 });
    assert.deepEqual(resources.results.map((r) => r.id).sort(), [
      'contenu-bon',
      'contenu-encore-bon',
    ]);
    const kept = resources.results.find((r) => r.id === 'contenu-encore-bon');
    assert.equal(kept?.title, 'Encore bon');

    const strict = await ingest([dir, '--strict'], env);
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stdout, /en échec +: 9/);
  });

  it('reports each parcours the site would leave out with its file, step and reason, loads the others, exits 0 (1 with --strict)', async () => {
    const { prefix, names } = uniqueIndexes('cli');
    prefixes.push(prefix);
    const step = (resource: string, extra = '') =>
      `  - resource: ${resource}\n${extra}    note: Parce que c'est le moment.\n`;
    const parcours = (title: string, ...steps: string[]) =>
      `title: ${title}\naudience: nouvelle promotion\ndescription: Un parcours.\nsteps:\n${steps.join('')}`;
    const dir = await contentFolder({
      'bon.md': '# Un bon guide\n\n## Partie\n\nDu texte utile.\n',
      'parcours/valide.yml': parcours('Valide', step('contenu-bon', '    anchor: partie\n')),
      'parcours/ressource-inconnue.yml': parcours(
        'Ressource inconnue',
        step('contenu-bon'),
        step('contenu-nulle-part'),
      ),
      'parcours/ancre-inconnue.yml': parcours(
        'Ancre inconnue',
        step('contenu-bon', '    anchor: pas-de-partie\n'),
      ),
    });
    const env = { INDEX_PREFIX: prefix };

    const run = await ingest([dir], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Parcours non chargés \(les autres le sont\) :$/m);
    assert.match(
      run.stdout,
      /^ {2}- Parcours contenu\/parcours\/ressource-inconnue\.yml, étape 2 : ressource inconnue « contenu-nulle-part »$/m,
    );
    assert.match(
      run.stdout,
      /^ {2}- Parcours contenu\/parcours\/ancre-inconnue\.yml, étape 1 : ancre inconnue « pas-de-partie » dans « contenu-bon »$/m,
    );
    assert.doesNotMatch(run.stdout, /valide\.yml/);
    assert.match(run.stderr, /Attention : 2 parcours non chargé\(s\) par le site.*--strict/);
    const { parcours: loaded } = await createParcoursStore({
      roots: contentRoots([dir]),
      lookup: indexLookup({ meili: client, indexes: names }),
    }).catalog();
    assert.deepEqual(
      loaded.map((one) => one.slug),
      ['valide'],
    );

    const strict = await ingest([dir, '--strict'], env);
    assert.equal(strict.code, 1, strict.stderr);

    // A step twice or no title: the file itself fails, named with the step, once.
    await writeContent(
      dir,
      'parcours/etape-en-double.yml',
      parcours('En double', step('contenu-bon'), step('contenu-bon')),
    );
    await writeContent(
      dir,
      'parcours/sans-titre.yml',
      parcours('', step('contenu-bon')).replace('title: \n', ''),
    );
    const bad = await ingest([dir], env);
    assert.equal(bad.code, 0, bad.stderr);
    assert.match(
      bad.stdout,
      /^ {2}- contenu\/parcours\/etape-en-double\.yml : Parcours parcours\/etape-en-double\.yml, étape 2 : « contenu-bon » figure déjà à l'étape 1$/m,
    );
    assert.match(
      bad.stdout,
      /^ {2}- contenu\/parcours\/sans-titre\.yml : Parcours parcours\/sans-titre\.yml : le titre \(title\) manque ou est vide$/m,
    );
    const notLoaded = bad.stdout.slice(bad.stdout.indexOf('Parcours non chargés'));
    assert.doesNotMatch(notLoaded, /etape-en-double|sans-titre/);
    assert.match(bad.stderr, /Attention : 2 fichier\(s\) en échec/);
  });

  it('prints plain progress lines and a summary when not on a terminal, then nothing to parse the second time', async () => {
    const { prefix } = uniqueIndexes('cli');
    prefixes.push(prefix);
    const dir = await contentFolder({ 'a.md': '# A\n\nTexte.\n', 'b.md': '# B\n\nTexte.\n' });
    const first = await ingest([dir], { INDEX_PREFIX: prefix });
    assert.equal(first.code, 0);
    assert.match(first.stderr, /Ingestion de 2 fichier\(s\)…/);
    assert.match(first.stdout, /fichiers vus +: 2\n +analysés +: 2/);
    assert.match(first.stdout, /sections écrites +: 2/);
    assert.match(first.stdout, /mémoire \(pic\) +: \d+ Mio/);
    assert.match(first.stdout, /Ingestion terminée en [\d,]+ s/);

    const second = await ingest([dir], { INDEX_PREFIX: prefix });
    assert.match(second.stdout, /analysés +: 0\n +inchangés +: 2 \(rien à analyser\)/);
  });

  it('exits 2 with the usage on a bad argument or a missing folder', async () => {
    const unknown = await ingest(['--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Usage : npm run ingest/);
    assert.match(unknown.stderr, /--strict +sort en code 1/);
    const missing = await ingest(['/nonexistent/folder']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /« \/nonexistent\/folder » n'existe pas/);
  });

  it('exits 2 on a configuration error, naming the variable', async () => {
    const run = await ingest([], { PDF_MAX_PAGES: '-3' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /PDF_MAX_PAGES : doit être strictement positif/);
  });

  it('runs two ingestions at once on the same indexes: both succeed, one after the other, with no duplicate', async () => {
    const files = {
      'a.md': '# A\n\n## Un\n\nTexte.\n\n## Deux\n\nTexte.\n',
      'b.md': '# B\n\n## Trois\n\nTexte.\n',
      'sous/c.md': '# C\n\n## Quatre\n\nTexte.\n',
      'pdf/note.pdf': await fixture('text'),
    };
    const reference = uniqueIndexes('cli');
    const shared = uniqueIndexes('cli');
    prefixes.push(reference.prefix, shared.prefix);
    const one = await ingest([await contentFolder(files)], { INDEX_PREFIX: reference.prefix });
    assert.equal(one.code, 0, one.stderr);

    const dir = await contentFolder(files);
    const runs = await Promise.all([
      ingest([dir], { INDEX_PREFIX: shared.prefix }),
      ingest([dir], { INDEX_PREFIX: shared.prefix }),
    ]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    // One after the other: the second (which waited, or came after) had nothing to parse.
    assert.deepEqual(runs.map((run) => /analysés +: (\d+)/.exec(run.stdout)?.[1]).sort(), [
      '0',
      '4',
    ]);

    const counts = async (prefix: string) => {
      const resources = await client
        .index<ResourceRecord>(`${prefix}-resources`)
        .getDocuments({ limit: 1000 });
      const sections = await client
        .index<{ id: string; resourceId: string }>(`${prefix}-sections`)
        .getDocuments({ fields: ['id', 'resourceId'], limit: 10_000 });
      const perResource = new Map<string, number>();
      for (const section of sections.results)
        perResource.set(section.resourceId, (perResource.get(section.resourceId) ?? 0) + 1);
      return {
        paths: resources.results.map((resource) => resource.source.path).sort(),
        resourceIds: new Set(resources.results.map((resource) => resource.id)).size,
        sectionIds: new Set(sections.results.map((section) => section.id)).size,
        sections: sections.total,
        perResource: [...perResource].sort(),
      };
    };
    const expected = await counts(reference.prefix);
    assert.deepEqual(expected.paths, ['a.md', 'b.md', 'pdf/note.pdf', 'sous/c.md']);
    assert.deepEqual(await counts(shared.prefix), expected);
  });

  it('says it waits for another ingestion, and Ctrl-C stops the wait with exit 130', async () => {
    const { prefix, names } = uniqueIndexes('cli');
    prefixes.push(prefix);
    const other = await acquireIngestLock(client, names.lock);
    try {
      const run = await spawnTracked(
        process.execPath,
        ['--import', 'tsx', 'ingest/main.ts', await contentFolder({ 'a.md': '# A\n' })],
        {
          cwd: projectRoot,
          env: {
            PATH: process.env.PATH,
            MEILI_URL: url,
            MEILI_MASTER_KEY: key,
            INDEX_PREFIX: prefix,
          },
        },
      );
      const waiting = new Promise<void>((resolve) =>
        run.child.stderr?.on('data', () => {
          if (run.stderr().includes('Une autre ingestion est en cours')) resolve();
        }),
      );
      // A run that ends on its own (it should not) fails below instead of hanging.
      await Promise.race([waiting, run.exited]);
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130);
      assert.match(run.stderr(), /Ingestion interrompue/);
      // The other ingestion's lock is untouched.
      assert.equal(other.signal.aborted, false);
    } finally {
      await other.release();
    }
  });
});
