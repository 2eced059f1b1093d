import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { ContentStore } from '../../src/publishing/content-store.ts';
import { dropIndexes, silentLogger, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { spawnTracked, temporaryFolders } from '../helpers/process.ts';
import { alice, coordinatorHeader, publishingApp, storeState } from '../helpers/publishing.ts';
import { syncContent } from '../../ingest/pipeline.ts';
import { withPublishRoot } from '../../src/content/roots.ts';
import { pipelineDeps } from '../helpers/ingest.ts';
import { projectRoot } from '../helpers/service.ts';
import { testTimeouts } from '../helpers/timeouts.ts';

/**
 * The store at start: a write left half-done (file renamed into place, no commit) is
 * rolled back to the last commit; temporary files go; changes made by hand are committed.
 */

const { client } = testMeili();
const tempDir = temporaryFolders('store');
const prefixes: string[] = [];
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

async function openStore(dir: string) {
  return ContentStore.open({ dir, rootKey: 'publications', logger: silentLogger });
}

describe('ContentStore.open', () => {
  it('creates the folder as a git repository with a first commit', async () => {
    const dir = path.join(await tempDir(), 'contenu');
    const { store } = await openStore(dir);
    const { revisions } = await store.log(1, 10);
    assert.deepEqual(
      revisions.map((r) => r.message),
      ['Création du dépôt des contenus publiés'],
    );
    assert.deepEqual(await store.uncommitted(), []);
  });

  it('rolls back a write renamed into place but not committed, and removes temporary files', async () => {
    const dir = path.join(await tempDir(), 'contenu');
    const { store } = await openStore(dir);
    const author = { name: 'Alice', email: 'alice@example.org' };
    await store.exclusive(() =>
      store.commit(
        [{ path: 'guide.md', bytes: Buffer.from('# Guide\n\nVersion une.\n') }],
        author,
        'v1',
      ),
    );
    const head = await store.head();
    await store.noteIntent(['guide.md', 'nouveau.md']);
    await store.writeFiles([
      { path: 'guide.md', bytes: Buffer.from('# Guide\n\nVersion deux.\n') },
      { path: 'nouveau.md', bytes: Buffer.from('# Nouveau\n') },
    ]);
    await fs.writeFile(path.join(dir, '.reperes-tmp-0123456789ab'), 'à moitié');

    const { store: reopened, repair } = await openStore(dir);
    assert.deepEqual(repair, {
      rolledBack: ['guide.md', 'nouveau.md'],
      temporaryRemoved: 1,
      committed: [],
    });
    assert.equal(
      await fs.readFile(path.join(dir, 'guide.md'), 'utf8'),
      '# Guide\n\nVersion une.\n',
    );
    assert.deepEqual((await storeState(dir)).files, ['guide.md']);
    assert.equal(await reopened.head(), head);
    assert.deepEqual(await reopened.uncommitted(), []);
  });

  it('rolls back a half-done write of a parcours file (parcours/<slug>.yml) to its committed version', async () => {
    const dir = path.join(await tempDir(), 'contenu');
    const { store } = await openStore(dir);
    const author = { name: 'Alice', email: 'alice@example.org' };
    const v1 = Buffer.from('title: Version une\n');
    await store.exclusive(() =>
      store.commit([{ path: 'parcours/accueil.yml', bytes: v1 }], author, 'v1'),
    );
    const head = await store.head();
    assert.deepEqual(
      (await store.fileHistory('parcours/accueil.yml')).map((r) => r.message),
      ['v1'],
    );
    await store.noteIntent(['parcours/accueil.yml', 'parcours/nouveau.yml']);
    await store.writeFiles([
      { path: 'parcours/accueil.yml', bytes: Buffer.from('title: Version deux\n') },
      { path: 'parcours/nouveau.yml', bytes: Buffer.from('title: Nouveau\n') },
    ]);

    const { store: reopened, repair } = await openStore(dir);
    assert.deepEqual(repair.rolledBack, ['parcours/accueil.yml', 'parcours/nouveau.yml']);
    assert.deepEqual(await reopened.readFile('parcours/accueil.yml'), v1);
    assert.equal(await reopened.readFile('parcours/nouveau.yml'), undefined);
    assert.equal(await reopened.head(), head);
    assert.deepEqual(await reopened.uncommitted(), []);
    assert.equal(await reopened.readFile('../secret.yml'), undefined, 'never a path out');
  });

  it('commits changes made by hand in the folder, as the service', async () => {
    const dir = path.join(await tempDir(), 'contenu');
    await openStore(dir);
    await fs.writeFile(path.join(dir, 'depose-a-la-main.md'), '# Déposé\n');
    const { store, repair } = await openStore(dir);
    assert.deepEqual(repair.committed, ['depose-a-la-main.md']);
    const [last] = (await store.log(1, 1)).revisions;
    assert.equal(last?.author.name, 'Repères');
    assert.deepEqual(await store.uncommitted(), []);
  });
});

describe('a write killed mid-way (kill -9 after the rename, before the commit)', () => {
  it('leaves a store that the next start repairs; search serves the whole committed version', async () => {
    const { prefix } = uniqueIndexes('killed');
    prefixes.push(prefix);
    const fx = await publishingApp({ meili: client, prefix });
    const created = await request(fx.app)
      .post('/api/resources')
      .set(coordinatorHeader, alice)
      .field('title', 'Guide des achats')
      .field('markdown', 'La commande publique passe par l’UGAP pour les licences.\n');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const committed = await fs.readFile(path.join(fx.dir, 'guide-des-achats.md'), 'utf8');
    const head = await fx.store.head();

    const child = await spawnTracked(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/helpers/half-done-write.ts',
        fx.dir,
        'guide-des-achats.md',
        '# Guide\n\nVersion à moi',
      ],
      { cwd: projectRoot, env: process.env },
    );
    const deadline = Date.now() + testTimeouts().readyMs;
    while (!child.stdout().includes('renamed')) {
      assert.ok(Date.now() < deadline, `the child never reached the rename: ${child.output()}`);
      assert.equal(child.child.exitCode, null, child.output());
      await sleep(50);
    }
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
    assert.equal(
      await fs.readFile(path.join(fx.dir, 'guide-des-achats.md'), 'utf8'),
      '# Guide\n\nVersion à moi',
    );

    const { store, repair } = await openStore(fx.dir);
    assert.deepEqual(repair.rolledBack, ['guide-des-achats.md']);
    assert.equal(await store.head(), head);
    assert.equal(await fs.readFile(path.join(fx.dir, 'guide-des-achats.md'), 'utf8'), committed);
    // The start's sync of the content folders, as `main` runs it after opening the store.
    const summary = await syncContent(await pipelineDeps(client, prefix), {
      roots: withPublishRoot([], fx.dir),
    });
    assert.deepEqual(summary.failed, []);
    const res = await request(fx.app).get('/api/search').query({ q: 'UGAP' });
    assert.deepEqual(
      (res.body as { hits: { resourceId: string }[] }).hits.map((hit) => hit.resourceId),
      ['publications-guide-des-achats'],
    );
  });
});
