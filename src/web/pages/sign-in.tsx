import { CsrfField } from '../components/csrf-field.tsx';
import { Layout, type PageContext } from '../layout.tsx';

/** "Se connecter": the ProConnect button, or how to use the local link, or who is signed in. */

export interface SignInPageProps {
  context: PageContext;
  /** ProConnect is configured: its button starts the login. */
  oidc: boolean;
  /** The local one-time link exists (no OIDC, loopback only). */
  local: boolean;
  /** Where to come back to once signed in. */
  back: string;
  /** Why the last attempt failed. */
  error?: string;
}

export function SignInPage(props: SignInPageProps) {
  const { context } = props;
  const user = context.user;
  return (
    <Layout context={context} title="Se connecter">
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <div class="fr-grid-row fr-grid-row--center">
          <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
            <h1>Se connecter à Repères</h1>
            {props.error === undefined ? null : (
              <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
                <h2 class="fr-alert__title">La connexion a échoué</h2>
                <p>{props.error}</p>
              </div>
            )}
            {user === undefined ? (
              <SignInChoices {...props} />
            ) : (
              <>
                <p>
                  Vous êtes connecté·e en tant que <strong>{user.name}</strong> ({user.email}).
                </p>
                <form method="post" action="/deconnexion">
                  <CsrfField token={context.csrfToken} />
                  <button class="fr-btn fr-btn--secondary" type="submit">
                    Se déconnecter
                  </button>
                </form>
              </>
            )}
          </div>
        </div>
      </div>
    </Layout>
  );
}

function SignInChoices(props: SignInPageProps) {
  if (props.oidc) {
    return (
      <>
        <p>
          La publication de ressources est réservée à l’équipe de coordination du programme.
          Connectez-vous avec votre compte d’agent de l’État.
        </p>
        <div class="fr-connect-group">
          <a
            class="fr-connect"
            href={`/connexion/proconnect?retour=${encodeURIComponent(props.back)}`}
          >
            <span class="fr-connect__login">S’identifier avec</span>{' '}
            <span class="fr-connect__brand">ProConnect</span>
          </a>
          <p>
            <a
              href="https://www.proconnect.gouv.fr/"
              target="_blank"
              rel="noopener"
              title="Qu’est-ce que ProConnect ? - nouvelle fenêtre"
            >
              Qu’est-ce que ProConnect ?
            </a>
          </p>
        </div>
      </>
    );
  }
  if (props.local) {
    return (
      <p>
        Aucun fournisseur d’identité n’est configuré. Au démarrage, <code>npm start</code> affiche
        un lien de connexion à usage unique pour un compte de coordination local : ouvrez-le sur
        cette machine. Pour en obtenir un nouveau, redémarrez le service.
      </p>
    );
  }
  return (
    <p>
      La connexion n’est pas configurée sur ce serveur (OIDC_ISSUER). Les scripts peuvent utiliser
      un jeton d’API.
    </p>
  );
}
