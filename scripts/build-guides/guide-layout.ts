import type {
  Blockquote,
  Code,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  RootContent,
  Table,
} from 'mdast';
import type { Node } from 'unist';
import { GuideSourceError } from './errors.ts';
import type { FontName } from './fonts.ts';
import type { GuideMeta, ParsedGuide } from './parse-guide.ts';
import { frenchMonths } from '../../src/text/french-months.ts';

/**
 * Lays a parsed guide out on a pdfkit document: a title block from the front matter, then
 * the Markdown blocks in order, then "Page N / M" footers once the page count is known.
 */

/** A4 page geometry, in points. */
export const pageMargins = { top: 64, bottom: 72, left: 68, right: 68 } as const;

const colors = {
  text: '#161616',
  heading: '#000091',
  muted: '#5e5e5e',
  link: '#000091',
  rule: '#c8c8c8',
  quote: '#6a6af4',
  tableHead: '#eeeef8',
} as const;

const sizes = { title: 22, summary: 12, meta: 9.5, h1: 18, h2: 14.5, h3: 12, body: 10.5 } as const;
const small = { code: 9, table: 9, footer: 8.5 } as const;
const lineGap = 2.5;
const paragraphGap = 7;
const listIndent = 16;
const quoteIndent = 14;
const cellPadding = 4;

/** A piece of a paragraph that shares one font, colour and link. */
interface Run {
  text: string;
  font: FontName;
  link?: string;
  strike: boolean;
}

interface InlineStyle {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  link?: string;
}

/** Where a block goes: its left edge and the colour of its text. */
interface BlockContext {
  left: number;
  color: string;
  listDepth: number;
}

const plain: InlineStyle = { bold: false, italic: false, strike: false };

/** Renders `guide` on `doc` (created with `bufferPages: true`); `source` names the file in errors. */
export function layOutGuide(doc: PDFKit.PDFDocument, guide: ParsedGuide, source: string): void {
  new GuideLayout(doc, guide, source).run();
}

