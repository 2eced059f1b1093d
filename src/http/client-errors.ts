import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

/**
 * Requests Node refuses before Express sees them (headers or address over
 * `maxHeaderSize`, malformed HTTP, a request too slow to arrive): Node's own answer has
 * no body, and closing a socket the client is still writing to can reset the connection
 * before the client reads anything. Here the client gets a JSON body in the API's error
 * shape, and the socket closes only after a grace period, once the answer is read.
 */

/** How long the client has to read the answer before its socket is closed. */
const CLOSE_GRACE_MS = 2_000;

interface ClientErrorAnswer {
  status: number;
  code: string;
  message: string;
}

/** Node's error code → what the client is told. */
function answerFor(errorCode: string | undefined): ClientErrorAnswer {
  switch (errorCode) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'headers_too_large',
        message: "L'adresse ou les en-têtes de la requête sont trop longs.",
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        code: 'payload_too_large',
        message: 'La requête est trop volumineuse.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'request_timeout',
        message: "La requête n'est pas arrivée à temps.",
      };
    default:
      return { status: 400, code: 'invalid_request', message: 'La requête est mal formée.' };
  }
}

/** The raw HTTP/1.1 response: there is no response object at this stage. */
export function clientErrorResponse(errorCode: string | undefined): string {
  const answer = answerFor(errorCode);
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
  return [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** A response of this socket's is under way: raw bytes now would corrupt it. */
function responseUnderWay(socket: Duplex): boolean {
  const message: unknown = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
  return (
    typeof message === 'object' &&
    message !== null &&
    'headersSent' in message &&
    message.headersSent === true
  );
}

/** Makes the server answer Node-level request errors with a JSON body. */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Already answered (the parser goes on failing on the rest of the request), or gone.
    if (error.code === 'ECONNRESET' || !socket.writable) return;
    logger.debug({ code: error.code }, 'request refused by the HTTP parser');
    if (responseUnderWay(socket)) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  });
}
