import type { Person } from '../../community/community-store.ts';
import type { PersonLinkKind } from '../../content/programme-fields.ts';
import { ExternalLink } from '../components/external-link.tsx';
import type { HitCards } from '../community/hit-cards.ts';
import { communityUrl, displayUrl, publicHref } from '../community/urls.ts';
import { Layout, type PageContext } from '../layout.tsx';

/**
 * /communaute/:slug: a member of the community as the programme's data gives them: name,
 * profile, promotions, défis and public professional links. Nothing else (no photo, no
 * social network): see the personal-data page.
 */

export const linkLabels: Record<PersonLinkKind, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  linkedin: 'LinkedIn',
  website: 'Site personnel',
};

export function PersonPage(props: {
  context: PageContext;
  person: Person;
  /** What the data says of each of their défis, by resource id. */
  cards?: HitCards;
}) {
  const { person } = props;
  const links = person.links.flatMap((link) => {
    const href = publicHref(link.url);
    return href === undefined ? [] : [{ kind: link.kind, href }];
  });
  return (
    <Layout
      context={props.context}
      title={person.name}
      description={`${person.name}, ${person.profile.toLowerCase()} de la communauté des Entrepreneurs d’intérêt général : promotions et défis.`}
    >
      <div class="fr-container fr-pt-4w fr-pb-8w">
        <p>
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/communaute">
            Toute la communauté
          </a>
        </p>
        <p class="fr-mb-1w">
          <span class="fr-badge fr-badge--purple-glycine">{person.profile}</span>
        </p>
        <h1>{person.name}</h1>
        <dl class="rp-meta">
          <div>
            <dt>Profil</dt>
            <dd>
              <a href={communityUrl({ profil: [person.profile] })}>{person.profile}</a>
            </dd>
          </div>
          {person.promotions.length === 0 ? null : (
            <div>
              <dt>{person.promotions.length === 1 ? 'Promotion' : 'Promotions'}</dt>
              <dd>
                <ul class="rp-inline-list">
                  {person.promotions.map((promotion) => (
                    <li key={promotion}>
                      <a href={communityUrl({ promotion: [promotion] })}>{promotion}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {person.years.length === 0 ? null : (
            <div>
              <dt>{person.years.length === 1 ? 'Année' : 'Années'}</dt>
              <dd>{person.years.join(', ')}</dd>
            </div>
          )}
        </dl>
        <div class="fr-grid-row fr-grid-row--gutters">
          <section class="fr-col-12 fr-col-md-8" id="defis" aria-labelledby="defis-titre">
            <h2 class="fr-h4" id="defis-titre">
              {person.defis.length > 1 ? 'Ses défis' : 'Son défi'}
            </h2>
            {person.defis.length === 0 ? (
              <p>Les données du programme ne lui associent aucun défi.</p>
            ) : (
              <ul class="fr-raw-list">
                {person.defis.map((defi) => {
                  const card = defi.id === undefined ? undefined : props.cards?.get(defi.id);
                  return (
                    <li class="rp-item" key={defi.id ?? defi.title}>
                      <h3 class="rp-item__title">
                        {defi.url === undefined ? defi.title : <a href={defi.url}>{defi.title}</a>}
                      </h3>
                      {card?.kind !== 'defi' ? null : (
                        <>
                          {card.description === undefined ? null : (
                            <p class="rp-item__summary">{card.description}</p>
                          )}
                          <p class="rp-item__meta">
                            {card.promotion} ({card.year}) · {card.administration}
                          </p>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {links.length === 0 ? null : (
            <section class="fr-col-12 fr-col-md-4" id="liens" aria-labelledby="liens-titre">
              <h2 class="fr-h4" id="liens-titre">
                Liens professionnels
              </h2>
              <ul class="fr-raw-list rp-person-links">
                {links.map(({ kind, href }) => (
                  <li key={href}>
                    <span class="rp-person-links__kind">{linkLabels[kind]}</span>
                    <ExternalLink
                      class="fr-link"
                      href={href}
                      label={`${linkLabels[kind]} de ${person.name} : ${displayUrl(href)}`}
                    >
                      {displayUrl(href)}
                    </ExternalLink>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </Layout>
  );
}
