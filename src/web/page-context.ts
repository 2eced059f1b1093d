import type { Request } from 'express';
import type { Config } from '../config.ts';
import type { PageContext } from './layout.tsx';

/** What every page router needs of the configuration: the layout's settings. */
export interface PageConfigDeps {
  config: Pick<Config, 'brand' | 'contactEmail' | 'hostingInfo'>;
}

/** The layout's view of a request: branding, contacts, the current path, who is signed in. */
export function pageContext(deps: PageConfigDeps, req: Request): PageContext {
  const locals = req.res?.locals;
  const user = locals?.user;
  return {
    brand: deps.config.brand,
    path: req.path,
    contactEmail: deps.config.contactEmail,
    hostingInfo: deps.config.hostingInfo,
    ...(locals?.signInAvailable === true ? { signIn: true } : {}),
    ...(locals?.indexing === undefined ? {} : { indexing: locals.indexing }),
    ...(user === undefined ? {} : { user, csrfToken: locals?.csrfToken?.() }),
  };
}