class GuideLayout {
  private readonly definitions = new Map<string, string>();
  private pageIndex = 0;
  private titleHeadingSkipped = false;
  private lastOutlineItem: PDFKit.PDFOutline | undefined;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly guide: ParsedGuide,
    private readonly source: string,
  ) {
    doc.on('pageAdded', () => {
      this.pageIndex += 1;
    });
  }

  run(): void {
    this.collectDefinitions(this.guide.tree.children);
    this.titleBlock(this.guide.meta);
    const root: BlockContext = { left: pageMargins.left, color: colors.text, listDepth: 0 };
    for (const node of this.guide.tree.children) this.block(node, root);
    this.footers();
  }

  private get right(): number {
    return this.doc.page.width - pageMargins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - pageMargins.bottom;
  }

  /** Link reference definitions (`[id]: url`), wherever they stand, for `[text][id]`. */
  private collectDefinitions(nodes: readonly RootContent[]): void {
    for (const node of nodes) {
      if (node.type === 'definition') this.definitions.set(node.identifier, node.url);
      else if ('children' in node) this.collectDefinitions(node.children);
    }
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private lineHeight(font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true) + lineGap;
  }

  private titleBlock(meta: GuideMeta): void {
    const { doc } = this;
    const left = pageMargins.left;
    const width = this.right - left;
    doc
      .font('bold')
      .fontSize(sizes.title)
      .fillColor(colors.heading)
      .text(frenchSpacing(meta.title), left, pageMargins.top, { width, lineGap });
    doc.y += 8;
    doc
      .font('regular')
      .fontSize(sizes.summary)
      .fillColor(colors.text)
      .text(frenchSpacing(meta.summary), left, doc.y, { width, lineGap });
    doc.y += 8;
    doc
      .font('regular')
      .fontSize(sizes.meta)
      .fillColor(colors.muted)
      .text(`Mis à jour le ${frenchDate(meta.reviewed)} · ${meta.owner}`, left, doc.y, {
        width,
        lineGap,
      });
    doc.y += 10;
    this.rule(left, this.right);
    doc.y += 16;
  }

  private rule(from: number, to: number): void {
    this.doc
      .moveTo(from, this.doc.y)
      .lineTo(to, this.doc.y)
      .lineWidth(0.75)
      .strokeColor(colors.rule)
      .stroke();
  }

  private block(node: RootContent, context: BlockContext): void {
    switch (node.type) {
      case 'heading':
        return this.heading(node, context);
      case 'paragraph':
        return this.paragraph(node, context);
      case 'list':
        return this.list(node, context);
      case 'blockquote':
        return this.blockquote(node, context);
      case 'code':
        return this.code(node, context);
      case 'table':
        return this.table(node, context);
      case 'thematicBreak':
        this.ensureSpace(24);
        this.doc.y += 8;
        this.rule(context.left, this.right);
        this.doc.y += 14;
        return;
      case 'definition':
      case 'yaml':
        return;
      default:
        throw this.unsupported(node);
    }
  }

  private unsupported(node: Node): Error {
    const line = node.position === undefined ? '' : ` (ligne ${node.position.start.line})`;
    const what = node.type === 'html' ? 'HTML brut' : `élément Markdown « ${node.type} »`;
    return new GuideSourceError(this.source, `${what} non pris en charge dans un PDF${line}`);
  }

  private heading(node: Heading, context: BlockContext): void {
    const runs = this.runs(node.children, { ...plain, bold: true });
    const text = runs.map((run) => run.text).join('');
    // The title block already shows the front matter title: do not print it twice.
    if (node.depth === 1 && !this.titleHeadingSkipped && text.trim() === this.guide.meta.title) {
      this.titleHeadingSkipped = true;
      return;
    }
    const size =
      node.depth === 1
        ? sizes.h1
        : node.depth === 2
          ? sizes.h2
          : node.depth === 3
            ? sizes.h3
            : sizes.body;
    const before = node.depth <= 2 ? 12 : 8;
    const width = this.right - context.left;
    const height = this.doc.font('bold').fontSize(size).heightOfString(text, { width, lineGap });
    // Keep a heading with at least three lines of what follows it.
    this.ensureSpace(before + height + 3 * this.lineHeight('regular', sizes.body));
    if (this.doc.y > pageMargins.top) this.doc.y += before;
    this.outline(node.depth, text);
    this.write(runs, context.left, width, size, colors.heading);
    this.doc.y += node.depth <= 2 ? 5 : 3;
  }

  /** Bookmarks: h1/h2 at the top level, h3 under the h2 above it. */
  private outline(depth: number, text: string): void {
    const root = this.doc.outline;
    if (depth <= 2) this.lastOutlineItem = root.addItem(text);
    else if (depth === 3) (this.lastOutlineItem ?? root).addItem(text);
  }

  private paragraph(node: Paragraph, context: BlockContext): void {
    this.ensureSpace(this.lineHeight('regular', sizes.body));
    this.write(
      this.runs(node.children, plain),
      context.left,
      this.right - context.left,
      sizes.body,
      context.color,
    );
    this.doc.y += paragraphGap;
  }

  private list(node: List, context: BlockContext): void {
    const start = node.start ?? 1;
    const markerWidth = node.ordered
      ? this.doc
          .font('regular')
          .fontSize(sizes.body)
          .widthOfString(`${start + node.children.length - 1}.`) + 6
      : listIndent - 2;
    node.children.forEach((item, index) => {
      const marker =
        item.checked === true
          ? '☑'
          : item.checked === false
            ? '☐'
            : node.ordered
              ? `${start + index}.`
              : context.listDepth % 2 === 0
                ? '•'
                : '–';
      this.listItem(item, marker, markerWidth, context);
      if (index < node.children.length - 1) this.doc.y += node.spread === true ? paragraphGap : 2;
    });
    if (context.listDepth === 0) this.doc.y += paragraphGap;
  }

  private listItem(
    item: ListItem,
    marker: string,
    markerWidth: number,
    context: BlockContext,
  ): void {
    const { doc } = this;
    const textLeft = context.left + markerWidth;
    const inner: BlockContext = { ...context, left: textLeft, listDepth: context.listDepth + 1 };
    this.ensureSpace(this.lineHeight('regular', sizes.body));
    const top = doc.y;
    doc
      .font('regular')
      .fontSize(sizes.body)
      .fillColor(context.color)
      .text(marker, context.left, top, { lineBreak: false });
    doc.y = top;
    item.children.forEach((child, index) => {
      if (child.type === 'paragraph') {
        if (index > 0) doc.y += 3;
        this.write(
          this.runs(child.children, plain),
          textLeft,
          this.right - textLeft,
          sizes.body,
          context.color,
        );
      } else {
        if (index > 0) doc.y += 2;
        this.block(child, inner);
      }
    });
  }

  private blockquote(node: Blockquote, context: BlockContext): void {
    const inner: BlockContext = {
      ...context,
      left: context.left + quoteIndent,
      color: colors.muted,
    };
    this.withSideBar(context.left + 3, colors.quote, this.lineHeight('regular', sizes.body), () => {
      for (const child of node.children) this.block(child, inner);
      // The bar stops at the last line, not after the gap of the last paragraph.
      this.doc.y -= paragraphGap;
    });
    this.doc.y += paragraphGap;
  }

  private code(node: Code, context: BlockContext): void {
    const left = context.left + quoteIndent;
    this.withSideBar(context.left + 3, colors.rule, this.lineHeight('mono', small.code), () => {
      this.doc
        .font('mono')
        .fontSize(small.code)
        .fillColor(colors.text)
        .text(node.value.replaceAll('\t', '    '), left, this.doc.y, {
          width: this.right - left,
          lineGap,
        });
    });
    this.doc.y += paragraphGap;
  }

  /**
   * Draws a block with `draw`, then a vertical bar at `x` beside it, on every page the
   * block spans (pages are buffered, so earlier ones can still be drawn on).
   */
  private withSideBar(x: number, color: string, firstLine: number, draw: () => void): void {
    const { doc } = this;
    this.ensureSpace(firstLine);
    const firstPage = this.pageIndex;
    const firstY = doc.y;
    draw();
    const lastPage = this.pageIndex;
    const { x: endX, y: endY } = doc;
    for (let page = firstPage; page <= lastPage; page += 1) {
      doc.switchToPage(page);
      const from = page === firstPage ? firstY : pageMargins.top;
      const to = page === lastPage ? endY : this.bottom;
      doc.save().moveTo(x, from).lineTo(x, to).lineWidth(2).strokeColor(color).stroke().restore();
    }
    doc.switchToPage(lastPage);
    doc.x = endX;
    doc.y = endY;
  }

  private table(node: Table, context: BlockContext): void {
    const { doc } = this;
    const rows = node.children.map((row) =>
      row.children.map((cell) =>
        this.runs(cell.children, plain)
          .map((run) => run.text)
          .join('')
          .trim(),
      ),
    );
    const align = (node.align ?? []).map((value) => value ?? 'left');
    // A header row and the first body row stay together.
    this.ensureSpace(4 * this.lineHeight('regular', small.table));
    doc.font('regular').fontSize(small.table).fillColor(colors.text);
    const widths = this.columnWidths(rows, this.right - context.left);
    doc.table({
      position: { x: context.left, y: doc.y },
      maxWidth: this.right - context.left,
      defaultStyle: { border: 0.5, borderColor: colors.rule, padding: cellPadding },
      columnStyles: (column) => ({
        width: widths[column] ?? '*',
        align: { x: align[column] ?? 'left', y: 'top' },
      }),
      data: rows.map((cells, rowIndex) =>
        cells.map((text): PDFKit.Mixins.CellOptions =>
          rowIndex === 0
            ? { text, type: 'TH', font: { src: 'bold' }, backgroundColor: colors.tableHead }
            : { text },
        ),
      ),
    });
    doc.x = context.left;
    doc.y += paragraphGap;
  }

  /**
   * Column widths in proportion to each column's longest cell, so a column of long
   * sentences is not squeezed as narrow as one of short words; none narrower than its
   * longest word.
   */
  private columnWidths(rows: string[][], available: number): number[] {
    const { doc } = this;
    const columns = Math.max(0, ...rows.map((cells) => cells.length));
    const measure = (column: number, part: (text: string) => string[]): number =>
      Math.max(
        0,
        ...rows.map((cells, row) => {
          doc.font(row === 0 ? 'bold' : 'regular').fontSize(small.table);
          return Math.max(0, ...part(cells[column] ?? '').map((text) => doc.widthOfString(text)));
        }),
      ) +
      2 * cellPadding;
    const natural = Array.from({ length: columns }, (_, column) =>
      measure(column, (text) => [text]),
    );
    const least = Array.from({ length: columns }, (_, column) =>
      measure(column, (text) => text.split(/\s+/)),
    );
    const total = natural.reduce((sum, width) => sum + width, 0);
    if (total <= available) return natural.map((width) => (width * available) / total);
    const spare = available - least.reduce((sum, width) => sum + width, 0);
    // Words too long for the page: let pdfkit share the width evenly and break them.
    if (spare <= 0) return [];
    const extra = natural.map((width, column) => width - (least[column] ?? 0));
    const extraTotal = extra.reduce((sum, width) => sum + width, 0) || 1;
    return least.map((width, column) => width + (spare * (extra[column] ?? 0)) / extraTotal);
  }

  /** Inline Markdown as runs of uniform style; soft line breaks become spaces. */
  private runs(nodes: PhrasingContent[], style: InlineStyle): Run[] {
    const runs: Run[] = [];
    const push = (text: string, font: FontName, inline: InlineStyle): void => {
      if (text === '') return;
      const last = runs.at(-1);
      if (
        last !== undefined &&
        last.font === font &&
        last.link === inline.link &&
        last.strike === inline.strike
      ) {
        last.text += text;
      } else {
        runs.push({
          text,
          font,
          strike: inline.strike,
          ...(inline.link === undefined ? {} : { link: inline.link }),
        });
      }
    };
    const walk = (children: PhrasingContent[], inline: InlineStyle): void => {
      for (const node of children) {
        switch (node.type) {
          case 'text':
            push(
              frenchSpacing(node.value.replace(/[ \t]*\n[ \t]*/g, ' ')),
              textFont(inline),
              inline,
            );
            break;
          case 'strong':
            walk(node.children, { ...inline, bold: true });
            break;
          case 'emphasis':
            walk(node.children, { ...inline, italic: true });
            break;
          case 'delete':
            walk(node.children, { ...inline, strike: true });
            break;
          case 'inlineCode':
            push(node.value, 'mono', inline);
            break;
          case 'link':
            walk(node.children, withLink(inline, node.url));
            break;
          case 'linkReference':
            walk(node.children, withLink(inline, this.definitions.get(node.identifier)));
            break;
          case 'image':
          case 'imageReference':
            push(node.alt ?? '', textFont(inline), inline);
            break;
          case 'break':
            push('\n', textFont(inline), inline);
            break;
          default:
            throw this.unsupported(node);
        }
      }
    };
    walk(nodes, style);
    return runs;
  }

  /** Writes runs as one flowing paragraph at `left`, wrapping within `width`. */
  private write(runs: Run[], left: number, width: number, size: number, color: string): void {
    const { doc } = this;
    runs.forEach((run, index) => {
      doc
        .font(run.font)
        .fontSize(size)
        .fillColor(run.link === undefined ? color : colors.link);
      // pdfkit carries the options of a continued call over to the next one unless they
      // are given again: every style option is set on every run.
      const options: PDFKit.Mixins.TextOptions = {
        width,
        lineGap,
        continued: index < runs.length - 1,
        link: run.link ?? null,
        underline: run.link !== undefined,
        strike: run.strike,
      };
      if (index === 0) doc.text(run.text, left, doc.y, options);
      else doc.text(run.text, options);
    });
    doc.x = left;
  }

  /** "Page N / M" at the foot of every page, written once the page count is known. */
  private footers(): void {
    const { doc } = this;
    const { start, count } = doc.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      doc.switchToPage(index);
      // Writing inside the bottom margin would otherwise make pdfkit add a page.
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(small.footer)
        .fillColor(colors.muted)
        .text(`Page ${index + 1} / ${count}`, pageMargins.left, doc.page.height - 42, {
          width: doc.page.width - pageMargins.left - pageMargins.right,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = pageMargins.bottom;
    }
  }
}

/**
 * French typography: the space before `: ; ! ? »` and after `«` must not break a line
 * (a line never starts with a colon), so it becomes a no-break space.
 */
function frenchSpacing(text: string): string {
  return text.replace(/ (?=[:;!?»])/g, '\u00a0').replace(/« /g, '«\u00a0');
}

/**
 * The style for a link's text: a link annotation only for absolute web and mail
 * addresses, since a relative link means nothing once the PDF is downloaded.
 */
function withLink(style: InlineStyle, url: string | undefined): InlineStyle {
  return url !== undefined && /^(https?:|mailto:)/i.test(url) ? { ...style, link: url } : style;
}

function textFont(style: InlineStyle): FontName {
  if (style.bold && style.italic) return 'boldItalic';
  if (style.bold) return 'bold';
  return style.italic ? 'italic' : 'regular';
}

const months = frenchMonths;

/** `2026-11-25` → "25 novembre 2026"; the first of a month is "1er". */
function frenchDate(isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return isoDay;
  return `${day === 1 ? '1er' : day} ${months[month - 1] ?? ''} ${year}`;
}
