import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkServiceConfig, ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/reperes');
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.meiliUrl, undefined);
    assert.equal(config.dataDir, '/srv/reperes/data');
    assert.deepEqual(config.contentDirs, ['/srv/reperes/guides']);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.brand, 'etat');
  });

  it('splits CONTENT_DIRS on commas and resolves each folder', () => {
    const config = loadConfig({ CONTENT_DIRS: 'guides, ../shared/corpus ,' }, '/srv/app');
    assert.deepEqual(config.contentDirs, ['/srv/app/guides', path.resolve('/srv/shared/corpus')]);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', MEILI_URL: '' });
    assert.equal(config.port, 3000);
    assert.equal(config.meiliUrl, undefined);
  });

  it('refuses PORT=abc with a message naming the variable and the value', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT : doit être un numéro de port.*reçu « abc »/);
        return true;
      },
    );
  });

  it('lists every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: '70000', MEILI_URL: 'localhost:7700', LOG_LEVEL: 'loud' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.problems.map((problem) => problem.split(' : ')[0]),
          ['PORT', 'MEILI_URL', 'LOG_LEVEL'],
        );
        return true;
      },
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    assert.equal(loadConfig({}).trustProxy, false);
  });

  it('takes a hop count', () => {
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
  });

  it('takes a list of addresses, CIDR ranges and Express named ranges', () => {
    assert.deepEqual(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.7, fd00::/8' }).trustProxy,
      ['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8'],
    );
  });

  it('refuses true and unknown names, naming the variable', () => {
    for (const value of ['true', 'loopback,proxy.example', '10.0.0.0/99']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /TRUST_PROXY : doit valoir false, un nombre de proxys/);
          return true;
        },
      );
    }
  });
});

describe('OCR settings', () => {
  it('reads scanned PDF pages by default, 30 s per page, 50 pages per file', () => {
    assert.deepEqual(loadConfig({}).ocr, { enabled: true, pageTimeoutMs: 30_000, maxPages: 50 });
  });

  it('turns OCR off with OCR=off and takes its limits', () => {
    const config = loadConfig({ OCR: 'off', OCR_PAGE_TIMEOUT_MS: '5000', OCR_MAX_PAGES: '3' });
    assert.deepEqual(config.ocr, { enabled: false, pageTimeoutMs: 5000, maxPages: 3 });
  });

  it('refuses OCR=yes and a zero page limit, naming the variables', () => {
    assert.throws(
      () => loadConfig({ OCR: 'yes', OCR_MAX_PAGES: '0' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /OCR : doit valoir on ou off \(reçu « yes »\)/);
        assert.match(error.message, /OCR_MAX_PAGES : doit être strictement positif/);
        return true;
      },
    );
  });
});

describe('MEILI_MAX_INDEXING_MEMORY', () => {
  it('lets the embedded engine index with 512 MiB by default', () => {
    assert.equal(loadConfig({}).meiliMaxIndexingMemory, '512MiB');
  });

  it("takes a size, and 0 for Meilisearch's own default", () => {
    assert.equal(loadConfig({ MEILI_MAX_INDEXING_MEMORY: '1GiB' }).meiliMaxIndexingMemory, '1GiB');
    assert.equal(loadConfig({ MEILI_MAX_INDEXING_MEMORY: '0' }).meiliMaxIndexingMemory, undefined);
  });

  it('refuses a size without unit, naming the variable', () => {
    assert.throws(
      () => loadConfig({ MEILI_MAX_INDEXING_MEMORY: '512' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(
          error.message,
          /MEILI_MAX_INDEXING_MEMORY : doit être une taille comme 512MiB/,
        );
        return true;
      },
    );
  });
});

describe('link check settings', () => {
  it('checks 8 addresses at a time, waits 10 s for each, trusts a result for 24 h by default', () => {
    assert.deepEqual(loadConfig({}).linkCheck, {
      concurrency: 8,
      timeoutMs: 10_000,
      cacheTtlMs: 24 * 60 * 60 * 1000,
    });
  });

  it('takes its limits, the cache lifetime in hours', () => {
    const config = loadConfig({
      LINK_CHECK_CONCURRENCY: '2',
      LINK_CHECK_TIMEOUT_MS: '500',
      LINK_CHECK_CACHE_HOURS: '1',
    });
    assert.deepEqual(config.linkCheck, { concurrency: 2, timeoutMs: 500, cacheTtlMs: 3_600_000 });
  });

  it('refuses more than 64 requests at a time, naming the variable', () => {
    assert.throws(
      () => loadConfig({ LINK_CHECK_CONCURRENCY: '65' }),
      /LINK_CHECK_CONCURRENCY : doit être au plus 64 \(reçu « 65 »\)/,
    );
  });
});

describe('checkServiceConfig', () => {
  it('in production, refuses a service without CONTACT_EMAIL and HOSTING_INFO, naming both', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    assert.equal(config.production, true);
    assert.throws(
      () => checkServiceConfig(config),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 2 &&
        /^CONTACT_EMAIL : requis en production/.test(error.problems[0] ?? '') &&
        /^HOSTING_INFO : requis en production/.test(error.problems[1] ?? ''),
    );
  });

  it('in production, names only the one that is missing', () => {
    const config = loadConfig({ NODE_ENV: 'production', CONTACT_EMAIL: 'equipe@example.gouv.fr' });
    assert.throws(() => checkServiceConfig(config), /HOSTING_INFO : requis en production/);
    assert.throws(
      () => checkServiceConfig(config),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 1,
    );
  });

  it('in production, accepts a service that has both', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      CONTACT_EMAIL: 'equipe@example.gouv.fr',
      HOSTING_INFO: 'Hébergeur Exemple, 1 rue de la Paix, Paris',
    });
    assert.doesNotThrow(() => checkServiceConfig(config));
  });

  it('outside production (development, test, unset), lets the service start without them', () => {
    for (const NODE_ENV of [undefined, '', 'development', 'test']) {
      const config = loadConfig({ NODE_ENV });
      assert.equal(config.production, false);
      assert.doesNotThrow(() => checkServiceConfig(config));
    }
  });
});
