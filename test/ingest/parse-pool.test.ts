import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Section } from '../../src/content/model.ts';
import type { ResourceRecord } from '../../ingest/build-records.ts';
import { createParsePool, ParseWorkerError } from '../../ingest/parse-pool.ts';
import { ParseError } from '../../ingest/parsers/types.ts';
import { contentFolder, pipelineDeps, sync } from '../helpers/ingest.ts';
import { dropIndexes, testMeili, uniqueIndexes } from '../helpers/meili.ts';
import { buildPdf } from '../helpers/pdf-builder.ts';
import { projectRoot } from '../helpers/service.ts';

const { client } = testMeili();
const prefixes: string[] = [];
const pools: ReturnType<typeof createParsePool>[] = [];
after(() => Promise.all(pools.map((pool) => pool.close())));
after(() => Promise.all(prefixes.map((prefix) => dropIndexes(client, prefix))));

function pool(options: Parameters<typeof createParsePool>[0]) {
  const created = createParsePool(options);
  pools.push(created);
  return created;
}

function freshPrefix(): string {
  const { prefix } = uniqueIndexes('pool');
  prefixes.push(prefix);
  return prefix;
}

const noPromotions = { pdfMaxPages: 100_000, promotions: new Map<number, string>() };

async function allDocuments<T extends { id: string }>(uid: string): Promise<T[]> {
  const page = await client.index<T>(uid).getDocuments({ limit: 10_000 });
  return page.results.sort((a, b) => a.id.localeCompare(b.id));
}

/** Thousands of pages full of words: seconds of pdf.js (pdftotext reads them faster), far beyond a 3 s limit. */
function hugePdf(): Buffer {
  return buildPdf({
    pages: Array.from({ length: 3000 }, (_, page) => [`Page ${page}`, 'mot '.repeat(400)]),
  });
}

/**
 * Starts both Markdown workers. Only PDFs get the short limit: a Markdown worker that starts
 * slowly on a loaded machine keeps the default limit.
 */
async function warmUp(parsePool: ReturnType<typeof createParsePool>): Promise<void> {
  await Promise.all(
    ['a', 'b'].map((name) =>
      parsePool.parse({ relativePath: `${name}.md`, bytes: Buffer.from('# A\n') }, noPromotions),
    ),
  );
}

describe('createParsePool', () => {
  it("rebuilds a parser's error in the main thread, with its class and code", async () => {
    const parsePool = pool({ workers: 1 });
    await assert.rejects(
      parsePool.parse({ relativePath: 'vide.md', bytes: Buffer.alloc(0) }, noPromotions),
      (error) => error instanceof ParseError && error.code === 'empty',
    );
  });

  it('fails a parse that runs over its time as pdf_corrupt, naming the delay, and only that file', async () => {
    const parsePool = pool({ workers: 2, pdfTimeoutMs: 3_000, pdfExtractor: 'pdfjs' });
    await warmUp(parsePool);
    const huge = hugePdf();
    const results = await Promise.allSettled([
      parsePool.parse({ relativePath: 'docs/enorme.pdf', bytes: huge }, noPromotions),
      ...['un', 'deux', 'trois'].map((word) =>
        parsePool.parse(
          { relativePath: `${word}.md`, bytes: Buffer.from(`# Guide ${word}\n\nTexte.\n`) },
          noPromotions,
        ),
      ),
    ]);
    const [slow, ...others] = results;
    assert.equal(slow?.status, 'rejected');
    const error: unknown = slow?.status === 'rejected' ? slow.reason : undefined;
    assert.ok(error instanceof ParseError);
    assert.equal(error.code, 'pdf_corrupt');
    assert.equal(
      error.message,
      'PDF illisible : la lecture de docs/enorme.pdf a dépassé 3 s (fichier trop complexe ou endommagé)',
    );
    assert.deepEqual(
      others.map((result) => (result.status === 'fulfilled' ? result.value.title : result.reason)),
      ['Guide un', 'Guide deux', 'Guide trois'],
    );
    // The worker that was stopped is replaced: the pool still parses.
    const after = await parsePool.parse(
      { relativePath: 'encore.md', bytes: Buffer.from('# Encore\n') },
      noPromotions,
    );
    assert.equal(after.title, 'Encore');
  });

  it('replaces its pdf.js workers every few files without cancelling a parse under way', async () => {
    const parsePool = pool({ workers: 1, pdfWorkers: 2, recycleAfter: 1, pdfExtractor: 'pdfjs' });
    const titles = Array.from({ length: 9 }, (_, n) => `Note ${n}`);
    const documents = await Promise.all(
      titles.map((title, n) =>
        parsePool.parse(
          { relativePath: `n${n}.pdf`, bytes: buildPdf({ pages: [[title, 'Avec du texte.']] }) },
          noPromotions,
        ),
      ),
    );
    assert.deepEqual(
      documents.map((document) => document.title),
      titles,
    );
    assert.ok(parsePool.recycledAfterFiles >= 2, `remplacés : ${parsePool.recycledAfterFiles}`);
  });

  it('keeps the workers that never load pdf.js: Markdown, and PDFs read by pdftotext', async () => {
    const parsePool = pool({
      workers: 1,
      pdfWorkers: 1,
      recycleAfter: 1,
      pdfExtractor: 'pdftotext',
    });
    const titles: string[] = [];
    // One after the other: with pdf.js, every file would replace its lane's worker.
    for (let n = 0; n < 8; n++) {
      const document = await parsePool.parse(
        n % 2 === 0
          ? { relativePath: `g${n}.md`, bytes: Buffer.from(`# Guide ${n}\n\nTexte.\n`) }
          : {
              relativePath: `n${n}.pdf`,
              bytes: buildPdf({ pages: [[`Note ${n}`, 'Avec du texte.']] }),
            },
        noPromotions,
      );
      titles.push(document.title);
    }
    assert.deepEqual(titles, [
      'Guide 0',
      'Note 1',
      'Guide 2',
      'Note 3',
      'Guide 4',
      'Note 5',
      'Guide 6',
      'Note 7',
    ]);
    assert.equal(parsePool.recycledAfterFiles, 0);
  });

  it('replaces a worker whose memory went past the mark, and goes on parsing', async () => {
    const pdf = buildPdf({ pages: [['Une note', 'Avec du texte.']] });
    const parse = (parsePool: ReturnType<typeof pool>, n: number) =>
      parsePool.parse({ relativePath: `note-${n}.pdf`, bytes: pdf }, noPromotions);
    // pdf.js alone takes tens of MB in a worker: past a 1 MB mark after every file.
    const low = pool({ workers: 1, pdfWorkers: 1, recycleAboveMb: 1, pdfExtractor: 'pdfjs' });
    const high = pool({ workers: 1, pdfWorkers: 1, recycleAboveMb: 4096, pdfExtractor: 'pdfjs' });
    for (const parsePool of [low, high]) {
      for (let n = 0; n < 3; n++) assert.equal((await parse(parsePool, n)).title, 'Une note');
    }
    assert.equal(low.recycledForMemory, 3);
    assert.equal(high.recycledForMemory, 0);
  });

  it('fails a non-PDF parse that runs over its time as parse_timeout', async () => {
    const parsePool = pool({ workers: 1, timeoutMs: 1 });
    await assert.rejects(
      parsePool.parse({ relativePath: 'guide.md', bytes: Buffer.from('# Guide\n') }, noPromotions),
      (error) =>
        error instanceof ParseWorkerError &&
        error.code === 'parse_timeout' &&
        error.message === 'analyse interrompue : la lecture de guide.md a dépassé 1 ms',
    );
  });
});

