import { CsrfField } from '../components/csrf-field.tsx';
import { navigation, siteName, tagline, type PageContext } from './site.ts';

/** The DSFR header: brand, service name, search bar (unless the page has its own), menu. */
export function SiteHeader({ context, search }: { context: PageContext; search: boolean }) {
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
            <div class="fr-header__tools">
              <AccountLinks context={context} />
              {search ? (
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
              ) : null}
            </div>
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

/** Who is signed in and "Se déconnecter", or "Se connecter"; the DSFR copies them into the menu on mobile. */
function AccountLinks({ context }: { context: PageContext }) {
  const { user } = context;
  if (user === undefined && context.signIn !== true) return null;
  return (
    <div class="fr-header__tools-links">
      <ul class="fr-btns-group">
        {user === undefined ? (
          <li>
            <a class="fr-btn fr-icon-lock-line" href="/connexion">
              Se connecter
            </a>
          </li>
        ) : (
          <>
            <li>
              <p class="fr-btn rp-signed-in" id="rp-utilisateur">
                {user.name}
              </p>
            </li>
            {user.coordinator ? (
              <li>
                <a class="fr-btn fr-icon-arrow-right-line" href="/coordination">
                  Espace coordination
                </a>
              </li>
            ) : null}
            <li>
              <form method="post" action="/deconnexion">
                <CsrfField token={context.csrfToken} />
                <button class="fr-btn fr-icon-logout-box-r-line" type="submit">
                  Se déconnecter
                </button>
              </form>
            </li>
          </>
        )}
      </ul>
    </div>
  );
}
