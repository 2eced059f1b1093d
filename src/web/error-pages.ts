import type { Request, RequestHandler, Response } from 'express';
import { h } from 'preact';
import { pageContext, type PageConfigDeps } from './page-context.ts';
import { ErrorPage } from './pages/error.tsx';
import { sendPage } from './render.ts';

/** Renders the error page; used by the app's last handlers for every non-API address. */
export function sendErrorPage(
  deps: PageConfigDeps,
  req: Request,
  res: Response,
  error: { status: number; message?: string },
): void {
  sendPage(
    res,
    h(ErrorPage, {
      context: pageContext(deps, req),
      status: error.status,
      ...(error.message === undefined ? {} : { message: error.message }),
    }),
    error.status,
  );
}

/** Unknown pages: a 404 page in the site's layout. */
export function webNotFound(deps: PageConfigDeps): RequestHandler {
  return (req, res) => {
    sendErrorPage(deps, req, res, { status: 404 });
  };
}
