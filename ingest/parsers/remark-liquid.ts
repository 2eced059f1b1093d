import type { Code, Nodes, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Jekyll's Liquid is template code, not text: `{% … %}` tags and `{{ … }}` outputs are
 * removed from the text (and raw HTML) of a page, `{% comment %}…{% endcomment %}` with
 * what it holds, and a `{% highlight lang %}…{% endhighlight %}` block becomes the code
 * block it stands for. Code (fenced, indented, inline) is never touched.
 */
export default function remarkLiquid() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    // Most pages have no Liquid at all: no need to walk them.
    if (!source.includes('{%') && !source.includes('{{')) return;
    highlightBlocks(tree, file);
    removeTags(tree, file);
  };
}

const tagPattern = /\{%-?\s*(\w*)[\s\S]*?-?%\}|\{\{[\s\S]*?\}\}/g;
const highlightOpen = /\{%-?[ \t]*highlight[ \t]+([\w+#.-]+)[^%\n]*?-?%\}/y;
const highlightClose = /\{%-?[ \t]*endhighlight[ \t]*-?%\}/g;
const commentClose = (): RegExp => /\{%-?\s*endcomment\s*-?%\}/g;

/** Blocks that start with `{% highlight lang %}`, up to `{% endhighlight %}`, as code blocks. */
function highlightBlocks(tree: Root, file: VFile): void {
  const source = String(file.value);
  visit(tree, (node) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading') return;
    const children = node.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const block = children[index];
      const start = block?.position?.start.offset;
      if (block?.type !== 'paragraph' || start === undefined) continue;
      highlightOpen.lastIndex = start;
      const open = highlightOpen.exec(source);
      if (open === null) continue;
      const openEnd = start + open[0].length;
      highlightClose.lastIndex = openEnd;
      const close = highlightClose.exec(source);
      let last = index;
      while ((children[last + 1]?.position?.start.offset ?? Infinity) < (close?.index ?? -1)) {
        last++;
      }
      const lastEnd = children[last]?.position?.end.offset ?? -1;
      if (close === null || lastEnd < close.index + close[0].length) {
        file.message(
          `bloc {% highlight ${open[1] ?? ''} %} jamais fermé par {% endhighlight %} : son contenu reste du texte`,
          block,
        );
        continue;
      }
      const code: Code = {
        type: 'code',
        lang: open[1] ?? null,
        meta: null,
        value: source
          .slice(openEnd, close.index)
          .replace(/^[ \t]*\n/, '')
          .replace(/\n[ \t]*$/, ''),
      };
      const replacement: RootContent[] = [code];
      // Text after `{% endhighlight %}` in the same paragraph is prose again.
      const rest = source.slice(close.index + close[0].length, lastEnd).trim();
      if (rest !== '')
        replacement.push({ type: 'paragraph', children: [{ type: 'text', value: rest }] });
      children.splice(index, last - index + 1, ...replacement);
    }
  });
}

/** Removes Liquid tags and outputs from text and raw HTML, and comment blocks whole. */
function removeTags(tree: Root, file: VFile): void {
  const nodes: Nodes[] = [];
  visit(tree, (node) => {
    nodes.push(node);
  });
  const removed = new Set<Nodes>();
  let inComment = false;
  nodes.forEach((node, position) => {
    const text = node.type === 'text' || node.type === 'html' ? node : undefined;
    if (inComment) {
      const close = text === undefined ? null : commentClose().exec(text.value);
      if (text === undefined || close === null) {
        // Everything a comment holds goes, code and images included; emptied parents are pruned.
        if (!('children' in node)) removed.add(node);
        return;
      }
      text.value = text.value.slice(close.index + close[0].length);
      inComment = false;
    }
    if (text === undefined) return;
    const closesLater = (): boolean =>
      nodes
        .slice(position + 1)
        .some(
          (next) =>
            (next.type === 'text' || next.type === 'html') && commentClose().test(next.value),
        );
    const stripped = stripTags(text.value, closesLater);
    if (stripped.unclosedComment) {
      file.message(
        'bloc {% comment %} jamais fermé par {% endcomment %} : seule la balise est retirée',
        text,
      );
    }
    inComment = stripped.inComment;
    text.value = stripped.value;
    if (text.value === '' && text.type === 'text') removed.add(text);
  });
  visit(tree, (node) => {
    if ('children' in node) {
      node.children = node.children.filter((child) => !removed.has(child));
    }
  });
}

/** Text without its Liquid; `inComment` when a comment opened here closes in a later node. */
function stripTags(
  value: string,
  closesLater: () => boolean,
): { value: string; inComment: boolean; unclosedComment: boolean } {
  let out = '';
  let position = 0;
  let unclosedComment = false;
  const tags = new RegExp(tagPattern.source, 'g');
  for (;;) {
    tags.lastIndex = position;
    const tag = tags.exec(value);
    if (tag === null) break;
    out += value.slice(position, tag.index);
    position = tag.index + tag[0].length;
    if (tag[1] !== 'comment') continue;
    const closes = commentClose();
    closes.lastIndex = position;
    const close = closes.exec(value);
    if (close !== null) position = close.index + close[0].length;
    else if (closesLater()) return { value: out, inComment: true, unclosedComment };
    else unclosedComment = true;
  }
  return { value: out + value.slice(position), inComment: false, unclosedComment };
}
