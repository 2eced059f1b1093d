/**
 * Builds tiny, valid PDF files by hand (one Helvetica font, WinAnsi text, a correct xref
 * table), so PDF tests need no binary tool and show their content as plain strings.
 */

export interface PdfSpec {
  /** Lines of text of each page; an empty list is a page with no text (like a scan). */
  pages: string[][];
  /** Metadata Title of the Info dictionary. */
  title?: string;
  /**
   * Pages (1-based) drawn with a font without usable encoding: a Type3 font drawing empty
   * boxes, whose glyph names carry no Unicode value and which has no /ToUnicode, its
   * character codes shifted as in real garbled PDFs ("Membre" is stored "0HPEUH"), so
   * extraction gives garbled text.
   */
  unencodedPages?: number[];
}

/** Codes of the unencoded font: a character's code minus this (printable range kept). */
const unencodedShift = 29;

/** Builds a PDF whose pages show the given lines (Latin-1 characters only). */
export function buildPdf(spec: PdfSpec): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObject = add('');
  const font = add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  const unencoded = (spec.unencodedPages ?? []).length > 0 ? unencodedFont(add) : undefined;
  const info = spec.title === undefined ? undefined : add(`<< /Title ${pdfString(spec.title)} >>`);
  const kids: number[] = [];
  for (const [index, lines] of spec.pages.entries()) {
    const garbled = unencoded !== undefined && (spec.unencodedPages ?? []).includes(index + 1);
    const show = (line: string): string => pdfString(garbled ? shiftCodes(line) : line);
    const content =
      lines.length === 0
        ? ''
        : `BT /F${garbled ? 2 : 1} 12 Tf 16 TL 72 770 Td ${lines.map((line) => `${show(line)} Tj T*`).join(' ')} ET`;
    const stream = add(
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R${unencoded === undefined ? '' : ` /F2 ${unencoded} 0 R`} >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] =
    `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const infoEntry = info === undefined ? '' : ` /Info ${info} 0 R`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${infoEntry} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A Type3 font drawing every code as an empty box, its glyphs named `box<code>`. */
function unencodedFont(add: (body: string) => number): number {
  const drawing = '600 0 50 0 550 700 d1 50 0 500 700 re S';
  const box = add(`<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`);
  const names = Array.from({ length: 224 }, (_, index) => `/box${index + 32}`);
  const procs = names.map((name) => `${name} ${box} 0 R`).join(' ');
  return add(
    `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.0008 0 0 0.001 0 0] /CharProcs << ${procs} >> /Encoding << /Type /Encoding /Differences [32 ${names.join(' ')}] >> /FirstChar 32 /LastChar 255 /Widths [${names.map(() => '600').join(' ')}] >>`,
  );
}

/** A line's characters with their codes shifted down, as a font without encoding stores them. */
function shiftCodes(line: string): string {
  return [...line]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code <= 32 + unencodedShift ? char : String.fromCharCode(code - unencodedShift);
    })
    .join('');
}

/** A PDF literal string, escaped; refuses characters WinAnsi (here: Latin-1 and ’) cannot encode. */
function pdfString(text: string): string {
  if (/[^ -\u00ff’]/.test(text)) throw new Error(`caractère hors WinAnsi dans « ${text} »`);
  // WinAnsi has the typographic apostrophe at 0x92 (octal 222), outside Latin-1.
  return `(${text.replace(/[\\()]/g, '\\$&').replace(/’/g, '\\222')})`;
}
