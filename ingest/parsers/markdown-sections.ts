import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { cleanMarkdown } from './clean-markdown.ts';
import { blockText, headingSlugText, headingText } from './mdast-text.ts';
import type { ParsedSection } from './types.ts';

/**
 * Cuts a Markdown body into sections: one per heading h1–h4 (h5 and h6 stay in the text
 * of the section that encloses them), plus an introduction for the text before the
 * first heading. Anchors are the ids rehype-slug gives the rendered headings.
 */

/** What a cleaned and cut Markdown body gives. */
export interface MarkdownContent {
  title: string;
  sections: ParsedSection[];
  /** The cleaned Markdown, to render as the resource page. */
  body: string;
  /** Abbreviation expansions found in the body. */
  keywords: string[];
  /** Whether the body gives any section (text, or at least headings). */
  hasText: boolean;
}

/** Deepest heading level that starts a section. */
const sectionDepth = 4;

// remark-frontmatter: a stray `---` block at the top of a body is front matter, not text.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parses Markdown into mdast with GFM (tables, autolinks, strikethrough…). */
export function parseMarkdownTree(markdown: string): Root {
  return processor.parse(markdown);
}

/**
 * Cleans and cuts a Markdown body. The title is `title` when given, else the first h1,
 * else `fallbackTitle`.
 */
export function markdownContent(
  rawBody: string,
  title: string | undefined,
  fallbackTitle: string,
): MarkdownContent {
  const { markdown, keywords } = cleanMarkdown(rawBody);
  const tree = parseMarkdownTree(markdown);
  const resolvedTitle = title ?? firstH1(tree) ?? fallbackTitle;
  const sections = sectionsOf(tree, resolvedTitle);
  return {
    title: resolvedTitle,
    sections,
    body: markdown,
    keywords,
    hasText: sections.length > 0,
  };
}

/** Text of the first h1, if any. */
export function firstH1(tree: Root): string | undefined {
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 1) {
      const text = headingText(node);
      if (text !== '') return text;
    }
  }
  return undefined;
}

interface Draft {
  heading: string;
  hierarchy: string[];
  anchor?: string;
  blocks: string[];
}

/** Sections of a document in order; headings with no text of their own are left out. */
export function sectionsOf(tree: Root, title: string): ParsedSection[] {
  // One slugger for the whole document, fed every heading (h5/h6 too) in order, as
  // rehype-slug does: duplicates get the same -1, -2 suffixes as the rendered page.
  const slugger = new GithubSlugger();
  const chain: string[] = [];
  const drafts: Draft[] = [];
  let current: Draft = { heading: title, hierarchy: [title], blocks: [] };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = headingText(node);
      const anchor = slugger.slug(headingSlugText(node));
      if (node.depth <= sectionDepth && text !== '') {
        drafts.push(current);
        chain.length = node.depth - 1;
        chain[node.depth - 1] = text;
        const headings = chain.filter((heading) => heading !== undefined);
        // The title leads every hierarchy (like DocSearch's lvl0), once.
        const hierarchy = headings[0] === title ? headings : [title, ...headings];
        current = { heading: text, hierarchy, anchor, blocks: [] };
        continue;
      }
    }
    const text = blockText(node);
    if (text !== '') current.blocks.push(text);
  }
  drafts.push(current);
  const withText = drafts.filter((draft) => draft.blocks.length > 0);
  // A page of headings only still shows them, rather than nothing.
  const kept =
    withText.length > 0 ? withText : drafts.filter((draft) => draft.anchor !== undefined);
  return kept.map(toSection);
}

function toSection(draft: Draft): ParsedSection {
  const section: ParsedSection = {
    heading: draft.heading,
    hierarchy: draft.hierarchy,
    text: draft.blocks.join('\n\n'),
  };
  if (draft.anchor !== undefined) section.anchor = draft.anchor;
  return section;
}
