import type { Resource } from '../../content/model.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { resourceUrl } from '../../content/ids.ts';
import { formatDate, topicLabel, typeLabel } from '../labels.ts';
import { internalHref } from '../urls.ts';

/** One resource in a list: type, title (link), summary, topics, promotion and date. */
export function ResourceItem(props: {
  resource: Resource;
  taxonomy: Taxonomy;
  headingLevel: 'h2' | 'h3';
}) {
  const { resource, taxonomy } = props;
  const Heading = props.headingLevel;
  const date = resource.date === undefined ? undefined : formatDate(resource.date);
  const details = [
    resource.promotion,
    resource.organisation,
    date === undefined ? undefined : `publié le ${date}`,
  ].filter((detail): detail is string => detail !== undefined);
  return (
    <li class="rp-item">
      <p class="rp-item__type">
        <span class="fr-badge fr-badge--sm fr-badge--blue-ecume">{typeLabel(resource.type)}</span>
      </p>
      <Heading class="rp-item__title">
        <a href={internalHref(resource.url, resourceUrl(resource.id))}>{resource.title}</a>
      </Heading>
      {resource.summary === undefined ? null : <p class="rp-item__summary">{resource.summary}</p>}
      {resource.topics.length === 0 && details.length === 0 ? null : (
        <p class="rp-item__meta">
          {[...resource.topics.map((slug) => topicLabel(taxonomy, slug)), ...details].join(' · ')}
        </p>
      )}
    </li>
  );
}
