import type { Resource } from '../../content/model.ts';
import type { Taxonomy } from '../../content/topics.ts';
import { ResourceItem } from './resource-item.tsx';

/** A list of resources, each with its h3 title. */
export function ResourceList(props: { resources: Resource[]; taxonomy: Taxonomy }) {
  return (
    <ul class="rp-items fr-raw-list">
      {props.resources.map((resource) => (
        <ResourceItem
          resource={resource}
          taxonomy={props.taxonomy}
          headingLevel="h3"
          key={resource.id}
        />
      ))}
    </ul>
  );
}
