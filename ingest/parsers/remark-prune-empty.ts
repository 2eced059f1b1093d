import type { Nodes, Root } from 'mdast';

/**
 * Removing extras (Liquid, `[[toc]]`, abbreviations) can leave blocks with nothing in them:
 * an empty paragraph, a list item that only held `{{ item }}`. They go, so that the page
 * shows no empty bullet and the index no empty line.
 */
export default function remarkPruneEmpty() {
  return (tree: Root): void => {
    prune(tree);
  };
}

const prunable = new Set([
  'paragraph',
  'emphasis',
  'strong',
  'delete',
  'listItem',
  'list',
  'blockquote',
]);

/** Prunes the empty descendants of a node (deepest first); whether the node is now empty too. */
function prune(node: Extract<Nodes, { children: unknown }>): boolean {
  const children = node.children as Nodes[];
  node.children = children.filter(
    (child) => !('children' in child && prune(child)),
  ) as typeof node.children;
  if (!prunable.has(node.type)) return false;
  const kept = node.children as Nodes[];
  return kept.every(
    (child) => child.type === 'break' || (child.type === 'text' && child.value.trim() === ''),
  );
}
