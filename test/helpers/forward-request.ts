import http from 'node:http';

/** Forwards one request to `upstream` as it came, and its answer back: the test proxies' core. */
export function forwardRequest(
  upstream: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const forward = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on('error', () => res.destroy());
  req.pipe(forward);
}
