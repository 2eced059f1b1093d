import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';
import dsfrPackage from '@gouvfr/dsfr/package.json' with { type: 'json' };

/**
 * Static files: the DSFR from node_modules under /dsfr/<version>/ and our own files under
 * /static/<content hash>/. Versioned URLs let browsers keep them for a year without
 * ever serving a stale copy after an upgrade.
 */

const require = createRequire(import.meta.url);
const dsfrDist = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const staticDir = path.join(import.meta.dirname, 'static');

export const dsfrVersion: string = dsfrPackage.version;

/** URL of a file of the DSFR's dist folder. */
export function dsfrAsset(file: string): string {
  return `/dsfr/${dsfrVersion}/${file}`;
}

let staticVersion: string | undefined;

/** Short hash of our static files, computed once, on first use. */
function staticFilesVersion(): string {
  if (staticVersion !== undefined) return staticVersion;
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(staticDir).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(staticDir, file)));
  }
  staticVersion = hash.digest('hex').slice(0, 10);
  return staticVersion;
}

/** URL of one of our files in src/web/static. */
export function staticAsset(file: string): string {
  return `/static/${staticFilesVersion()}/${file}`;
}

const longCache = { immutable: true, maxAge: '1y', index: false, redirect: false } as const;

/**
 * Serves /dsfr/<version>/… and /static/<hash>/…. Any hash is accepted: during a rolling
 * deployment a page from one instance may ask another for its assets.
 */
export function assetsRouter(): Router {
  const router = Router();
  router.use(`/dsfr/${dsfrVersion}`, express.static(dsfrDist, longCache));
  router.use('/static/:version', express.static(staticDir, longCache));
  return router;
}
