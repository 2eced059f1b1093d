/**
 * Removes the VuePress / Jekyll extras that are not Markdown from a Markdown body, so they
 * are never indexed as noise nor rendered raw: `[[toc]]`, `::: name Title` containers
 * (markers dropped, title and content kept), `*[ABBR]: expansion` lines (returned as
 * keywords), Liquid `{% … %}` tags and `{{ … }}` outputs, `<script>` / `<style>` elements
 * and HTML comments. Fenced code blocks are left exactly as written.
 */

export interface CleanMarkdown {
  /** The body without the extras, blank-line runs collapsed. */
  markdown: string;
  /** Abbreviation expansions (`RGAA : Référentiel général…`), in order, without duplicates. */
  keywords: string[];
}

interface Fence {
  marker: string;
  length: number;
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const containerOpen = /^ {0,3}:{3,}[ \t]*([A-Za-z][\w-]*)(.*)$/;
const containerClose = /^ {0,3}:{3,}[ \t]*$/;
const abbreviation = /^ {0,3}\*\[([^\]]+)\]:[ \t]*(.*)$/;
const highlightOpen = /^[ \t]*\{%-?[ \t]*highlight[ \t]+([\w+#.-]+)[^%]*-?%\}[ \t]*$/;
const highlightClose = /^[ \t]*\{%-?[ \t]*endhighlight[ \t]*-?%\}[ \t]*$/;

/** Cleans the VuePress / Jekyll extras of a Markdown body and collects its abbreviations. */
export function cleanMarkdown(body: string): CleanMarkdown {
  const withFences = body
    .split('\n')
    .map((line) => {
      // Jekyll's code blocks become Markdown fences, so their content stays code.
      const open = highlightOpen.exec(line);
      if (open !== null) return '```' + (open[1] ?? '');
      return highlightClose.test(line) ? '```' : line;
    })
    .join('\n');
  const withoutInline = mapProse(withFences, removeInlineExtras);
  return cleanLines(withoutInline);
}

/**
 * Liquid, `[[toc]]`, scripts, styles and comments, which may span several lines. Inline
 * code spans are left alone: a guide may show `<script>` or `{{ var }}` as code.
 */
function removeInlineExtras(prose: string): string {
  return prose
    .split(/(`+[^`\n]+?`+)/)
    .map((part, index) => (index % 2 === 1 ? part : removeExtrasOutsideCode(part)))
    .join('');
}

function removeExtrasOutsideCode(prose: string): string {
  return prose
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
    .replace(/\{%[\s\S]*?%\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, '')
    .replace(/\[\[toc\]\]/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style)\b[^>]*\/>/gi, '');
}

/** Line by line: containers, abbreviations and blank-line runs, fences untouched. */
function cleanLines(markdown: string): CleanMarkdown {
  const keywords: string[] = [];
  const out: string[] = [];
  let fence: Fence | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      out.push(line);
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const open = fenceOpen.exec(line);
    if (open?.[1] !== undefined) {
      fence = { marker: open[1].charAt(0), length: open[1].length };
      out.push(line);
      continue;
    }
    const abbr = abbreviation.exec(line);
    if (abbr !== null) {
      const keyword = formatAbbreviation(abbr[1] ?? '', abbr[2] ?? '');
      if (keyword !== '' && !keywords.includes(keyword)) keywords.push(keyword);
      out.push('');
      continue;
    }
    const container = containerOpen.exec(line);
    if (container !== null) {
      // The title is text of the page: kept as its own (bold) paragraph.
      const title = (container[2] ?? '').trim();
      out.push('', ...(title === '' ? [] : [`**${title}**`, '']));
      continue;
    }
    // Blank lines in place of the markers end the paragraph before and after them.
    out.push(containerClose.test(line) ? '' : line);
  }
  return { markdown: collapseBlankLines(out), keywords };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return (
    match?.[1] !== undefined &&
    match[1].charAt(0) === fence.marker &&
    match[1].length >= fence.length
  );
}

function formatAbbreviation(abbr: string, expansion: string): string {
  const name = abbr.trim().replace(/\s+/g, ' ');
  const text = expansion.trim().replace(/\s+/g, ' ');
  if (name === '') return '';
  return text === '' ? name : `${name} : ${text}`;
}

/** Applies `transform` to the text outside fenced code blocks. */
function mapProse(markdown: string, transform: (prose: string) => string): string {
  const parts: string[] = [];
  let prose: string[] = [];
  let fence: Fence | undefined;
  const flush = (): void => {
    if (prose.length > 0) parts.push(transform(prose.join('\n')));
    prose = [];
  };
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      parts.push(line);
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const open = fenceOpen.exec(line);
    if (open?.[1] !== undefined) {
      flush();
      fence = { marker: open[1].charAt(0), length: open[1].length };
      parts.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  return parts.join('\n');
}

/** One blank line at most between blocks (outside code), none at the ends, one final newline. */
function collapseBlankLines(lines: string[]): string {
  const out: string[] = [];
  let fence: Fence | undefined;
  for (const raw of lines) {
    if (fence !== undefined) {
      out.push(raw);
      if (closesFence(raw, fence)) fence = undefined;
      continue;
    }
    const open = fenceOpen.exec(raw);
    if (open?.[1] !== undefined) fence = { marker: open[1].charAt(0), length: open[1].length };
    // Trailing spaces stay: two of them are a Markdown hard line break.
    const line = raw.trim() === '' ? '' : raw;
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
