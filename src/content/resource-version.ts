import { createHash } from 'node:crypto';

/**
 * The version of a resource's source: the SHA-256 of its file, or, for a PDF that has a
 * metadata file beside it, a hash of both hashes (editing the metadata is a new version).
 * The same value is the resource's `ETag` and what `If-Match` names on a write.
 */
export function resourceVersion(sha256: string, metadataSha256?: string): string {
  if (metadataSha256 === undefined) return sha256;
  return createHash('sha256').update(`${sha256}:${metadataSha256}`).digest('hex');
}

/** SHA-256 of some bytes, in hex. */
export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
