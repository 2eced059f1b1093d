import type { Meilisearch } from 'meilisearch';
import type { IndexNames } from '../engine/indexes.ts';
import { sectionsOf } from '../index-lookup/index-lookup.ts';
import type { Defi } from './community-store.ts';
import { findDefiDocuments } from './defi-documents.ts';
import { findRelatedDefis } from './related-defis.ts';
import type { DefiExtras } from './router.ts';

/**
 * What a défi's detail adds to its data, for `/api/defis/:id` and the défi page: its
 * « défis proches » and its documents, both computed at read time from the index.
 */

export interface DefiExtrasDeps {
  meili: Meilisearch;
  indexes: IndexNames;
}

/**
 * The related défis and the documents of one défi, as the API presents them.
 * @param deps the engine and the index names
 * @param defi the défi, as the community store returns it
 */
export async function defiExtras(deps: DefiExtrasDeps, defi: Defi): ReturnType<DefiExtras> {
  const sections = await sectionsOf(deps, defi.id);
  const [related, documents] = await Promise.all([
    findRelatedDefis(
      deps,
      {
        id: defi.id,
        title: defi.title,
        topics: defi.topics,
        ...(defi.summary === undefined ? {} : { summary: defi.summary }),
        skills: defi.skills.map((skill) => skill.code),
      },
      sections,
    ),
    findDefiDocuments(deps, {
      id: defi.id,
      title: defi.title,
      key: defi.key,
      ...(defi.linkTo === undefined ? {} : { linkTo: defi.linkTo }),
    }),
  ]);
  return {
    related: related.map(({ id, title, url }) => ({ id, title, url })),
    documents: documents.map(({ id, title, type, url }) => ({ id, title, type, url })),
  };
}

/** `defiExtras` bound to its dependencies, for the community router. */
export function createDefiExtras(deps: DefiExtrasDeps): DefiExtras {
  return (defi) => defiExtras(deps, defi);
}
