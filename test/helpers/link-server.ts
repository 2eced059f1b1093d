import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local web site for link checks, every kind of answer at its own path; it counts the
 * requests it gets ("HEAD /absent"). The test closes it in an `after` hook.
 *
 * - `/ok`: 200
 * - `/ancien`: 301 to `/nouveau` (200); `/ancien-ancien`: 308 to `/ancien`
 * - `/temporaire`: 302 to `/ok`
 * - `/absent`: 404; `/erreur`: 503
 * - `/lent`: never answers
 * - `/sans-head`: 405 to HEAD, 200 to GET
 * - `/boucle`: 302 to itself
 */
export interface LinkServer {
  url: string;
  /** "METHOD /path" → requests received. */
  hits: Map<string, number>;
  /** Requests received in all. */
  total: () => number;
  close: () => Promise<void>;
}

export async function startLinkServer(): Promise<LinkServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    const key = `${req.method} ${path}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    const redirect = (status: number, location: string) => {
      res.writeHead(status, { location });
      res.end();
    };
    switch (path) {
      case '/ok':
      case '/nouveau':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>Bonjour</p>');
        return;
      case '/ancien':
        redirect(301, '/nouveau');
        return;
      case '/ancien-ancien':
        redirect(308, '/ancien');
        return;
      case '/temporaire':
        redirect(302, '/ok');
        return;
      case '/boucle':
        redirect(302, '/boucle');
        return;
      case '/sans-head':
        if (req.method === 'HEAD') {
          res.writeHead(405, { allow: 'GET' });
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<p>GET seulement</p>');
        }
        return;
      case '/erreur':
        res.writeHead(503);
        res.end();
        return;
      case '/lent':
        // Never answers: the checker's timeout must end the wait.
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    total: () => [...hits.values()].reduce((sum, count) => sum + count, 0),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An address where nothing listens (a port just opened then closed). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
