import { CsrfField } from './csrf-field.tsx';

/** The confirmation of a removal, for a resource or a parcours: one form, two buttons. */
export function RetireForm(props: {
  action: string;
  csrfToken: string | undefined;
  version: string;
  cancelHref: string;
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="version" value={props.version} />
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button class="fr-btn" type="submit">
            Confirmer le retrait
          </button>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={props.cancelHref}>
            Annuler
          </a>
        </li>
      </ul>
    </form>
  );
}
