import type { DefiFields } from '../../content/programme-fields.ts';
import { findDefiDocuments } from '../../community/defi-documents.ts';
import { findRelatedDefis } from '../../community/related-defis.ts';
import type { Section } from '../../content/model.ts';
import type { RelatedDeps } from '../../resources/related.ts';
import type { StoredResource } from '../../index-lookup/index-lookup.ts';
import type { DefiLinkView } from '../components/defi-facts.tsx';
import { typeLabel } from '../labels.ts';
import { hitCards } from './hit-cards.ts';

/**
 * A défi page's links to other resources: its documents (PDFs and posts that name it) and
 * the défis close to it, each with its promotion and administration.
 */
export async function defiLinks(
  deps: RelatedDeps,
  resource: StoredResource,
  defi: DefiFields,
  sections: readonly Section[],
): Promise<{ documents: DefiLinkView[]; related: DefiLinkView[] }> {
  const [documents, related] = await Promise.all([
    findDefiDocuments(deps, {
      id: resource.id,
      title: resource.title,
      key: defi.key,
      ...(defi.linkTo === undefined ? {} : { linkTo: defi.linkTo }),
    }),
    findRelatedDefis(deps, resource, sections),
  ]);
  const cards = await hitCards(
    deps,
    related.map((item) => ({ type: item.type, resourceId: item.id })),
  );
  return {
    documents: documents.map((document) => ({
      id: document.id,
      title: document.title,
      url: document.url,
      kind: typeLabel(document.type),
    })),
    related: related.map((item) => {
      const card = cards.get(item.id);
      return {
        id: item.id,
        title: item.title,
        url: item.url,
        ...(card?.kind === 'defi'
          ? {
              promotion: `${card.promotion} (${card.year})`,
              organisation: card.administration,
              ...(card.description === undefined ? {} : { description: card.description }),
            }
          : {}),
      };
    }),
  };
}
