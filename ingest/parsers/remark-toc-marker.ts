import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** VuePress's `[[toc]]` asks for a table of contents: a marker, not text (the page has its own). */
export default function remarkTocMarker() {
  return (tree: Root): void => {
    visit(tree, 'text', (node) => {
      node.value = node.value.replace(/\[\[toc\]\]/gi, '');
    });
  };
}