describe('syncContent with the parse pool', () => {
  it('writes the same records with one worker per kind of file as with three', async () => {
    const now = () => new Date('2026-01-15T10:00:00Z');
    const folder = `${projectRoot}/guides`;
    const sequential = freshPrefix();
    const parallel = freshPrefix();
    const one = {
      ...(await pipelineDeps(client, sequential)),
      now,
      parsePool: pool({ workers: 1 }),
    };
    const three = {
      ...(await pipelineDeps(client, parallel)),
      now,
      parsePool: pool({ workers: 3, pdfWorkers: 3 }),
    };
    const first = await sync(one, [folder]);
    const second = await sync(three, [folder]);
    assert.ok(first.parsed > 10, String(first.parsed));
    assert.deepEqual(second.failed, first.failed);
    assert.deepEqual(second.warnings, first.warnings);
    assert.deepEqual(
      await allDocuments<ResourceRecord>(`${parallel}-resources`),
      await allDocuments<ResourceRecord>(`${sequential}-resources`),
    );
    assert.deepEqual(
      await allDocuments<Section>(`${parallel}-sections`),
      await allDocuments<Section>(`${sequential}-sections`),
    );
  });

  it('fails only the file whose parse ran over its time, and indexes the others', async () => {
    const prefix = freshPrefix();
    const dir = await contentFolder({
      'enorme.pdf': hugePdf(),
      'guide.md': '# Un guide\n\nTexte.\n',
      'autre.md': '# Un autre\n\nTexte.\n',
    });
    const parsePool = pool({ workers: 2, pdfTimeoutMs: 3_000, pdfExtractor: 'pdfjs' });
    await warmUp(parsePool);
    const limits = { maxFileBytes: 50 * 1024 * 1024, pdfMaxPages: 100_000 };
    const deps = { ...(await pipelineDeps(client, prefix, limits)), parsePool };
    const summary = await sync(deps, [dir]);
    assert.deepEqual(
      summary.failed.map((failure) => [failure.path, failure.code]),
      [['contenu/enorme.pdf', 'pdf_corrupt']],
    );
    assert.equal(summary.parsed, 2);
    const resources = await allDocuments<ResourceRecord>(`${prefix}-resources`);
    assert.deepEqual(
      resources.map((resource) => resource.id),
      ['contenu-autre', 'contenu-guide'],
    );
  });
});
