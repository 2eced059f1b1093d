import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GuideBuildError } from '../../scripts/build-guides/build-guide-pdfs.ts';
import { GuideSourceError } from '../../scripts/build-guides/errors.ts';
import { exitCodes, toCliFailure } from '../../src/cli/cli-failure.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { contentRoots } from '../../src/content/roots.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { resolveBinary } from '../../src/engine/embedded-meilisearch.ts';

/** What a function throws (it must throw). */
async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('toCliFailure (npm start, npm run ingest, npm run build:guides)', () => {
  it('a configuration error › exits 2 with the message naming the variable, after the headline', async () => {
    const error = await thrownBy(() => loadConfig({ PORT: 'abc' }));
    assert.ok(error instanceof ConfigError);
    const failure = toCliFailure(error, "Le service n'a pas démarré");
    assert.equal(failure.exitCode, exitCodes.usage);
    assert.equal(failure.expected, true);
    assert.match(
      failure.message,
      /^Le service n'a pas démarré :\nConfiguration invalide :\n {2}- PORT : /,
    );
  });

  it('a missing taxonomy, two folders with one name, a missing binary › exit 2', async () => {
    for (const error of [
      await thrownBy(() => loadTaxonomy('/nonexistent/topics.yml')),
      await thrownBy(() => contentRoots(['/a/guides', '/b/guides'])),
      await thrownBy(() => resolveBinary('/nonexistent/meilisearch')),
    ]) {
      const failure = toCliFailure(error, 'x');
      assert.equal(failure.exitCode, exitCodes.usage, String(error));
      assert.equal(failure.expected, true);
    }
  });

  it('invalid guide sources › exit 1, each source named', () => {
    const error = new GuideBuildError([
      new GuideSourceError('a.md', 'front matter absent'),
      new GuideSourceError('b.md', 'titre vide'),
    ]);
    const failure = toCliFailure(error, 'Guides PDF non construits');
    assert.equal(failure.exitCode, exitCodes.invalidContent);
    assert.equal(
      failure.message,
      'Guides PDF non construits :\na.md : front matter absent\nb.md : titre vide',
    );
  });

  it('an error no one planned for › exits 3 with its message and its causes', () => {
    const error = new Error('écriture refusée', { cause: new Error('disque plein') });
    const failure = toCliFailure(error, "L'ingestion n'a pas abouti");
    assert.deepEqual(failure, {
      exitCode: exitCodes.failure,
      message: "L'ingestion n'a pas abouti : écriture refusée (disque plein)",
      expected: false,
    });
  });
});
