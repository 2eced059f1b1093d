import { createHash, createHmac } from 'node:crypto';
import { MeilisearchApiError, type Meilisearch } from 'meilisearch';

/**
 * The service searches with a key that can only read its own indexes; only ingestion holds
 * the master key. The key has a fixed uid per index prefix, and Meilisearch derives a
 * key's value from its uid and the master key (HMAC-SHA256), so every restart and every
 * replica computes the same key without asking, and registering it is idempotent.
 */

/** What the service does with Meilisearch: search, read documents, check an index exists. */
export const searchKeyActions = ['search', 'documents.get', 'indexes.get'];

/** The fixed uid of a prefix's search key (a UUID made from the prefix). */
export function searchKeyUid(indexPrefix: string): string {
  const hex = createHash('sha256').update(`reperes-search-key:${indexPrefix}`).digest('hex');
  // Version 5 and RFC 4122 variant bits, so that Meilisearch takes it as a UUID.
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The value Meilisearch gives the key of this uid under this master key. */
export function deriveSearchKey(masterKey: string, indexPrefix: string): string {
  return createHmac('sha256', masterKey).update(searchKeyUid(indexPrefix)).digest('hex');
}

/**
 * Registers the prefix's search key if Meilisearch does not know it yet (or knows it with
 * other rights), and returns its value.
 * @param master a client with the master key
 * @param indexPrefix the deployment's index prefix: the key reads `<prefix>-*` only
 */
export async function ensureSearchKey(master: Meilisearch, indexPrefix: string): Promise<string> {
  const uid = searchKeyUid(indexPrefix);
  const indexes = [`${indexPrefix}-*`];
  const existing = await master.getKey(uid).catch((error: unknown) => {
    if (apiErrorCode(error) === 'api_key_not_found') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    const same =
      [...existing.actions].sort().join() === [...searchKeyActions].sort().join() &&
      existing.indexes.join() === indexes.join() &&
      existing.expiresAt === null;
    if (same) return existing.key;
    // Rights of a key cannot change: replace it (same uid, hence same value).
    await master.deleteKey(uid);
  }
  try {
    const created = await master.createKey({
      uid,
      name: `reperes-search-${indexPrefix}`,
      description: `Repères : recherche seule sur les index ${indexPrefix}-* (créée par le service)`,
      actions: searchKeyActions,
      indexes,
      expiresAt: null,
    });
    return created.key;
  } catch (error) {
    // Another replica registered it at the same moment: it is the same key.
    if (apiErrorCode(error) === 'api_key_already_exists') return (await master.getKey(uid)).key;
    throw error;
  }
}

function apiErrorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}
