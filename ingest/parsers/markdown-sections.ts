import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { markdownTree, treeHtml } from './markdown-processor.ts';
import type { ParsedSection, ParseWarning } from './types.ts';

/**
 * Cuts a Markdown body into sections, from the sanitised tree the page is rendered from:
 * one per heading h1–h4 wherever it is (h5 and h6 stay in the text of the section that
 * encloses them), plus an introduction for the text before the first heading. Anchors are
 * the ids rehype-slug put on the headings; text is what the page shows.
 */

/** What a Markdown body gives. */
export interface MarkdownContent {
  title: string;
  sections: ParsedSection[];
  /** The sanitised HTML of the page. */
  html: string;
  /** Abbreviation expansions found in the body. */
  keywords: string[];
  /** Targets (`href`) of the body's links, in order. */
  links: string[];
  /** Whether the body gives any section (text, or at least headings). */
  hasText: boolean;
  warnings: ParseWarning[];
}

export interface MarkdownContentOptions {
  /** Front matter title; else the first h1, else `fallbackTitle`. */
  title: string | undefined;
  fallbackTitle: string;
  /**
   * 1-based line of the file where the Markdown starts, so that warnings point into the
   * file; absent when the Markdown is not written as such in the file (a YAML value).
   */
  firstLine?: number;
}

/** Processes a Markdown body into its title, sections, HTML and keywords. */
export function markdownContent(
  markdown: string,
  options: MarkdownContentOptions,
): MarkdownContent {
  const file = new VFile(markdown);
  const tree = markdownTree(file);
  const title = options.title ?? firstH1(tree) ?? options.fallbackTitle;
  const sections = sectionsOf(tree, title);
  return {
    title,
    sections,
    html: treeHtml(tree),
    keywords: file.data.keywords ?? [],
    links: linksOf(tree),
    hasText: sections.length > 0,
    // In the order of the file, whichever plugin found them.
    warnings: [...file.messages].sort(compareMessages).map((message): ParseWarning => {
      const warning: ParseWarning = { reason: message.reason };
      // Plugins count lines from the start of the Markdown; the file has front matter before it.
      if (options.firstLine !== undefined && typeof message.line === 'number') {
        warning.line = message.line + options.firstLine - 1;
        if (typeof message.column === 'number') warning.column = message.column;
      }
      return warning;
    }),
  };
}

/** The `href` of every link of the tree. */
function linksOf(tree: Root): string[] {
  const links: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const href = node.tagName === 'a' ? node.properties['href'] : undefined;
    if (typeof href === 'string') links.push(href);
  });
  return links;
}

type Message = VFile['messages'][number];

function compareMessages(a: Message, b: Message): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Deepest heading level that starts a section. */
const sectionDepth = 4;

function headingDepth(node: Nodes): number | undefined {
  if (node.type !== 'element') return undefined;
  const match = /^h([1-6])$/.exec(node.tagName);
  return match === null ? undefined : Number(match[1]);
}

function startsSection(node: Nodes): node is Element {
  return (headingDepth(node) ?? Infinity) <= sectionDepth;
}

/** Text of a heading as one line. */
function headingText(node: Element): string {
  return toText(node).replace(/\s+/g, ' ').trim();
}

/** Text of the first h1, if any. */
function firstH1(tree: Root): string | undefined {
  let found: string | undefined;
  const walk = (nodes: (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      if (found !== undefined || node.type !== 'element') continue;
      if (node.tagName === 'h1') {
        const text = headingText(node);
        if (text !== '') found = text;
      } else walk(node.children);
    }
  };
  walk(tree.children);
  return found;
}

/**
 * Which section each leaf of the tree is in (0 for the introduction, n for the text after
 * the n-th section heading), and the range of sections each element spans.
 */
interface Numbering {
  headings: Element[];
  leaf: Map<Nodes, number>;
  span: Map<Nodes, [number, number]>;
}

function numberLeaves(tree: Root): Numbering {
  const numbering: Numbering = { headings: [], leaf: new Map(), span: new Map() };
  const walk = (node: Nodes): [number, number] | undefined => {
    if (startsSection(node)) {
      numbering.headings.push(node);
      return undefined;
    }
    if (!('children' in node) || node.children.length === 0) {
      const section = numbering.headings.length;
      numbering.leaf.set(node, section);
      return [section, section];
    }
    let span: [number, number] | undefined;
    for (const child of node.children) {
      const childSpan = walk(child);
      if (childSpan === undefined) continue;
      span =
        span === undefined
          ? childSpan
          : [Math.min(span[0], childSpan[0]), Math.max(span[1], childSpan[1])];
    }
    if (span !== undefined) numbering.span.set(node, span);
    return span;
  };
  walk(tree);
  return numbering;
}

/**
 * A copy of the tree holding only what belongs to one section (ancestors kept for layout),
 * shaped to read as text: an image reads as its alt text (as a screen reader says it),
 * table cells as "a | b", blocks apart by a blank line, footnote back-links not at all.
 */
