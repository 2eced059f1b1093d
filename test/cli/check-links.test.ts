import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brokenLinksFile, readBrokenLinks } from '../../src/freshness/broken-links.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { startLinkServer, type LinkServer } from '../helpers/link-server.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnTracked } from '../helpers/process.ts';
import { testTimeouts } from '../helpers/timeouts.ts';
import { projectRoot } from '../helpers/service.ts';

const { client, url, key } = testMeili();
const prefixes: string[] = [];
let site: LinkServer;
before(async () => {
  site = await startLinkServer();
});
after(async () => {
  await site.close();
  await Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix)));
});

/** An index of the given Markdown files, and a data folder of its own. */
async function indexed(files: Record<string, string>): Promise<NodeJS.ProcessEnv> {
  const { prefix } = uniqueIndexes('cli-links');
  prefixes.push(prefix);
  await sync(await pipelineDeps(client, prefix), [await contentFolder(files)]);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reperes-cli-links-'));
  return { INDEX_PREFIX: prefix, DATA_DIR: dataDir };
}

/** Starts `npm run check-links` as a person would (same command, no terminal). */
function startCheckLinks(env: NodeJS.ProcessEnv, args: string[] = []) {
  return spawnTracked(process.execPath, ['--import', 'tsx', 'src/cli/check-links.ts', ...args], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      MEILI_URL: url,
      MEILI_MASTER_KEY: key,
      LINK_CHECK_TIMEOUT_MS: '3000',
      ...env,
    },
  });
}

/** Runs `npm run check-links` to its end. */
async function checkLinks(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = await startCheckLinks(env, args);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('npm run check-links', () => {
  it('lists broken and moved links with their page and section, and exits 1 when some are broken', async () => {
    const env = await indexed({
      'guide.md': [
        '# Le guide',
        '',
        `[Portail](${site.url}/ok)`,
        '',
        '## Hébergement',
        '',
        `[Doc](${site.url}/ancien), [disparue](${site.url}/absent), [lente](${site.url}/lent).`,
        '',
      ].join('\n'),
    });
    const run = await checkLinks(env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /^Liens externes : 4 adresse\(s\) dans 1 ressource\(s\) \(4 vérifiée\(s\), 0 reprise\(s\) du cache\)$/m,
    );
    assert.match(run.stdout, /^ {2}valides {3}: 1$/m);
    assert.match(run.stdout, /^ {2}déplacés {2}: 1$/m);
    assert.match(run.stdout, /^ {2}cassés {4}: 2$/m);
    const brokenPart = run.stdout.slice(
      run.stdout.indexOf('Liens cassés'),
      run.stdout.indexOf('Liens déplacés'),
    );
    assert.ok(
      brokenPart.includes(
        `  - ${site.url}/absent : introuvable (404)\n      dans Le guide › Hébergement (/ressources/contenu-guide#hébergement)`,
      ),
      run.stdout,
    );
    assert.ok(
      brokenPart.includes(`  - ${site.url}/lent : pas de réponse dans le délai`),
      run.stdout,
    );
    assert.ok(
      run.stdout.includes(
        `Liens déplacés (à mettre à jour) :\n  - ${site.url}/ancien : déplacé vers ${site.url}/nouveau`,
      ),
      run.stdout,
    );
    // Handed to the review queue, in the data folder the service reads.
    const queued = await readBrokenLinks(brokenLinksFile(env.DATA_DIR ?? ''));
    assert.deepEqual(
      queued.map((link) => [link.href.slice(site.url.length), link.anchor, link.failure.kind]),
      [
        ['/absent', 'hébergement', 'status'],
        ['/lent', 'hébergement', 'timeout'],
        ['/ancien', 'hébergement', 'moved'],
      ],
    );
    // No terminal: progress as lines on stderr, never a bar.
    assert.match(run.stderr, /Vérification de 4 adresse\(s\) \(0 reprise\(s\) du cache\)…/);

    // The second run within the cache lifetime asks no server anything.
    const hits = site.total();
    const again = await checkLinks(env);
    assert.equal(again.code, 1, again.stderr);
    assert.equal(site.total(), hits);
    assert.match(again.stdout, /\(0 vérifiée\(s\), 4 reprise\(s\) du cache\)/);
  });

  it('exits 0 when no link is broken, moved ones listed', async () => {
    const env = await indexed({
      'guide.md': `# Le guide\n\n[Portail](${site.url}/ok) et [doc](${site.url}/ancien).\n`,
    });
    const run = await checkLinks(env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}cassés {4}: 0$/m);
    assert.match(run.stdout, /Liens déplacés/);
  });

  it('exits 2 on an unknown option or a bad setting, naming it', async () => {
    const unknown = await checkLinks({}, ['--vite']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--vite[\s\S]*Usage : npm run check-links/);

    const bad = await checkLinks({ LINK_CHECK_CONCURRENCY: '0' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /LINK_CHECK_CONCURRENCY : doit être strictement positif/);
  });

  it('stops on Ctrl-C with code 130, keeps what it checked for the next run, and leaves the queue as it was', async () => {
    const env = await indexed({
      'guide.md': `# Le guide\n\n[Portail](${site.url}/ok) puis [lente](${site.url}/lent).\n`,
    });
    const slow = { ...env, LINK_CHECK_CONCURRENCY: '1', LINK_CHECK_TIMEOUT_MS: '300000' };
    const lentBefore = site.hits.get('HEAD /lent') ?? 0;
    const run = await startCheckLinks(slow);
    const deadline = Date.now() + testTimeouts().readyMs;
    while ((site.hits.get('HEAD /lent') ?? 0) === lentBefore && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(site.hits.get('HEAD /lent'), lentBefore + 1, run.output());
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 130, run.output());
    assert.match(run.stderr(), /Vérification des liens interrompue/);
    await assert.rejects(fs.access(brokenLinksFile(env.DATA_DIR ?? '')), { code: 'ENOENT' });

    const headsOk = site.hits.get('HEAD /ok');
    const again = await checkLinks(env);
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stdout, /\(1 vérifiée\(s\), 1 reprise\(s\) du cache\)/);
    assert.equal(site.hits.get('HEAD /ok'), headsOk);
    assert.equal(site.hits.get('HEAD /lent'), lentBefore + 2);
  });
});
