import type { Paragraph, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { lineStartColumn, paragraphLines, paragraphOf, phrasingText } from './phrasing-lines.ts';

/**
 * `:::` containers (tip, warning, danger, details…). remark-directive reads the generic
 * syntax (`:::tip[Titre]`); VuePress writes `::: tip Titre`, which it leaves as paragraph
 * text, so those marker lines are turned here into the same `containerDirective` nodes.
 * Every container then shows as a `<div>`, its title as a bold first paragraph: the title
 * and the content are text of the page, the markers are not.
 */
export default function remarkContainers() {
  return (tree: Root, file: VFile): void => {
    if (!String(file.value).includes(':::')) return;
    visit(tree, (node) => {
      if (!blockParents.has(node.type) || !('children' in node)) return;
      const children = node.children as RootContent[];
      if (!children.some((child) => child.type === 'paragraph' && hasMarker(child))) return;
      node.children = nest(splitMarkers(children), file);
    });
    visit(tree, 'containerDirective', (node) => {
      node.data = { ...node.data, hName: 'div' };
      const label = node.children[0];
      if (label?.type === 'paragraph' && label.data?.directiveLabel === true) {
        label.children = [{ type: 'strong', children: label.children }];
      }
    });
  };
}

const blockParents = new Set([
  'root',
  'blockquote',
  'listItem',
  'containerDirective',
  'footnoteDefinition',
]);
const markerLine = /^[ \t]*(:{3,})[ \t]*(?:([A-Za-z][\w-]*)(?:[ \t]+(.*))?)?[ \t]*$/;

interface Marker {
  type: 'marker';
  colons: number;
  /** Container name (`tip`); absent on a closing marker. */
  name?: string;
  title: string;
  line?: number;
}

function markerOf(text: string, line: number | undefined): Marker | undefined {
  const match = markerLine.exec(text);
  if (match === null) return undefined;
  const marker: Marker = {
    type: 'marker',
    colons: match[1]?.length ?? 3,
    title: (match[3] ?? '').trim(),
  };
  if (match[2] !== undefined) marker.name = match[2];
  if (line !== undefined) marker.line = line;
  return marker;
}

function hasMarker(paragraph: Paragraph): boolean {
  return paragraphLines(paragraph).some((line) => markerOf(phrasingText(line.nodes), line.line));
}

/** Paragraphs cut around their marker lines. */
function splitMarkers(children: RootContent[]): (RootContent | Marker)[] {
  return children.flatMap((child): (RootContent | Marker)[] => {
    if (child.type !== 'paragraph' || !hasMarker(child)) return [child];
    const items: (RootContent | Marker)[] = [];
    let run: ReturnType<typeof paragraphLines> = [];
    const flush = (): void => {
      const paragraph = paragraphOf(run);
      if (paragraph !== undefined) items.push(paragraph);
      run = [];
    };
    for (const line of paragraphLines(child)) {
      // A marker is a line of plain text: `::: tip` inside code or a link is not one.
      const marker = line.nodes.every((node) => node.type === 'text')
        ? markerOf(phrasingText(line.nodes), line.line)
        : undefined;
      if (marker === undefined) run.push(line);
      else {
        flush();
        items.push(marker);
      }
    }
    flush();
    return items;
  });
}

interface Open {
  node: Extract<RootContent, { type: 'containerDirective' }>;
  marker: Marker;
}

/** Blocks between an opening and a closing marker go into a container (nested ones too). */
function nest(items: (RootContent | Marker)[], file: VFile): RootContent[] {
  const top: RootContent[] = [];
  const stack: Open[] = [];
  const target = (): RootContent[] => stack.at(-1)?.node.children ?? top;
  for (const item of items) {
    if (item.type !== 'marker') target().push(item);
    else if (item.name !== undefined) {
      const node: Open['node'] = {
        type: 'containerDirective',
        name: item.name,
        attributes: {},
        children: [],
      };
      if (item.title !== '') {
        node.children.push({
          type: 'paragraph',
          data: { directiveLabel: true },
          children: [{ type: 'text', value: item.title }],
        });
      }
      target().push(node);
      stack.push({ node, marker: item });
    } else if ((stack.at(-1)?.marker.colons ?? Infinity) <= item.colons) {
      stack.pop();
    }
    // A closing marker with nothing to close is dropped, as VuePress drops it.
  }
  for (const { marker } of stack) {
    const place =
      marker.line === undefined
        ? undefined
        : { line: marker.line, column: lineStartColumn(file, marker.line) };
    file.message(
      `conteneur « ${':'.repeat(marker.colons)} ${marker.name ?? ''} » jamais fermé par une ligne ${':'.repeat(marker.colons)} : il s'étend jusqu'à la fin du bloc`,
      place,
    );
  }
  return top;
}
