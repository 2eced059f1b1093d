import type { Paragraph, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';

/**
 * A paragraph seen as its source lines, for the extras that are line-based (`::: tip`,
 * `*[ABBR]:`): Markdown reads them as ordinary paragraph text.
 */

/** One line of a paragraph: its phrasing nodes and where it starts in the file. */
export interface PhrasingLine {
  nodes: PhrasingContent[];
  /** 1-based line of the file, when known. */
  line?: number;
  /** Whether the line ends with a hard line break (two spaces or a backslash). */
  hardBreak?: boolean;
}

/** Cuts a paragraph at its line breaks: soft ones (in its own text nodes) and hard ones. */
export function paragraphLines(paragraph: Paragraph): PhrasingLine[] {
  const first: PhrasingLine = { nodes: [] };
  if (paragraph.position !== undefined) first.line = paragraph.position.start.line;
  const lines = [first];
  let current = first;
  for (const node of paragraph.children) {
    if (node.type === 'break') {
      current.hardBreak = true;
      current = { nodes: [] };
      if (node.position !== undefined) current.line = node.position.end.line;
      lines.push(current);
      continue;
    }
    if (node.type !== 'text' || !node.value.includes('\n')) {
      current.nodes.push(node);
      continue;
    }
    const startLine = node.position?.start.line;
    node.value.split('\n').forEach((part, index) => {
      if (index > 0) {
        current = { nodes: [] };
        if (startLine !== undefined) current.line = startLine + index;
        lines.push(current);
      }
      if (part !== '') current.nodes.push({ type: 'text', value: part });
    });
  }
  return lines;
}

/** A paragraph made of lines again (with their line breaks); undefined when they hold nothing. */
export function paragraphOf(lines: PhrasingLine[]): Paragraph | undefined {
  const kept = lines.filter((line) => line.nodes.length > 0);
  if (kept.length === 0) return undefined;
  const children: PhrasingContent[] = [];
  kept.forEach((line, index) => {
    if (index > 0) {
      children.push(
        kept[index - 1]?.hardBreak === true ? { type: 'break' } : { type: 'text', value: '\n' },
      );
    }
    children.push(...line.nodes);
  });
  return { type: 'paragraph', children: mergeTexts(children) };
}

/** Plain text of phrasing nodes (what a reader sees, without the markup). */
export function phrasingText(nodes: PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value;
      return 'children' in node ? phrasingText(node.children) : '';
    })
    .join('');
}

/** Adjacent text nodes as one, so that a pattern split across them is seen whole. */
export function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const merged: PhrasingContent[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text') {
      const text: PhrasingContent = { type: 'text', value: previous.value + node.value };
      if (previous.position !== undefined && node.position !== undefined) {
        text.position = { start: previous.position.start, end: node.position.end };
      }
      merged[merged.length - 1] = text;
    } else merged.push(node);
  }
  return merged;
}

/** The 1-based column of the first non-blank character of a (1-based) line of the file. */
export function lineStartColumn(file: VFile, line: number): number {
  const text = String(file.value).split('\n')[line - 1] ?? '';
  return text.length - text.trimStart().length + 1;
}

declare module 'vfile' {
  interface DataMap {
    /** Abbreviation expansions found in the page (`RGAA : Référentiel général…`). */
    keywords: string[];
  }
}
