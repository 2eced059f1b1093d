import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Sends a page: JSX rendered to a string (text and attributes escaped by Preact). */
export function sendPage<Props>(res: Response, page: VNode<Props>, status = 200): void {
  res
    .status(status)
    .type('html')
    // Pages change with the index: the browser asks again, and gets a 304 when nothing changed.
    // A signed-in person's page (their name, their anti-forgery token) is theirs alone.
    .setHeader('Cache-Control', res.locals.user === undefined ? 'no-cache' : 'private, no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}
