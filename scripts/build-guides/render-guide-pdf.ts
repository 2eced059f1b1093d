import PDFDocument from 'pdfkit';
import { fontNames, loadFonts } from './fonts.ts';
import { layOutGuide, pageMargins } from './guide-layout.ts';
import { parseGuide } from './parse-guide.ts';

/** A guide rendered to PDF. */
export interface RenderedGuide {
  pdf: Buffer;
  pageCount: number;
  /** The front matter title, also the PDF's Title. */
  title: string;
}

/**
 * Renders one guide source (Markdown with front matter) to PDF bytes; the same source
 * always gives the same bytes.
 * @param markdown the guide source
 * @param source the file's name, for error messages
 */
export async function renderGuidePdf(markdown: string, source = 'guide'): Promise<RenderedGuide> {
  const guide = parseGuide(markdown, source);
  const { meta } = guide;
  // Dates come from the source, never the clock: pdfkit also derives the trailer ID from
  // this info dictionary, so fixing them makes the whole file reproducible.
  const reviewed = new Date(`${meta.reviewed}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    // Uncompressed: pdfkit deflates with node's zlib, whose output differs between builds
    // and CPUs (Chromium's zlib hashes with SSE 4.2 when it can), so a compressed file
    // would not be byte-identical on every machine. Git and HTTP compress it anyway.
    compress: false,
    margins: { ...pageMargins },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.owner,
      Subject: meta.summary,
      Keywords: meta.topics.join(', '),
      Creator: 'Repères (npm run build:guides)',
      Producer: 'PDFKit',
      CreationDate: reviewed,
      ModDate: reviewed,
    },
  });
  const fonts = loadFonts();
  for (const name of fontNames) doc.registerFont(name, fonts[name]);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  layOutGuide(doc, guide, source);
  const pageCount = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pageCount, title: meta.title };
}
