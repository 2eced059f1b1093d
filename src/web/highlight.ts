import type { Element, ElementContent, Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { fra as frenchStopWords } from 'stopword';
import { unified } from 'unified';
import { foldText } from '../text/fold-accents.ts';

/**
 * Marks the words of a search on a resource page, server-side, so that it works without
 * JavaScript. It never builds HTML from strings: text becomes JSX segments, and the
 * already sanitised resource HTML is parsed into a tree where only `<mark>` elements are
 * added around text nodes.
 */

const stopWords = new Set(frenchStopWords);
const wordPattern = /[\p{L}\p{N}]+/gu;

/** The words of a query worth marking: folded, no stop words, no single letters, at most 10. */
export function queryTerms(q: string): string[] {
  const words = (q.match(wordPattern) ?? [])
    .map(foldText)
    .filter((word) => word.length > 1 && !stopWords.has(word));
  return [...new Set(words)].slice(0, 10);
}

/** A word matches when it starts with a term (Meilisearch matches prefixes too). */
function matches(word: string, terms: string[]): boolean {
  const folded = foldText(word);
  return terms.some((term) => folded.startsWith(term));
}

export interface Segment {
  text: string;
  marked: boolean;
}

/** Text cut into marked and unmarked runs. */
export function markSegments(text: string, terms: string[]): Segment[] {
  if (terms.length === 0) return [{ text, marked: false }];
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(wordPattern)) {
    if (!matches(match[0], terms)) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), marked: false });
    segments.push({ text: match[0], marked: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), marked: false });
  return segments;
}

/** Whether a text holds one of the terms. */
export function containsTerms(text: string, terms: string[]): boolean {
  return terms.length > 0 && markSegments(text, terms).some((segment) => segment.marked);
}

const unmarkedElements = new Set(['script', 'style', 'textarea', 'mark']);

function markTree(children: (RootContent | ElementContent)[], terms: string[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type === 'text') {
      return markSegments(child.value, terms).map((segment) =>
        segment.marked
          ? {
              type: 'element',
              tagName: 'mark',
              properties: {},
              children: [{ type: 'text', value: segment.text }],
            }
          : { type: 'text', value: segment.text },
      );
    }
    if (child.type === 'element' && !unmarkedElements.has(child.tagName)) {
      child.children = markTree(child.children, terms);
    }
    return child.type === 'doctype' ? [] : [child];
  });
}

const headingLevels = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

function textOf(node: Element): string {
  return node.children
    .map((child) =>
      child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '',
    )
    .join('');
}

export interface PreparedBody {
  html: string;
  /** Id of the leading h1 that repeated the title and was removed: the page's h1 takes it. */
  titleId?: string;
  /**
   * Every heading of the shown body that has an id, in order, its depth its level: the
   * table of contents lists what is shown, including headings with no text of their own
   * (which start no searchable section).
   */
  headings: BodyHeading[];
}

/** A heading of a rendered body, for the table of contents. */
export interface BodyHeading {
  id: string;
  label: string;
  depth: number;
}

/**
 * Fits rendered Markdown under the page's own h1: a leading h1 that repeats the title is
 * removed (its id moves to the page title), remaining headings go one level down when the
 * body has h1s, and query terms are marked.
 */
export function prepareBodyHtml(
  html: string,
  options: { title: string; terms: string[] },
): PreparedBody {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  const result: PreparedBody = { html: '', headings: [] };
  const firstElement = tree.children.find((child) => child.type === 'element');
  if (
    firstElement?.tagName === 'h1' &&
    foldText(textOf(firstElement)).trim() === foldText(options.title).trim()
  ) {
    const id = firstElement.properties['id'];
    if (typeof id === 'string') result.titleId = id;
    tree.children = tree.children.filter((child) => child !== firstElement);
  }
  demoteHeadings(tree);
  result.headings = headingsOf(tree);
  if (options.terms.length > 0) tree.children = markTree(tree.children, options.terms);
  addCopyLinks(tree);
  result.html = unified().use(rehypeStringify).stringify(tree);
  return result;
}

function headingsOf(tree: Root): BodyHeading[] {
  const headings: BodyHeading[] = [];
  const walk = (nodes: (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      const level = headingLevels.indexOf(node.tagName);
      const id = node.properties['id'];
      if (level === -1) walk(node.children);
      else {
        const label = textOf(node).replace(/\s+/g, ' ').trim();
        if (typeof id === 'string' && id !== '' && label !== '') {
          headings.push({ id, label, depth: level + 1 });
        }
      }
    }
  };
  walk(tree.children);
  return headings;
}

function demoteHeadings(tree: Root): void {
  const elements: Element[] = [];
  const collect = (nodes: (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      elements.push(node);
      collect(node.children);
    }
  };
  collect(tree.children);
  if (!elements.some((element) => element.tagName === 'h1')) return;
  for (const element of elements) {
    const level = headingLevels.indexOf(element.tagName);
    if (level !== -1) element.tagName = headingLevels[Math.min(level + 1, 5)] ?? 'h6';
  }
}

/** The headings that get a « Copier le lien » link: sections people point others to. */
const linkedHeadings = new Set(['h2', 'h3']);

/**
 * After each h2 and h3 with an id, a « Copier le lien » link to its anchor: a plain
 * `#anchor` link without JavaScript, which copy-link.js turns into a copy of the full
 * address. Outside the heading, so that the heading's text (and name) stays its own.
 */
function addCopyLinks(parent: Root | Element): void {
  // Backwards, so that inserting after a heading does not shift what is still to visit.
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const child = parent.children[i];
    if (child?.type !== 'element') continue;
    const id = child.properties['id'];
    if (linkedHeadings.has(child.tagName) && typeof id === 'string' && id !== '') {
      parent.children.splice(i + 1, 0, copyLinkElement(id, textOf(child)));
    } else {
      addCopyLinks(child);
    }
  }
}

/** Same markup as the CopyLink component (components/copy-link.tsx). */
function copyLinkElement(id: string, heading: string): Element {
  return {
    type: 'element',
    tagName: 'p',
    properties: { className: ['rp-copy-link'] },
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: {
          className: ['fr-link', 'fr-link--sm'],
          href: `#${id}`,
          dataCopyLink: '',
        },
        children: [
          { type: 'text', value: 'Copier le lien' },
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['fr-sr-only'] },
            children: [{ type: 'text', value: ` vers la section « ${heading.trim()} »` }],
          },
        ],
      },
    ],
  };
}
