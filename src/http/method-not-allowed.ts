import type { RequestHandler, Router } from 'express';
import { MethodNotAllowedError } from '../errors.ts';

/**
 * Answers 405 with `Allow` when an address exists but not for the request's method (a
 * POST to `/api/search`), instead of the 404 an unknown address gets. Placed after every
 * router: the methods an address answers are read from the routes themselves, so a new
 * route is covered without being listed here. (OPTIONS never gets here: Express's
 * routers answer it with the same list.)
 */
export function methodNotAllowed(router: () => Router): RequestHandler {
  return (req, res, next) => {
    const allow = allowedMethods(router(), req.path);
    if (allow.length === 0 || allow.includes(req.method)) {
      next();
      return;
    }
    res.set('Allow', allow.join(', '));
    next(new MethodNotAllowedError(req.method, allow));
  };
}

/**
 * What the router's stack needs to offer (router@2, Express 5's): each layer matches a
 * path; a route layer knows its methods, a mounted router has its own stack.
 */
interface StackLayer {
  match(path: string): false | { path: string };
  route?: { _methods(): string[] };
  handle: unknown;
}

function isLayer(value: unknown): value is StackLayer {
  return (
    typeof value === 'object' &&
    value !== null &&
    'match' in value &&
    typeof value.match === 'function'
  );
}

function stackOf(handle: unknown): unknown[] | undefined {
  return typeof handle === 'function' && 'stack' in handle && Array.isArray(handle.stack)
    ? (handle.stack as unknown[])
    : undefined;
}

/** The methods the routes matching `path` answer, in the order they were declared. */
export function allowedMethods(router: Router, path: string): string[] {
  const found = new Set<string>();
  const visit = (stack: unknown[], path: string): void => {
    for (const layer of stack) {
      if (!isLayer(layer)) continue;
      const match = layer.match(path);
      if (match === false) continue;
      if (layer.route !== undefined) {
        for (const method of layer.route._methods()) found.add(method);
        continue;
      }
      const nested = stackOf(layer.handle);
      if (nested !== undefined) visit(nested, path.slice(match.path.length) || '/');
    }
  };
  visit(stackOf(router) ?? [], path);
  return [...found];
}
