import { footerLinks, siteName } from './site.ts';

/** The DSFR footer: brand, what the site is, the legal links and the display settings. */
export function SiteFooter({ state }: { state: boolean }) {
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
