import type { Request } from 'express';
import type { Config } from '../config.ts';
import type { PageContext } from './layout.tsx';

/** What every page router needs of the configuration: the layout's settings. */
export interface PageConfigDeps {
  config: Pick<Config, 'brand' | 'contactEmail' | 'hostingInfo'>;
}

/** The layout's view of a request: branding, contacts and the current path. */
export function pageContext(deps: PageConfigDeps, req: Request): PageContext {
  return {
    brand: deps.config.brand,
    path: req.path,
    contactEmail: deps.config.contactEmail,
    hostingInfo: deps.config.hostingInfo,
  };
}
