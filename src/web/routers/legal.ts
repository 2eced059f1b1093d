import { Router, type Request } from 'express';
import { h } from 'preact';
import type { Config } from '../../config.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { pageContext, type PageConfigDeps } from '../page-context.ts';
import { AccessibilityPage, LegalNoticePage, PrivacyPage, SiteMapPage } from '../pages/legal.tsx';
import { sendPage } from '../render.ts';

/** The static pages: accessibility, legal notice, personal data, site map. */
export function legalPagesRouter(
  deps: PageConfigDeps & {
    taxonomy: Taxonomy;
    config: Pick<Config, 'analyticsRetentionMonths'>;
  },
): Router {
  const router = Router();
  const context = (req: Request) => pageContext(deps, req);

  router.get('/accessibilite', (req, res) =>
    sendPage(res, h(AccessibilityPage, { context: context(req) })),
  );
  router.get('/mentions-legales', (req, res) =>
    sendPage(res, h(LegalNoticePage, { context: context(req) })),
  );
  router.get('/donnees-personnelles', (req, res) =>
    sendPage(
      res,
      h(PrivacyPage, {
        context: context(req),
        retentionMonths: deps.config.analyticsRetentionMonths,
      }),
    ),
  );
  router.get('/plan-du-site', (req, res) =>
    sendPage(res, h(SiteMapPage, { context: context(req), taxonomy: deps.taxonomy })),
  );

  return router;
}
