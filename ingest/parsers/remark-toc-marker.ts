import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** VuePress's `[[toc]]` asks for a table of contents: a marker, not text (the page has its own). */
export default function remarkTocMarker() {
  return (tree: Root, file: VFile): void => {
    if (!/\[\[toc\]\]/i.test(String(file.value))) return;
    visit(tree, 'text', (node) => {
      node.value = node.value.replace(/\[\[toc\]\]/gi, '');
    });
  };
}
