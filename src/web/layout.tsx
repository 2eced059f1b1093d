import type { ComponentChildren } from 'preact';
import type { Config } from '../config.ts';
import { dsfrAsset, staticAsset } from './assets.ts';

/** The frame of every page: head, skip links, DSFR header and footer, scripts. */

export const siteName = 'Repères';
const tagline = 'Les bonnes pratiques des Entrepreneurs d’intérêt général';

/** What the layout needs to know about the request and the deployment. */
export interface PageContext {
  brand: Config['brand'];
  contactEmail: string | undefined;
  hostingInfo: string | undefined;
  /** Path of the current page, to mark the current navigation link. */
  path: string;
}

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

const navigation = [
  { href: '/', label: 'Accueil' },
  { href: '/ressources', label: 'Toutes les ressources' },
  { href: '/plan-du-site', label: 'Plan du site' },
];

const footerLinks = [
  { href: '/plan-du-site', label: 'Plan du site' },
  { href: '/accessibilite', label: 'Accessibilité : non conforme' },
  { href: '/mentions-legales', label: 'Mentions légales' },
  { href: '/donnees-personnelles', label: 'Données personnelles' },
];

export function Layout(props: LayoutProps) {
  const { context } = props;
  const state = context.brand === 'etat';
  const headerSearch = props.headerSearch ?? true;
  return (
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no" />
        <title>{`${props.title} – ${siteName}`}</title>
        {props.description === undefined ? null : (
          <meta name="description" content={props.description} />
        )}
        <meta name="theme-color" content="#000091" />
        {/* Before the styles: the saved colour scheme applies before the first paint. */}
        <script src={staticAsset('colour-scheme.js')} />
        <link rel="stylesheet" href={dsfrAsset('dsfr.min.css')} />
        <link
          rel="stylesheet"
          href={dsfrAsset('utility/icons/icons-system/icons-system.min.css')}
        />
        <link
          rel="stylesheet"
          href={dsfrAsset('utility/icons/icons-arrows/icons-arrows.min.css')}
        />
        <link
          rel="stylesheet"
          href={dsfrAsset('utility/icons/icons-document/icons-document.min.css')}
        />
        <link rel="stylesheet" href={staticAsset('site.css')} />
        {state ? (
          <>
            <link rel="apple-touch-icon" href={dsfrAsset('favicon/apple-touch-icon.png')} />
            <link rel="icon" href={dsfrAsset('favicon/favicon.svg')} type="image/svg+xml" />
            <link rel="shortcut icon" href={dsfrAsset('favicon/favicon.ico')} type="image/x-icon" />
          </>
        ) : (
          <link rel="icon" href={staticAsset('favicon-neutre.svg')} type="image/svg+xml" />
        )}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              <li>
                <a class="fr-link" href="#navigation-principale">
                  Menu
                </a>
              </li>
              {headerSearch ? (
                <li>
                  <a class="fr-link" href="#recherche-entete">
                    Recherche
                  </a>
                </li>
              ) : null}
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header context={context} search={headerSearch} />
        <main id="contenu" role="main" tabIndex={-1}>
          {props.children}
        </main>
        <Footer state={state} />
        <DisplaySettings />
        <script type="module" src={dsfrAsset('dsfr.module.min.js')} />
        <script noModule src={dsfrAsset('dsfr.nomodule.min.js')} />
        {(props.scripts ?? []).map((file) => (
          <script type="module" src={staticAsset(file)} key={file} />
        ))}
      </body>
    </html>
  );
}

