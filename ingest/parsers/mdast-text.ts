import type { BlockContent, DefinitionContent, Heading, PhrasingContent, RootContent } from 'mdast';

/**
 * Plain text of mdast nodes, for search: link text, image alt text, inline code, code
 * blocks, table cells and list items are kept; raw HTML loses its tags but keeps its text
 * (`<script>` / `<style>` content is dropped). Paragraphs are separated by a blank line,
 * list items and table rows by a newline, soft line breaks become spaces.
 */

interface InlineOptions {
  /** Whether image alt text counts (not in headings: rehype-slug does not see it). */
  alt: boolean;
}

/** Plain text of one block node (`''` when it carries none). */
export function blockText(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
      return tidyInline(inlineText(node.children, { alt: true }));
    case 'heading':
      return tidyInline(inlineText(node.children, { alt: true }));
    case 'blockquote':
    case 'footnoteDefinition':
      return joinBlocks(node.children, '\n\n');
    case 'list':
      return node.children
        .map((item) => joinBlocks(item.children, '\n'))
        .filter(Boolean)
        .join('\n');
    case 'listItem':
      return joinBlocks(node.children, '\n');
    case 'code':
      return node.value.replace(/\s+$/, '');
    case 'html':
      return htmlToText(node.value);
    case 'table':
      return node.children
        .map((row) =>
          row.children
            .map((cell) => tidyInline(inlineText(cell.children, { alt: true })))
            .filter(Boolean)
            .join(' | '),
        )
        .filter(Boolean)
        .join('\n');
    default:
      // thematicBreak, definition, yaml, and phrasing nodes that only occur inside blocks.
      return '';
  }
}

/** Text of a heading, for people: no image alt, no raw HTML tags, spaces collapsed. */
export function headingText(node: Heading): string {
  return tidyInline(headingSlugText(node)).replace(/\s+/g, ' ');
}

/**
 * Text of a heading exactly as rehype-slug reads it on the rendered page (spaces left as
 * they are: "Partie <b></b> deux" renders "Partie  deux", whose id is `partie--deux`).
 */
export function headingSlugText(node: Heading): string {
  return inlineText(node.children, { alt: false });
}

/** Text of raw HTML: tags dropped (`<br>` → space), comments, scripts and styles removed. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    // Line breaks in HTML source are spaces; only block elements break lines.
    .replace(/\s+/g, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<img\b[^>]*>/gi, (tag) => ` ${/\balt\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? ''} `)
    .replace(
      /<\/?(?:p|div|tr|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|caption|h[1-6]|center|blockquote|section|article|aside|header|footer|nav|figure|figcaption|pre|details|summary)\b[^>]*>/gi,
      '\n',
    )
    .replace(/<\/?(?:td|th)\b[^>]*>/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function joinBlocks(nodes: (BlockContent | DefinitionContent)[], separator: string): string {
  return nodes.map(blockText).filter(Boolean).join(separator);
}

function inlineText(nodes: PhrasingContent[], options: InlineOptions): string {
  let text = '';
  // Inline HTML comes as one node per tag: skip what lies between <script> and </script>.
  let skipUntil: RegExp | undefined;
  for (const node of nodes) {
    if (skipUntil !== undefined) {
      if (node.type === 'html' && skipUntil.test(node.value)) skipUntil = undefined;
      continue;
    }
    switch (node.type) {
      case 'text':
        // A soft line break is a space once the paragraph is reflowed.
        text += node.value.replace(/[ \t]*\n[ \t]*/g, ' ');
        break;
      case 'inlineCode':
        text += node.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'image':
      case 'imageReference':
        if (options.alt) text += node.alt ?? '';
        break;
      case 'html': {
        const opened = /<(script|style)\b[^>]*>/i.exec(node.value);
        if (opened?.[1] !== undefined && !new RegExp(`</${opened[1]}\\s*>`, 'i').test(node.value)) {
          skipUntil = new RegExp(`</${opened[1]}\\s*>`, 'i');
        }
        if (options.alt) {
          // An inline tag is only a tag: keep the spacing of the text around it.
          const inline = htmlToText(node.value).replace(/\n/g, ' ');
          text += inline === '' && /<br\b/i.test(node.value) ? ' ' : inline;
        }
        break;
      }
      case 'footnoteReference':
        break;
      default:
        text += inlineText(node.children, options);
    }
  }
  return text;
}

/** Collapses spaces (NBSP included) on each line and trims the lines. */
function tidyInline(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  middot: '·',
  euro: '€',
  copy: '©',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  icirc: 'î',
  iuml: 'ï',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  Eacute: 'É',
  Agrave: 'À',
  oelig: 'œ',
};

/** Decodes numeric and the common named character references of raw HTML. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return namedEntities[name] ?? entity;
  });
}
