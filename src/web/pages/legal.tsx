import type { ComponentChildren } from 'preact';
import type { Taxonomy } from '../../content/topics.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { searchUrl } from '../urls.ts';

/** The pages every public service owes: accessibility, legal notice, personal data, site map. */

function LegalLayout(props: { context: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout context={props.context} title={props.title}>
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <div class="fr-grid-row">
          <div class="fr-col-12 fr-col-lg-9 rp-legal">
            <h1>{props.title}</h1>
            {props.children}
          </div>
        </div>
      </div>
    </Layout>
  );
}

function External({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener" title={`${children} - nouvelle fenêtre`}>
      {children}
    </a>
  );
}

const statementDate = '25 novembre 2026';

export function AccessibilityPage({ context }: { context: PageContext }) {
  return (
    <LegalLayout context={context} title="Déclaration d’accessibilité">
      <p>
        La direction interministérielle du numérique (DINUM) s’engage à rendre ses services
        numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février
        2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique au service Repères.</p>

      <h2>État de conformité</h2>
      <p>
        Repères est <strong>non conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1 : le service n’a pas encore fait l’objet d’un audit de
        conformité. Tant qu’aucun audit n’a mesuré son taux de conformité, il ne peut pas être
        déclaré partiellement ou totalement conforme.
      </p>

      <h2>Ce qui a déjà été fait</h2>
      <ul>
        <li>
          les pages utilisent le système de design de l’État (DSFR) : contrastes, focus visible,
          liens d’évitement, menus utilisables au clavier ;
        </li>
        <li>
          chaque page a un titre unique, un seul titre de niveau 1 et des zones (en-tête, contenu,
          pied de page) balisées ;
        </li>
        <li>
          les pages principales (accueil, résultats, ressource, défi, communauté, pages légales)
          sont vérifiées automatiquement avec l’outil axe-core à chaque modification du code ;
        </li>
        <li>
          la recherche fonctionne sans JavaScript ; avec JavaScript, le nombre de résultats mis à
          jour pendant la saisie est annoncé aux lecteurs d’écran.
        </li>
      </ul>
      <p>
        Les tests automatiques ne couvrent qu’une partie des critères du RGAA : ils ne remplacent
        pas un audit.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités connues</h3>
      <ul>
        <li>
          les documents PDF d’origine ne sont pas garantis accessibles (balisage, ordre de lecture)
          ; leur texte est restitué page par page sur la page de chaque ressource ;
        </li>
        <li>
          le contenu des guides provient de fichiers rédigés par des contributeurs : la hiérarchie
          des titres, les alternatives des images et l’intitulé des liens dépendent de ces fichiers
          ;
        </li>
        <li>
          les tableaux des guides n’ont pas toujours d’en-têtes de ligne ou de colonne explicites.
        </li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Aucun.</p>

      <h2>Établissement de cette déclaration</h2>
      <p>
        Cette déclaration a été établie le {statementDate}. Elle ne repose sur aucun audit ; elle
        sera mise à jour après le premier audit de conformité.
      </p>
      <h3>Technologies utilisées</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (facultatif)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>Navigateur Chromium, avec l’outil axe-core, aux largeurs d’écran ordinateur et mobile.</p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l’équipe
        qui opère Repères (coordonnées dans les <a href="/mentions-legales">mentions légales</a>)
        pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre
        forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à
        un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le
        Défenseur des droits :
      </p>
      <ul>
        <li>
          par le{' '}
          <External href="https://formulaire.defenseurdesdroits.fr/">
            formulaire en ligne du Défenseur des droits
          </External>{' '}
          ;
        </li>
        <li>
          en contactant{' '}
          <External href="https://www.defenseurdesdroits.fr/saisir/delegues">
            le délégué du Défenseur des droits de votre région
          </External>{' '}
          ;
        </li>
        <li>
          par courrier, gratuit et sans timbre : Défenseur des droits, Libre réponse 71120, 75342
          Paris CEDEX 07.
        </li>
      </ul>
    </LegalLayout>
  );
}

