import fs from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * A load on one route of a running service: `connections` clients sending requests back to
 * back for `seconds`, each request with the next query of a list (so that no cache answers
 * them all). Used by `npm run bench` (figures) and the chaos suite (no error allowed).
 */

export interface LoadOptions {
  /** The service, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** `/api/search` or `/recherche`: `?q=<query>` is appended. */
  route: string;
  queries: readonly string[];
  connections: number;
  seconds: number;
}

export interface LoadFigures {
  route: string;
  connections: number;
  seconds: number;
  /** Answers received. */
  requests: number;
  /** Mean answers per second. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers with a status other than 2xx. */
  non2xx: number;
}

/** Runs the load and returns its figures. */
export async function loadRoute(options: LoadOptions): Promise<LoadFigures> {
  if (options.queries.length === 0) throw new Error('loadRoute: expected at least one query');
  let next = 0;
  const paths = options.queries.map((q) => `${options.route}?q=${encodeURIComponent(q)}`);
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    // Generous: a loaded 2-core machine is slow, and a slow answer is not an error.
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
      },
    ],
  });
  return {
    route: options.route,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** One line of figures, in French. */
export function formatLoad(figures: LoadFigures): string {
  return `${figures.route.padEnd(12)} ${figures.connections} connexions, ${figures.seconds} s : ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms.toFixed(0)} ms, p99 ${figures.p99Ms.toFixed(0)} ms, ${figures.errors} erreurs, ${figures.non2xx} réponses non 2xx (${figures.requests} requêtes)`;
}

/** The queries of the relevance set (bench/relevance/queries.yml), as people type them. */
export async function benchQueries(): Promise<string[]> {
  const file = path.join(import.meta.dirname, 'relevance/queries.yml');
  return z
    .object({ queries: z.array(z.object({ q: z.string() })) })
    .parse(parseYaml(await fs.readFile(file, 'utf8')))
    .queries.map((query) => query.q);
}