function Header({ context, search }: { context: PageContext; search: boolean }) {
  const state = context.brand === 'etat';
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                {state ? (
                  <div class="fr-header__logo">
                    <p class="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                ) : null}
                <div class="fr-header__navbar">
                  {search ? (
                    <button
                      class="fr-btn--search fr-btn"
                      data-fr-opened="false"
                      aria-controls="modal-recherche"
                      title="Rechercher"
                      type="button"
                      id="bouton-recherche"
                    >
                      Rechercher
                    </button>
                  ) : null}
                  <button
                    class="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="modal-menu"
                    title="Menu"
                    type="button"
                    id="bouton-menu"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a
                  href="/"
                  title={`Accueil - ${siteName}${state ? ' - République Française' : ''}`}
                >
                  <p class="fr-header__service-title">{siteName}</p>
                </a>
                <p class="fr-header__service-tagline">{tagline}</p>
              </div>
            </div>
            {search ? (
              <div class="fr-header__tools">
                <div
                  class="fr-header__search fr-modal"
                  id="modal-recherche"
                  aria-labelledby="bouton-recherche"
                >
                  <div class="fr-container fr-container-lg--fluid">
                    <button
                      class="fr-btn--close fr-btn"
                      aria-controls="modal-recherche"
                      title="Fermer"
                      type="button"
                    >
                      Fermer
                    </button>
                    <form
                      class="fr-search-bar"
                      id="recherche-entete"
                      role="search"
                      action="/recherche"
                      method="get"
                    >
                      <label class="fr-label" for="recherche-entete-q">
                        Rechercher dans Repères
                      </label>
                      <input
                        class="fr-input"
                        placeholder="Rechercher"
                        id="recherche-entete-q"
                        name="q"
                        type="search"
                        maxLength={200}
                      />
                      <button class="fr-btn" title="Rechercher" type="submit">
                        Rechercher
                      </button>
                    </form>
                  </div>
                </div>
              </div>
            ) : null}
          </div>
        </div>
      </div>
      <div class="fr-header__menu fr-modal" id="modal-menu" aria-labelledby="bouton-menu">
        <div class="fr-container">
          <button
            class="fr-btn--close fr-btn"
            aria-controls="modal-menu"
            title="Fermer"
            type="button"
          >
            Fermer
          </button>
          <div class="fr-header__menu-links" />
          <nav
            class="fr-nav"
            id="navigation-principale"
            role="navigation"
            aria-label="Menu principal"
          >
            <ul class="fr-nav__list">
              {navigation.map((item) => (
                <li class="fr-nav__item" key={item.href}>
                  <a
                    class="fr-nav__link"
                    href={item.href}
                    {...(isCurrent(item.href, context.path)
                      ? { 'aria-current': 'page' as const }
                      : {})}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

function Footer({ state }: { state: boolean }) {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          {state ? (
            <div class="fr-footer__brand fr-enlarge-link">
              <a href="/" title={`Retour à l’accueil du site - ${siteName} - République Française`}>
                <p class="fr-logo">
                  République
                  <br />
                  Française
                </p>
              </a>
            </div>
          ) : null}
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              {siteName} rassemble les guides, les fiches et la documentation des défis du programme
              Entrepreneurs d’intérêt général, porté par la direction interministérielle du
              numérique (DINUM). Chaque recherche mène au passage ou à la page qui répond.
            </p>
            <ul class="fr-footer__content-list">
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="/ressources">
                  Toutes les ressources
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="/api/docs">
                  API publique
                </a>
              </li>
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            {footerLinks.map((link) => (
              <li class="fr-footer__bottom-item" key={link.href}>
                <a class="fr-footer__bottom-link" href={link.href}>
                  {link.label}
                </a>
              </li>
            ))}
            <li class="fr-footer__bottom-item rp-needs-js">
              <button
                class="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left"
                aria-controls="fr-theme-modal"
                data-fr-opened="false"
                type="button"
              >
                Paramètres d’affichage
              </button>
            </li>
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>
              Sauf mention contraire, les contenus de ce site sont proposés sous{' '}
              <a
                href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
                target="_blank"
                rel="noopener"
                title="Licence Ouverte 2.0 - nouvelle fenêtre"
              >
                Licence Ouverte 2.0
              </a>
              .
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

const themes = [
  { value: 'light', label: 'Thème clair', artwork: 'environment/sun.svg' },
  { value: 'dark', label: 'Thème sombre', artwork: 'environment/moon.svg' },
  {
    value: 'system',
    label: 'Système',
    hint: 'Utilise les paramètres système',
    artwork: 'system/system.svg',
  },
];

/** The DSFR's display settings dialog (light, dark, system), driven by the DSFR script. */
function DisplaySettings() {
  return (
    <dialog id="fr-theme-modal" class="fr-modal" aria-labelledby="fr-theme-modal-title">
      <div class="fr-container fr-container--fluid fr-container-md">
        <div class="fr-grid-row fr-grid-row--center">
          <div class="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div class="fr-modal__body">
              <div class="fr-modal__header">
                <button
                  class="fr-btn--close fr-btn"
                  aria-controls="fr-theme-modal"
                  title="Fermer"
                  type="button"
                >
                  Fermer
                </button>
              </div>
              <div class="fr-modal__content">
                <h2 id="fr-theme-modal-title" class="fr-modal__title">
                  Paramètres d’affichage
                </h2>
                <div id="fr-display" class="fr-display">
                  <fieldset class="fr-fieldset" id="display-fieldset">
                    <legend
                      class="fr-fieldset__legend--regular fr-fieldset__legend"
                      id="display-fieldset-legend"
                    >
                      Choisissez un thème pour personnaliser l’apparence du site.
                    </legend>
                    {themes.map((theme) => (
                      <div class="fr-fieldset__element" key={theme.value}>
                        <div class="fr-radio-group fr-radio-rich">
                          <input
                            value={theme.value}
                            type="radio"
                            id={`fr-radios-theme-${theme.value}`}
                            name="fr-radios-theme"
                          />
                          <label class="fr-label" for={`fr-radios-theme-${theme.value}`}>
                            {theme.label}
                            {theme.hint === undefined ? null : (
                              <span class="fr-hint-text">{theme.hint}</span>
                            )}
                          </label>
                          <div class="fr-radio-rich__pictogram">
                            <svg
                              aria-hidden="true"
                              class="fr-artwork"
                              viewBox="0 0 80 80"
                              width="80px"
                              height="80px"
                            >
                              {['decorative', 'minor', 'major'].map((part) => (
                                <use
                                  key={part}
                                  class={`fr-artwork-${part}`}
                                  href={`${dsfrAsset(`artwork/pictograms/${theme.artwork}`)}#artwork-${part}`}
                                />
                              ))}
                            </svg>
                          </div>
                        </div>
                      </div>
                    ))}
                  </fieldset>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}