export function LegalNoticePage({ context }: { context: PageContext }) {
  const unset = context.contactEmail === undefined || context.hostingInfo === undefined;
  // Production refuses to start without them (checkServiceConfig): only a development
  // instance gets here. Coordinators learn which variable to set; visitors learn that
  // this is not the public service, rather than read a placeholder.
  const coordinator = context.user?.coordinator === true;
  const missing = (what: string, variable: string) =>
    coordinator
      ? `${what} : à renseigner par le déploiement (${variable}).`
      : 'Non renseigné sur cette instance de développement.';
  return (
    <LegalLayout context={context} title="Mentions légales">
      {unset && !coordinator && (
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-4w">
          <p>
            Instance de développement : ce site n’est pas le service Repères en production. Les
            coordonnées de l’équipe et de l’hébergeur n’y sont pas renseignées.
          </p>
        </div>
      )}
      <h2>Éditeur</h2>
      <p>
        Direction interministérielle du numérique (DINUM), programme Entrepreneurs d’intérêt général
        <br />
        20 avenue de Ségur, 75007 Paris
      </p>
      <h2>Directeur de la publication</h2>
      <p>Le directeur interministériel du numérique.</p>
      <h2>Contact</h2>
      <p>
        {context.contactEmail === undefined ? (
          missing('Adresse de l’équipe qui opère le service', 'CONTACT_EMAIL')
        ) : (
          <a href={`mailto:${context.contactEmail}`}>{context.contactEmail}</a>
        )}
      </p>
      <h2>Hébergement</h2>
      <p>
        {context.hostingInfo ?? missing('Nom, adresse et contact de l’hébergeur', 'HOSTING_INFO')}
      </p>
      <h2>Licences</h2>
      <p>
        Sauf mention contraire, les contenus sont publiés sous{' '}
        <External href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">
          Licence Ouverte 2.0
        </External>
        . Le code source du service est publié sous licence MIT.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Voir la <a href="/accessibilite">déclaration d’accessibilité</a>.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Voir la page <a href="/donnees-personnelles">données personnelles</a>.
      </p>
    </LegalLayout>
  );
}

