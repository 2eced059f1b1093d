import type { Element } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * The external links of a resource's stored page (the sanitised HTML the page shows), each
 * with the section it stands in: the anchor of the nearest heading (h1–h4, as sections
 * are cut) above it.
 */

/** Where one link stands. */
export interface LinkLocation {
  resourceId: string;
  /** The resource's title, for people. */
  title: string;
  /** The resource's page in the UI. */
  resourceUrl: string;
  /** Anchor (id) of the section's heading; absent before the first heading. */
  anchor?: string;
  /** That heading's text. */
  heading?: string;
}

/** The fields of a stored resource the links are read from. */
export interface LinkSource {
  id: string;
  title: string;
  url: string;
  html?: string;
}

const sectionHeadings = new Set(['h1', 'h2', 'h3', 'h4']);
const parser = unified().use(rehypeParse, { fragment: true });

/**
 * The external (http, https) links of a resource, in reading order, without their
 * fragment; one entry per address and section.
 */
export function externalLinksOf(resource: LinkSource): { url: string; location: LinkLocation }[] {
  if (resource.html === undefined || resource.html === '') return [];
  const tree = parser.parse(resource.html);
  const found: { url: string; location: LinkLocation }[] = [];
  const seen = new Set<string>();
  let anchor: string | undefined;
  let heading: string | undefined;
  visit(tree, 'element', (node: Element) => {
    if (sectionHeadings.has(node.tagName)) {
      const id = node.properties['id'];
      anchor = typeof id === 'string' ? id : undefined;
      heading = toText(node).trim();
      return;
    }
    const href = node.tagName === 'a' ? node.properties['href'] : undefined;
    if (typeof href !== 'string') return;
    const url = externalAddress(href);
    if (url === undefined) return;
    const key = `${url} ${anchor ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({
      url,
      location: {
        resourceId: resource.id,
        title: resource.title,
        resourceUrl: resource.url,
        ...(anchor === undefined ? {} : { anchor }),
        ...(heading === undefined ? {} : { heading }),
      },
    });
  });
  return found;
}

/** The address to check for an `href`: absolute http(s) only, fragment dropped. */
export function externalAddress(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}
