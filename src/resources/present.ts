import type { Resource, Section } from '../content/model.ts';
import { isArchived } from '../search/archive-order.ts';
import type { RelatedResource } from './related.ts';
import type {
  RelatedResourceResponse,
  ResourceResponse,
  SectionResponse,
} from './resource-response.ts';

/**
 * Presenters: the fields that go out, whitelisted; internal records never leave as they
 * are. Their return types come from the response schemas (resource-response.ts).
 */

/** A resource as the API shows it; `now` tells whether its archive date has passed. */
export function presentResource(resource: Resource, now: Date): ResourceResponse {
  return {
    id: resource.id,
    title: resource.title,
    type: resource.type,
    topics: resource.topics,
    ...(resource.promotion === undefined ? {} : { promotion: resource.promotion }),
    ...(resource.organisation === undefined ? {} : { organisation: resource.organisation }),
    ...(resource.summary === undefined ? {} : { summary: resource.summary }),
    ...(resource.author === undefined ? {} : { author: resource.author }),
    ...(resource.date === undefined ? {} : { date: resource.date }),
    ...(resource.owner === undefined ? {} : { owner: resource.owner }),
    ...(resource.reviewed === undefined ? {} : { reviewed: resource.reviewed }),
    ...(resource.fields === undefined ? {} : { fields: resource.fields }),
    archived: isArchived(resource.archivedAt, now),
    ...(resource.archive === undefined ? {} : { archive: resource.archive }),
    source: {
      path: resource.source.path,
      format: resource.source.format,
      bytes: resource.source.bytes,
      sha256: resource.source.sha256,
    },
    sectionCount: resource.sectionCount,
    ...(resource.pageCount === undefined ? {} : { pageCount: resource.pageCount }),
    updatedAt: resource.updatedAt,
    url: resource.url,
    fileUrl: `/api/resources/${encodeURIComponent(resource.id)}/file`,
    ...otherVersionsOf(resource),
  };
}

/** The versions of a resource's document other than itself, when it has several. */
export function otherVersionsOf(
  resource: Pick<Resource, 'id' | 'versions'>,
): Pick<ResourceResponse, 'otherVersions'> {
  // Records written before versions existed have none until they are ingested again.
  const versions: Resource['versions'] | undefined = resource.versions;
  const others = (versions ?? []).filter((version) => version.id !== resource.id);
  return others.length === 0
    ? {}
    : { otherVersions: others.map(({ id, title, url, path }) => ({ id, title, url, path })) };
}

export function presentSection(section: Section): SectionResponse {
  return {
    id: section.id,
    heading: section.heading,
    hierarchy: section.hierarchy,
    ...(section.anchor === undefined ? {} : { anchor: section.anchor }),
    ...(section.page === undefined ? {} : { page: section.page }),
    ...(section.ocr === true ? { ocr: true } : {}),
    chunk: section.chunk,
    position: section.position,
    url: section.url,
    text: section.text,
  };
}

export function presentRelated(related: RelatedResource): RelatedResourceResponse {
  return {
    id: related.id,
    title: related.title,
    type: related.type,
    topics: related.topics,
    url: related.url,
  };
}
