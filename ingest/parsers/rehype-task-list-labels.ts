import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Names the check-boxes of GFM task lists (`- [ ] …`, `- [x] …`): remark-gfm makes them
 * `<input type="checkbox" disabled>` without a label, which screen readers announce as a
 * bare "case à cocher" and axe's `label` rule rejects. An `aria-label` says « À faire » or
 * « Fait » without adding words to the text that is indexed and shown.
 */
export default function rehypeTaskListLabels() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'input' || node.properties.type !== 'checkbox') return;
      node.properties.ariaLabel = node.properties.checked === true ? 'Fait' : 'À faire';
    });
  };
}
