import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { mergeTexts } from './phrasing-lines.ts';

/**
 * remark-directive reads `:name` anywhere in prose as a text directive and `::name` at the
 * start of a line as a leaf directive: in French prose that is `voir :ici`, `10:30` or a
 * `mailto:` address. Only `:::` containers are meant; every other directive becomes again
 * the text it was written as (its label's Markdown kept).
 */
export default function remarkStrayDirectives() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const touched = new Set<Parent>();
    visit(tree, (node, index, parent) => {
      if (parent === undefined || index === undefined) return undefined;
      if (node.type === 'textDirective') {
        parent.children.splice(index, 1, ...writtenAs(node, source));
        touched.add(parent);
        // Visit what replaced it: a label may hold directives too.
        return index;
      }
      if (node.type === 'leafDirective') {
        const paragraph: Paragraph = { type: 'paragraph', children: writtenAs(node, source) };
        if (node.position !== undefined) paragraph.position = node.position;
        parent.children.splice(index, 1, paragraph);
        return index;
      }
      return undefined;
    });
    // One text node again where the directive cut one: later plugins match text patterns.
    for (const parent of touched) {
      parent.children = mergeTexts(parent.children as PhrasingContent[]);
    }
  };
}

type StrayDirective = Extract<RootContent, { type: 'textDirective' | 'leafDirective' }>;

/** The source text of a directive, its label's nodes kept as they were parsed. */
function writtenAs(node: StrayDirective, source: string): PhrasingContent[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [{ type: 'text', value: `:${node.name}` }];
  const first = node.children[0]?.position?.start.offset;
  const last = node.children.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) {
    return [{ type: 'text', value: source.slice(start, end) }];
  }
  return [
    { type: 'text', value: source.slice(start, first) },
    ...node.children,
    { type: 'text', value: source.slice(last, end) },
  ];
}
