import type { ComponentChildren } from 'preact';
import { dsfrAsset, staticAsset } from './assets.ts';
import { DisplaySettings } from './layout/display-settings.tsx';
import { IndexingNotice } from './layout/indexing-notice.tsx';
import { PageHead } from './layout/page-head.tsx';
import type { PageContext } from './layout/site.ts';
import { SiteFooter } from './layout/site-footer.tsx';
import { SiteHeader } from './layout/site-header.tsx';
import { SkipLinks } from './layout/skip-links.tsx';

/** The frame of every page: head, skip links, DSFR header and footer, scripts. */

export { siteName, type PageContext } from './layout/site.ts';

export interface LayoutProps {
  context: PageContext;
  /** The page's own title; " – Repères" is added. */
  title: string;
  description?: string;
  /** False on pages whose content already holds the search form. */
  headerSearch?: boolean;
  /** Our scripts this page needs, from src/web/static. */
  scripts?: string[];
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { context } = props;
  const state = context.brand === 'etat';
  const headerSearch = props.headerSearch ?? true;
  return (
    <html lang="fr" data-fr-scheme="system">
      <PageHead title={props.title} description={props.description} state={state} />
      <body>
        <SkipLinks search={headerSearch} />
        <SiteHeader context={context} search={headerSearch} />
        <main id="contenu" role="main" tabIndex={-1}>
          {context.indexing === undefined ? null : <IndexingNotice progress={context.indexing} />}
          {props.children}
        </main>
        <SiteFooter state={state} />
        <DisplaySettings />
        <script type="module" src={dsfrAsset('dsfr.module.min.js')} />
        <script noModule src={dsfrAsset('dsfr.nomodule.min.js')} />
        <script type="module" src={staticAsset('search-shortcut.js')} />
        {(props.scripts ?? []).map((file) => (
          <script type="module" src={staticAsset(file)} key={file} />
        ))}
      </body>
    </html>
  );
}
