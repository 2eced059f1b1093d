import { STATUS_CODES } from 'node:http';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Config,
  type ExtraRequestInit,
  type FederatedMultiSearchParams,
  type MultiSearchParams,
  type MultiSearchResponseOrSearchResponse,
  type RecordAny,
} from 'meilisearch';
import { Agent, request } from 'undici';

/**
 * One keep-alive pool per process, shared by every client: the connections to Meilisearch
 * stay open between searches (no TCP set-up per request), and their number is bounded.
 * undici is pinned to the major of Node 20's own fetch, which takes it as `dispatcher`.
 */
const keepAlive = new Agent({
  // Below Meilisearch's own keep-alive (actix-web: 5 s), so that a request never goes out
  // on a connection the engine is closing.
  keepAliveTimeout: 4_000,
  // Enough for the API's concurrent searches on a small server; more would queue in
  // Meilisearch anyway, whose search threads are as many as the cores.
  connections: 32,
});

/** Every request the client sends: no compression (see below), through the pool. */
const requestInit = {
  // Meilisearch answers compressed requests in brotli, which costs ~10x the time of the
  // search itself on small responses (measured: ~48 ms instead of ~5 ms).
  headers: { 'Accept-Encoding': 'identity' },
  // Not in the DOM's RequestInit, but read by Node's fetch.
  ...({ dispatcher: keepAlive } as RequestInit),
};

/**
 * The client, with its searches (`multiSearch`, what every search of the service sends)
 * through undici's `request` rather than `fetch`: fetch's web streams and Request and
 * Response objects took a fifth of the service's CPU per search (profiled,
 * bench/search-speed.ts). Same pool, headers and timeout; the same errors as the client's
 * own, which callers tell apart (unreachable, timed out, `index_not_found`…).
 */
class PooledMeilisearch extends Meilisearch {
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;

  constructor(config: Config & { timeout: number }) {
    super(config);
    this.#url = new URL(
      'multi-search',
      config.host.endsWith('/') ? config.host : `${config.host}/`,
    );
    this.#timeoutMs = config.timeout;
    this.#headers = {
      'content-type': 'application/json',
      'accept-encoding': 'identity',
      'x-meilisearch-client': `${(config.clientAgents ?? []).join(' ; ')} ; Meilisearch JavaScript`,
      ...(config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` }),
    };
  }

  override async multiSearch<
    T1 extends MultiSearchParams | FederatedMultiSearchParams,
    T2 extends RecordAny = RecordAny,
  >(
    queries: T1,
    extraRequestInit?: ExtraRequestInit,
  ): Promise<MultiSearchResponseOrSearchResponse<T1, T2>> {
    // Options this path does not carry (a caller's own signal…) take the client's.
    if (extraRequestInit !== undefined) return super.multiSearch<T1, T2>(queries, extraRequestInit);
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let statusCode: number;
    let text: string;
    try {
      const response = await request(this.#url, {
        method: 'POST',
        headers: this.#headers,
        body: JSON.stringify(queries),
        signal,
        dispatcher: keepAlive,
      });
      statusCode = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new MeilisearchRequestError(
        this.#url.toString(),
        signal.aborted
          ? new MeilisearchRequestTimeOutError(this.#timeoutMs, { method: 'POST' })
          : error,
      );
    }
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    if (statusCode >= 200 && statusCode < 300)
      return body as MultiSearchResponseOrSearchResponse<T1, T2>;
    throw new MeilisearchApiError(
      new Response(null, { status: statusCode, statusText: STATUS_CODES[statusCode] ?? '' }),
      body as ConstructorParameters<typeof MeilisearchApiError>[1],
    );
  }
}

/** Builds the Meilisearch client; nothing connects until the first request. */
export function createMeiliClient(options: {
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number;
}): Meilisearch {
  return new PooledMeilisearch({
    host: options.url,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    timeout: options.timeoutMs ?? 10_000,
    requestInit,
    clientAgents: ['reperes'],
  });
}
