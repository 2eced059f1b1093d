/** The DSFR skip links: content, menu, search (when the header has it), footer. */
export function SkipLinks({ search }: { search: boolean }) {
  return (
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
          {search ? (
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
  );
}
