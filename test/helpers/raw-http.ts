import http from 'node:http';
import net from 'node:net';
import type { Express } from 'express';
import { answerClientErrors } from '../../src/http/client-errors.ts';
import { silentLogger } from './meili.ts';

/**
 * HTTP as a hostile client writes it: bytes on a socket, the path exactly as given (no
 * normalisation of `..`, no encoding), and the answer read as it comes back.
 */

export interface RawResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** The connection was reset (after or instead of an answer). */
  reset: boolean;
}

/** The app on a real socket, with the Node-level error answers `main` sets up. */
export async function listenForTest(
  app: Express,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(app);
  answerClientErrors(server, silentLogger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A request line and headers (with `Host` and `Connection: close`) for a raw request. */
export function requestBytes(
  method: string,
  target: string,
  headers: Record<string, string> = {},
): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Sends bytes and reads the answer until the server closes the connection (`Connection: close`). */
export function rawRequest(port: number, bytes: string, timeoutMs = 30_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let reset = false;
    // Written, not ended: a half-closed request may be dropped before its answer.
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(bytes);
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
      else reject(error);
    });
    socket.on('close', () => {
      const data = Buffer.concat(chunks);
      const split = data.indexOf('\r\n\r\n');
      const head = (split === -1 ? data : data.subarray(0, split)).toString('latin1');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const rest = split === -1 ? Buffer.alloc(0) : data.subarray(split + 4);
      const body = headers['transfer-encoding'] === 'chunked' ? unchunk(rest) : rest;
      resolve({ status, headers, body: body.toString('utf8'), reset });
    });
  });
}

/** The body of a chunked answer. */
function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
