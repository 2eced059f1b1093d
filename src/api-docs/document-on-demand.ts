import type { Taxonomy } from '../content/topics.ts';
import type { buildOpenApiDocument } from './openapi.ts';

type Document = ReturnType<typeof buildOpenApiDocument>;

/** Per taxonomy and public address: the JSON route and the reference page share one build. */
const built = new WeakMap<Taxonomy, Map<string, Promise<Document>>>();

/**
 * The OpenAPI document, built on its first request rather than at start-up: the generator
 * and the registry took a tenth of the service's time to ready (profiled), for two routes
 * few people open.
 */
export function openApiDocumentOnDemand(
  taxonomy: Taxonomy,
  serverUrl: string | undefined,
): Promise<Document> {
  const byUrl = built.get(taxonomy) ?? new Map<string, Promise<Document>>();
  built.set(taxonomy, byUrl);
  const key = serverUrl ?? '';
  let document = byUrl.get(key);
  if (document === undefined) {
    document = import('./openapi.ts').then((module) =>
      module.buildOpenApiDocument(taxonomy, serverUrl),
    );
    // A failed build is tried again on the next request, not kept.
    document.catch(() => byUrl.delete(key));
    byUrl.set(key, document);
  }
  return document;
}