export function PrivacyPage({
  context,
  retentionMonths,
}: {
  context: PageContext;
  /** ANALYTICS_RETENTION_MONTHS. */
  retentionMonths: number;
}) {
  return (
    <LegalLayout context={context} title="Données personnelles">
      <h2>Ce que Repères conserve</h2>
      <p>
        Pour améliorer les contenus, chaque recherche est inscrite dans un journal, sous une forme
        réduite :
      </p>
      <ul>
        <li>
          les mots recherchés, normalisés (en minuscules, les adresses électroniques et les longs
          numéros remplacés par une mention générique) ;
        </li>
        <li>les filtres choisis (thématique, type, promotion) ;</li>
        <li>le nombre de résultats, le numéro de page et la durée de la recherche ;</li>
        <li>la date et l’heure ;</li>
        <li>
          quand vous suivez un résultat : son rang et son adresse, reliés à la recherche par un
          numéro tiré au hasard pour elle seule.
        </li>
        <li>
          quand vous répondez à « Cette page vous a-t-elle été utile ? » : l’adresse de la page,
          votre réponse (oui ou non), la date et l’heure.
        </li>
      </ul>
      <p>
        Ces journaux ne contiennent <strong>ni adresse IP, ni identifiant, ni cookie</strong>, ni
        information sur votre navigateur. Leur taille est limitée : les entrées les plus anciennes
        en sont supprimées au fil de l’eau, et aucune entrée (recherche, clic ou avis) n’est gardée
        plus de {retentionMonths} mois.
      </p>
      <h2>Les personnes de la communauté</h2>
      <p>
        Les pages <a href="/communaute">Communauté</a> et les pages des défis nomment les
        entrepreneurs d’intérêt général, leurs mentors et l’équipe du programme. Pour chaque
        personne, Repères montre seulement :
      </p>
      <ul>
        <li>
          son nom et son profil (développeur ou développeuse, designer, data scientist, mentor…) ;
        </li>
        <li>ses promotions et les années où elle y a participé ;</li>
        <li>les défis auxquels elle a pris part ;</li>
        <li>
          ses liens professionnels publics quand elle en a donné : GitHub, GitLab, site personnel,
          LinkedIn.
        </li>
      </ul>
      <p>
        Ni photo, ni adresse, ni compte de réseau social autre que ceux-là. Ces informations
        viennent des données publiques du programme Entrepreneurs d’intérêt général, publiées par
        Etalab et la DINUM sous{' '}
        <External href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">
          Licence Ouverte 2.0
        </External>
        .
      </p>
      <p>
        Toute personne peut demander à ne plus y figurer, sans avoir à se justifier : écrivez à{' '}
        {context.contactEmail === undefined ? (
          <>
            l’équipe qui opère le service (coordonnées dans les{' '}
            <a href="/mentions-legales">mentions légales</a>)
          </>
        ) : (
          <a href={`mailto:${context.contactEmail}`}>{context.contactEmail}</a>
        )}{' '}
        en indiquant votre nom. Il est alors inscrit sur la liste des retraits du service : à la
        mise à jour suivante de l’index, votre page, votre nom dans les équipes des défis et dans
        les résultats de recherche disparaissent.
      </p>
      <h2>Cookies et stockage local</h2>
      <p>
        Repères ne dépose aucun cookie et n’utilise aucun outil de mesure d’audience. Si vous
        choisissez un thème d’affichage (clair ou sombre), ce choix est gardé dans votre navigateur
        (stockage local) et n’est jamais transmis.
      </p>
      <h2>Responsable du traitement et base légale</h2>
      <p>
        Le responsable du traitement est la direction interministérielle du numérique (DINUM). Le
        journal des recherches sert à l’amélioration du service public ; il relève de l’exécution
        d’une mission d’intérêt public (article 6.1.e du RGPD). Montrer qui a travaillé sur quel
        défi relève de la même mission : relier les projets entre eux et dire à qui s’adresser.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et
        d’opposition sur les données qui vous concernent. Le journal ne permettant pas de relier une
        recherche à une personne, une demande ne pourra aboutir que si vous indiquez les mots
        exacts, la date et l’heure d’une recherche. Pour exercer ces droits, écrivez à l’équipe qui
        opère le service (coordonnées dans les <a href="/mentions-legales">mentions légales</a>).
      </p>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous
        pouvez adresser une réclamation à la{' '}
        <External href="https://www.cnil.fr/fr/plaintes">
          Commission nationale de l’informatique et des libertés (CNIL)
        </External>{' '}
        ou lui écrire : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.
      </p>
    </LegalLayout>
  );
}

export function SiteMapPage({ context, taxonomy }: { context: PageContext; taxonomy: Taxonomy }) {
  return (
    <LegalLayout context={context} title="Plan du site">
      <ul>
        <li>
          <a href="/">Accueil</a>
        </li>
        <li>
          <a href="/recherche">Recherche</a>
        </li>
        <li>
          <a href="/parcours">Parcours de lecture</a>
        </li>
        <li>
          <a href="/communaute">Communauté</a>
        </li>
        <li>
          <a href="/ressources">Toutes les ressources</a>
          <ul>
            {taxonomy.topics.map((topic) => (
              <li key={topic.slug}>
                <a href={searchUrl({ topic: [topic.slug] })}>{topic.label}</a>
              </li>
            ))}
          </ul>
        </li>
        <li>
          <a href="/api/docs">Documentation de l’API</a>
        </li>
        <li>
          <a href="/accessibilite">Déclaration d’accessibilité</a>
        </li>
        <li>
          <a href="/mentions-legales">Mentions légales</a>
        </li>
        <li>
          <a href="/donnees-personnelles">Données personnelles</a>
        </li>
      </ul>
    </LegalLayout>
  );
}
