import { CsrfField } from './csrf-field.tsx';

/**
 * « Cette page vous a-t-elle été utile ? » at the end of a resource page: a plain form
 * (POST /avis, then back to the page with its thanks) that page-feedback.js sends with a
 * beacon instead, the question then replaced by the thanks in the live region.
 */
export function PageFeedback(props: {
  /** The page's address (path and query): where the form comes back to. */
  page: string;
  /** Whether the answer was just given (`?avis=merci`, after the form's redirect). */
  thanked: boolean;
  csrfToken: string | undefined;
}) {
  return (
    <section
      class="rp-feedback fr-background-alt--grey fr-mt-6w fr-p-3w"
      id="avis"
      aria-labelledby="avis-titre"
    >
      <h2 class="fr-h6 fr-mb-1w" id="avis-titre">
        Cette page vous a-t-elle été utile&nbsp;?
      </h2>
      {/* Present from the start: a live region announces what is put in it, not itself. */}
      <p class="fr-mb-0" role="status" aria-live="polite" data-feedback-status>
        {props.thanked ? 'Merci pour votre retour.' : null}
      </p>
      {props.thanked ? null : (
        <form method="post" action="/avis" data-feedback-form>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="page" value={props.page} />
          <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mb-0">
            <li>
              <button class="fr-btn fr-btn--secondary" type="submit" name="reponse" value="oui">
                Oui
              </button>
            </li>
            <li>
              <button class="fr-btn fr-btn--secondary" type="submit" name="reponse" value="non">
                Non
              </button>
            </li>
          </ul>
          <p class="fr-hint-text fr-mb-0">
            Votre réponse est anonyme : seules la page et la réponse sont conservées.
          </p>
        </form>
      )}
    </section>
  );
}
