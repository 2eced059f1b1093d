/** Addresses of the community pages. */

/** The page of a person of the community. */
export function personUrl(slug: string): string {
  return `/communaute/${encodeURIComponent(slug)}`;
}
