import http from 'node:http';
import { forwardRequest } from './forward-request.ts';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP proxy in front of the test Meilisearch that records every request it
 * forwards: a test counts the real round trips a piece of code makes. The test closes
 * it in an `after` hook.
 */
export interface CountingProxy {
  url: string;
  /** "POST /multi-search", in order of arrival. */
  requests: string[];
  close: () => Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url?.split('?')[0]}`);
    forwardRequest(upstream, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, requests, close };
}
