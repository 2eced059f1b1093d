import http from 'node:http';
import { forwardRequest } from './forward-request.ts';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy in front of the test Meilisearch that forwards every request except
 * those a test chose to hold: a held request never reaches Meilisearch, so a test can
 * stop a writer at an exact point of its sequence of writes (then kill it, or cut the
 * held connections as a crash would). The test closes it in an `after` hook.
 */
export interface HoldingProxy {
  url: string;
  /** Resolves with the first held request ("POST /indexes/x/documents"). */
  held: Promise<string>;
  /** Cuts the held requests' connections: their senders see a network error. */
  dropHeld: () => void;
  close: () => Promise<void>;
}

/**
 * @param target the Meilisearch to forward to
 * @param hold true for a request ("METHOD /path", no query) to hold instead of forwarding
 */
export async function startHoldingProxy(
  target: string,
  hold: (request: string) => boolean,
): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const heldSockets: Socket[] = [];
  let onHeld: (request: string) => void = () => {};
  const held = new Promise<string>((resolve) => (onHeld = resolve));
  const server = http.createServer((req, res) => {
    const request = `${req.method} ${req.url?.split('?')[0]}`;
    if (hold(request)) {
      heldSockets.push(req.socket);
      onHeld(request);
      return;
    }
    forwardRequest(upstream, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    dropHeld: () => {
      for (const socket of heldSockets.splice(0)) socket.destroy();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
