import type { FootnoteDefinition, Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Finds the paragraphs of a guide that state something a reader will act on (a legal text
 * or an amount in euros) without saying where it comes from.
 *
 * A paragraph, list item or table row is a claim when it names a décret, loi, arrêté,
 * circulaire or ordonnance (by number, date or title: "fixé par décret" names none), or an
 * amount in € ("40 000 €", "2,88 €", "9 M€", "9 millions d'euros"). It is sourced when it holds a web link, the note « (voir
 * Sources) » (the guide's `## Sources` section then must hold a link), or a footnote
 * `[^n]` whose definition holds a link. The `## Sources` section itself is not checked.
 */

export interface UnsourcedClaim {
  /** 1-based line in the file (front matter included). */
  line: number;
  /** The first words of the paragraph, to find it. */
  excerpt: string;
  /** What made it a claim, e.g. `décret` or `40 000 €`. */
  trigger: string;
}

export const sourcesNote = '(voir Sources)';

const legalWord = /(?<![\p{L}\p{N}])(?:décrets?|lois?|arrêtés?|circulaires?|ordonnances?)(?![\p{L}\p{N}-])/giu;
/** What makes "décret" name one text rather than a mechanism ("fixé par décret"): a number or a date, */
const namingAfter = /n°|\b(?:19|20)\d\d\b|\bdu \d/u;
/** or a title right after the word ("loi pour une République numérique", "loi Informatique et Libertés"), */
const titleAfter = /^\s*(?:pour une|relative?|relatif|portant|visant|organique|«|[A-Z]{2,}|\p{Lu}\p{Ll}+ et \p{Lu})/u;
/** or a year just before it ("En 2012, une circulaire"). */
const yearBefore = /\b(?:19|20)\d\d\b/u;
const sentenceEnd = /[.;:!?](?:\s|$)/u;

/** The first legal text the text names, as `décret n° 2020-69` or `loi Informatique`. */
function namedLegalText(text: string): string | undefined {
  for (const match of text.matchAll(legalWord)) {
    const end = match.index + match[0].length;
    const after = text.slice(end, end + 80).split(sentenceEnd)[0] ?? '';
    const before = text.slice(Math.max(0, match.index - 40), match.index).split(sentenceEnd).at(-1) ?? '';
    if (namingAfter.test(after) || titleAfter.test(after) || yearBefore.test(before)) {
      return [match[0], ...after.trim().split(/\s+/).slice(0, 3)].join(' ').replace(/[\s,;(]+$/u, '');
    }
  }
  return undefined;
}
// Digits grouped by thousands ("40 000", "2,88"), so that "2026-2027, 140 000 €" yields "140 000 €".
const euroAmount =
  /(?<![\d,])\d{1,3}(?:[\s\u00a0\u202f.]\d{3})*(?:,\d+)?\s?(?:[kM]€|€|(?:millions?|milliards?) d['’]euros|euros?(?![\p{L}]))/u;

interface Unit {
  line: number;
  text: string;
  links: number;
  footnotes: string[];
}

/** Text, link count and footnote references of phrasing content, nested lists left out. */
function collect(node: Nodes, unit: Unit): void {
  if (node.type === 'list' || node.type === 'footnoteDefinition') return;
  if (node.type === 'text' || node.type === 'inlineCode') unit.text += node.value;
  if (node.type === 'link' && /^https?:\/\//.test(node.url)) unit.links += 1;
  if (node.type === 'footnoteReference') unit.footnotes.push(node.identifier);
  if ('children' in node) {
    for (const child of node.children) {
      collect(child, unit);
      // Keep words apart across cells and blocks.
      if (child.type === 'tableCell' || child.type === 'paragraph') unit.text += ' ';
    }
  }
}

function newUnit(node: Nodes): Unit {
  return { line: node.position?.start.line ?? 0, text: '', links: 0, footnotes: [] };
}

/** Paragraphs, list items and table rows, in document order, outside `## Sources`. */
function units(tree: Root): { units: Unit[]; sourcesLinks: number; footnotes: Map<string, FootnoteDefinition> } {
  const found: Unit[] = [];
  const footnotes = new Map<string, FootnoteDefinition>();
  let sourcesLinks = 0;
  let inSources = false;

  const visitBlock = (node: RootContent): void => {
    switch (node.type) {
      case 'paragraph': {
        const unit = newUnit(node);
        collect(node, unit);
        found.push(unit);
        return;
      }
      case 'list':
        for (const item of node.children) visitBlock(item);
        return;
      case 'listItem': {
        const unit = newUnit(node);
        collect(node, unit);
        found.push(unit);
        for (const child of node.children) if (child.type === 'list') visitBlock(child);
        return;
      }
      case 'table':
        for (const row of node.children) {
          const unit = newUnit(row);
          collect(row, unit);
          found.push(unit);
        }
        return;
      case 'blockquote':
        for (const child of node.children) visitBlock(child);
        return;
      default:
        return;
    }
  };

  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const title = node.children.map((child) => ('value' in child ? child.value : '')).join('');
      inSources = node.depth === 2 && title.trim().toLowerCase() === 'sources';
      continue;
    }
    if (node.type === 'footnoteDefinition') {
      footnotes.set(node.identifier, node);
      continue;
    }
    if (inSources) {
      visit(node, 'link', (link) => {
        if (/^https?:\/\//.test(link.url)) sourcesLinks += 1;
      });
      continue;
    }
    visitBlock(node);
  }
  return { units: found, sourcesLinks, footnotes };
}

function firstWords(text: string, count = 8): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.slice(0, count).join(' ') + (words.length > count ? ' …' : '');
}

/** The claims of a Markdown guide that have no source, in document order. */
export function findUnsourcedClaims(markdown: string): UnsourcedClaim[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).parse(markdown);
  const { units: found, sourcesLinks, footnotes } = units(tree);
  const footnoteHasLink = (id: string): boolean => {
    const definition = footnotes.get(id);
    if (!definition) return false;
    const unit = newUnit(definition);
    for (const child of definition.children) collect(child, unit);
    return unit.links > 0;
  };

  const unsourced: UnsourcedClaim[] = [];
  for (const unit of found) {
    const trigger = namedLegalText(unit.text) ?? euroAmount.exec(unit.text)?.[0];
    if (trigger === undefined) continue;
    const sourced =
      unit.links > 0 ||
      (unit.text.includes(sourcesNote) && sourcesLinks > 0) ||
      unit.footnotes.some(footnoteHasLink);
    if (!sourced) unsourced.push({ line: unit.line, excerpt: firstWords(unit.text), trigger: trigger.trim() });
  }
  return unsourced;
}
