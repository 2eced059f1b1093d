import { dsfrAsset } from '../assets.ts';

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
export function DisplaySettings() {
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