function sectionTree(tree: Root, numbering: Numbering, section: number): Root {
  const copy = (node: Nodes): Nodes | undefined => {
    const leaf = numbering.leaf.get(node);
    if (leaf !== undefined) return leaf === section ? readable(node) : undefined;
    const span = numbering.span.get(node);
    if (span === undefined || section < span[0] || section > span[1] || !('children' in node)) {
      return undefined;
    }
    if (node.type === 'element' && node.properties['dataFootnoteBackref'] !== undefined) {
      return undefined;
    }
    let children = node.children
      .map((child) => copy(child))
      .filter((child): child is ElementContent => child !== undefined);
    if (children.length === 0) return undefined;
    if (node.type === 'element' && node.tagName === 'tr') children = rowCells(children);
    if (node.type === 'root' || (node.type === 'element' && flowContainers.has(node.tagName))) {
      children = children.map(asParagraph);
    }
    return { ...node, children };
  };
  return (copy(tree) as Root | undefined) ?? { type: 'root', children: [] };
}

/** Elements whose children are blocks, each one apart from the next by a blank line. */
const flowContainers = new Set(['div', 'section', 'blockquote', 'details', 'article', 'aside']);
/** Blocks hast-util-to-text separates by a single line break (it gives `<p>` two). */
const blocks = new Set(['ul', 'ol', 'dl', 'table', 'pre', 'blockquote', 'h5', 'h6', 'figure']);

function asParagraph(node: ElementContent): ElementContent {
  if (node.type !== 'element' || !blocks.has(node.tagName)) return node;
  return { type: 'element', tagName: 'p', properties: {}, children: [node] };
}

function readable(node: Nodes): Nodes {
  if (node.type !== 'element' || node.tagName !== 'img') return node;
  const alt = node.properties['alt'];
  return { type: 'text', value: typeof alt === 'string' ? alt : '' };
}

function rowCells(cells: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const cell of cells) {
    // Empty cells would read as "| |": only what a cell says is text.
    if (cell.type !== 'element' || toText(cell).trim() === '') continue;
    if (out.length > 0) out.push({ type: 'text', value: ' | ' });
    out.push({ ...cell, tagName: 'span' });
  }
  return out;
}

/**
 * Plain text of a tree: paragraphs apart by a blank line, spaces collapsed and lines
 * trimmed (hast-util-to-text collapses only within a text node), code as written.
 */
function plainText(tree: Root): string {
  const code: string[] = [];
  const withoutCode = replaceCode(tree, code) as Root;
  return toText(withoutCode)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\uE000(\d+)\uE000/g, (_token, index: string) => code[Number(index)] ?? '')
    .trim();
}

/** A copy of a tree whose `<pre>` blocks are tokens, their text kept aside in `code`. */
function replaceCode(node: Nodes, code: string[]): Nodes {
  if (node.type === 'element' && node.tagName === 'pre') {
    code.push(toText(node).replace(/\s+$/, ''));
    const token: ElementContent = { type: 'text', value: `\uE000${code.length - 1}\uE000` };
    return { ...node, children: [token] };
  }
  if (!('children' in node)) return node;
  return { ...node, children: node.children.map((child) => replaceCode(child, code)) } as Nodes;
}

interface Draft {
  heading: string;
  hierarchy: string[];
  anchor?: string;
  text: string;
}

/** Sections of a page in order; headings with no text of their own are left out. */
function sectionsOf(tree: Root, title: string): ParsedSection[] {
  const numbering = numberLeaves(tree);
  const chain: string[] = [];
  const drafts: Draft[] = [
    { heading: title, hierarchy: [title], text: plainText(sectionTree(tree, numbering, 0)) },
  ];
  numbering.headings.forEach((heading, index) => {
    const text = headingText(heading);
    const depth = headingDepth(heading) ?? sectionDepth;
    const sectionText = plainText(sectionTree(tree, numbering, index + 1));
    if (text === '') {
      // A heading without text starts no section: what follows it belongs to the one before.
      const previous = drafts.at(-1);
      if (previous !== undefined && sectionText !== '') {
        previous.text = previous.text === '' ? sectionText : `${previous.text}\n\n${sectionText}`;
      }
      return;
    }
    chain.length = depth - 1;
    chain[depth - 1] = text;
    const headings = chain.filter((entry) => entry !== undefined);
    // The title leads every hierarchy (like DocSearch's lvl0), once.
    const hierarchy = headings[0] === title ? headings : [title, ...headings];
    const id = heading.properties['id'];
    const draft: Draft = { heading: text, hierarchy, text: sectionText };
    if (typeof id === 'string' && id !== '') draft.anchor = id;
    drafts.push(draft);
  });
  const withText = drafts.filter((draft) => draft.text !== '');
  // A page of headings only still shows them, rather than nothing.
  const kept =
    withText.length > 0 ? withText : drafts.filter((draft) => draft.anchor !== undefined);
  return kept.map(toSection);
}

function toSection(draft: Draft): ParsedSection {
  const section: ParsedSection = {
    heading: draft.heading,
    hierarchy: draft.hierarchy,
    text: draft.text,
  };
  if (draft.anchor !== undefined) section.anchor = draft.anchor;
  return section;
}
