import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { paragraphLines, paragraphOf, phrasingText } from './phrasing-lines.ts';

/**
 * VuePress / kramdown abbreviation lines (`*[RGAA]: Référentiel général…`) define a word
 * rather than say something: the lines leave the page and their expansions are collected
 * in `file.data.keywords` ("RGAA : Référentiel général…"), in order, without duplicates.
 */
export default function remarkAbbreviations() {
  return (tree: Root, file: VFile): void => {
    const keywords: string[] = [];
    file.data.keywords = keywords;
    if (!String(file.value).includes('*[')) return;
    visit(tree, 'paragraph', (node, index, parent) => {
      if (parent === undefined || index === undefined) return undefined;
      const lines = paragraphLines(node);
      const kept = lines.filter((line) => {
        const match = abbreviation.exec(phrasingText(line.nodes));
        if (match === null) return true;
        const keyword = formatAbbreviation(match[1] ?? '', match[2] ?? '');
        if (keyword !== '' && !keywords.includes(keyword)) keywords.push(keyword);
        return false;
      });
      if (kept.length === lines.length) return undefined;
      const paragraph = paragraphOf(kept);
      if (paragraph === undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      if (node.position !== undefined) paragraph.position = node.position;
      parent.children.splice(index, 1, paragraph);
      return undefined;
    });
  };
}

const abbreviation = /^[ \t]*\*\[([^\]]+)\]:[ \t]*(.*)$/;

function formatAbbreviation(abbr: string, expansion: string): string {
  const name = abbr.trim().replace(/\s+/g, ' ');
  const text = expansion.trim().replace(/\s+/g, ' ');
  if (name === '') return '';
  return text === '' ? name : `${name} : ${text}`;
}
