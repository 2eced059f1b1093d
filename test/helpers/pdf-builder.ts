/**
 * Builds tiny, valid PDF files by hand (one Helvetica font, WinAnsi text, a correct xref
 * table), so PDF tests need no binary tool and show their content as plain strings.
 */

export interface PdfSpec {
  /** Lines of text of each page; an empty list is a page with no text (like a scan). */
  pages: string[][];
  /** Metadata Title of the Info dictionary. */
  title?: string;
}

/** Builds a PDF whose pages show the given lines (Latin-1 characters only). */
export function buildPdf(spec: PdfSpec): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObject = add('');
  const font = add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  const info = spec.title === undefined ? undefined : add(`<< /Title ${pdfString(spec.title)} >>`);
  const kids: number[] = [];
  for (const lines of spec.pages) {
    const content =
      lines.length === 0
        ? ''
        : `BT /F1 12 Tf 16 TL 72 770 Td ${lines.map((line) => `${pdfString(line)} Tj T*`).join(' ')} ET`;
    const stream = add(
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`,
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

/** A PDF literal string, escaped; refuses characters WinAnsi (here: Latin-1 and ’) cannot encode. */
function pdfString(text: string): string {
  if (/[^ -\u00ff’]/.test(text)) throw new Error(`caractère hors WinAnsi dans « ${text} »`);
  // WinAnsi has the typographic apostrophe at 0x92 (octal 222), outside Latin-1.
  return `(${text.replace(/[\\()]/g, '\\$&').replace(/’/g, '\\222')})`;
}
