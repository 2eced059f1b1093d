import { z } from 'zod';

/**
 * Checks one external address the way a reader's browser would reach it: `HEAD` first
 * (nothing downloaded), `GET` when the server refuses or fails `HEAD`, redirects followed
 * by hand so that a permanent one (301, 308) is told apart from a temporary one.
 */

/** What checking an address found; `checkedAt` is an ISO timestamp. */
export const linkOutcomeSchema = z.discriminatedUnion('status', [
  /** Answers 2xx (after temporary redirects, if any). */
  z.object({ status: z.literal('ok'), httpStatus: z.number().int() }),
  /** Moved for good (301 or 308 on the way): the content should link `target` instead. */
  z.object({ status: z.literal('moved'), httpStatus: z.number().int(), target: z.string() }),
  /** Answers 4xx or 5xx, or redirects in a loop (`httpStatus` of the last answer). */
  z.object({
    status: z.literal('broken'),
    httpStatus: z.number().int(),
    target: z.string().optional(),
  }),
  /** No answer within the timeout. */
  z.object({ status: z.literal('timeout') }),
  /** Could not be reached at all: unknown name, connection refused, TLS error… (`reason`: a code). */
  z.object({ status: z.literal('unreachable'), reason: z.string() }),
]);
export type LinkOutcome = z.infer<typeof linkOutcomeSchema>;

/** Outcomes that put the page in the coordinators' review queue. */
export function isBroken(outcome: LinkOutcome): boolean {
  return (
    outcome.status === 'broken' || outcome.status === 'timeout' || outcome.status === 'unreachable'
  );
}

export interface CheckLinkOptions {
  /** Longest wait for one request's answer (headers), in milliseconds. */
  timeoutMs: number;
  /** Redirects followed before the address counts as broken. */
  maxRedirects?: number;
  /** The fetch to use (Node's by default). */
  fetch?: typeof fetch;
  /** Stops the check (Ctrl-C): it then rejects with the signal's reason, finding nothing. */
  signal?: AbortSignal;
}

const defaults = { maxRedirects: 10 };

/** Identifies the checker to the servers it visits; some refuse requests without a name. */
const userAgent = 'Reperes-link-check/1.0 (+https://github.com/betagouv)';

/** Answers that mean "not with HEAD", or that servers give to HEAD wrongly: ask again with GET. */
function retryWithGet(outcome: LinkOutcome): boolean {
  return (
    outcome.status === 'unreachable' || (outcome.status === 'broken' && outcome.httpStatus >= 400)
  );
}

/**
 * Checks one address.
 * @param url an absolute http(s) address, without its fragment
 * @param options timeout, redirect limit and fetch
 */
export async function checkLink(url: string, options: CheckLinkOptions): Promise<LinkOutcome> {
  const head = await follow(url, 'HEAD', options);
  if (!retryWithGet(head)) return head;
  return follow(url, 'GET', options);
}

/** Follows the redirects from `url` with one method; the outcome of the last answer. */
async function follow(
  url: string,
  method: 'HEAD' | 'GET',
  options: CheckLinkOptions,
): Promise<LinkOutcome> {
  const fetchImpl = options.fetch ?? fetch;
  const maxRedirects = options.maxRedirects ?? defaults.maxRedirects;
  let current = url;
  let moved = false;
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await fetchImpl(current, {
        method,
        redirect: 'manual',
        headers: { 'user-agent': userAgent, accept: '*/*' },
        signal:
          options.signal === undefined
            ? AbortSignal.timeout(options.timeoutMs)
            : AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]),
      });
    } catch (error) {
      // Stopped by the caller: says nothing about the address.
      options.signal?.throwIfAborted();
      return failureOf(error);
    }
    // Only the status matters: the body is never read.
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      if (hop >= maxRedirects) {
        return { status: 'broken', httpStatus: response.status, target: current };
      }
      if (response.status === 301 || response.status === 308) moved = true;
      current = new URL(location, current).href;
      continue;
    }
    if (response.status >= 400 || response.status < 200) {
      return moved
        ? { status: 'broken', httpStatus: response.status, target: current }
        : { status: 'broken', httpStatus: response.status };
    }
    if (response.status >= 300) return { status: 'ok', httpStatus: response.status };
    return moved
      ? { status: 'moved', httpStatus: response.status, target: current }
      : { status: 'ok', httpStatus: response.status };
  }
}

/** A request that got no answer: timed out, or why it could not be sent. */
function failureOf(error: unknown): LinkOutcome {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { status: 'timeout' };
  }
  return { status: 'unreachable', reason: reasonOf(error) };
}

/** The system's code (ENOTFOUND, ECONNREFUSED…) of a failed fetch, else its message. */
function reasonOf(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.message : String(error);
}
