import { Layout, type PageContext } from '../layout.tsx';

/** The error page (400, 404, 405, 429, 500, 503) in the site's layout. */

const wording: Record<number, { title: string; lead: string }> = {
  400: {
    title: 'Requête invalide',
    lead: 'L’adresse demandée contient des paramètres que Repères ne comprend pas.',
  },
  401: {
    title: 'Connexion requise',
    lead: 'Cette page est réservée aux personnes connectées.',
  },
  403: {
    title: 'Accès refusé',
    lead: 'Vous n’avez pas accès à cette page ou à cette action.',
  },
  404: {
    title: 'Page non trouvée',
    lead: 'La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.',
  },
  405: {
    title: 'Méthode non acceptée',
    lead: 'Cette page ne peut qu’être consultée : Repères n’y accepte pas d’envoi de données.',
  },
  429: {
    title: 'Trop de requêtes',
    lead: 'Vous avez envoyé beaucoup de recherches en peu de temps : Repères les limite pour rester disponible pour tous.',
  },
  503: {
    title: 'Service momentanément indisponible',
    lead: 'Le moteur de recherche ne répond pas pour le moment.',
  },
  500: {
    title: 'Erreur inattendue',
    lead: 'Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.',
  },
};

export function errorWording(status: number): { title: string; lead: string } {
  return (
    wording[status] ??
    (status >= 500 ? wording[500] : wording[400]) ?? { title: 'Erreur', lead: '' }
  );
}

export function ErrorPage(props: { context: PageContext; status: number; message?: string }) {
  const { title, lead } = errorWording(props.status);
  return (
    <Layout context={props.context} title={title}>
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <h1>{title}</h1>
        <p class="fr-text--sm fr-mb-3w">Erreur {props.status}</p>
        <p class="fr-text--lead fr-mb-3w">{lead}</p>
        {props.message === undefined ? null : <p>{props.message}</p>}
        <p>
          {props.status === 404
            ? 'Si vous avez tapé l’adresse dans votre navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.'
            : 'Essayez de rafraîchir la page ou réessayez dans quelques instants.'}
        </p>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn" href="/">
              Page d’accueil
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/ressources">
              Toutes les ressources
            </a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
