import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';

/**
 * PDFs with scanned pages, built in the test: a scanned page is an image of text (drawn
 * with @napi-rs/canvas) and nothing else, as a scanner makes it; other pages have text.
 */

export type PageSpec = { text: string[] } | { scan: string[] };

const require = createRequire(import.meta.url);
const fontFile = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf/DejaVuSans.ttf',
);
let fontRegistered = false;

/** An image of the given lines, black on white, as a 150 dpi scan of an A4 page shows them. */
export function scanImage(lines: string[]): Buffer {
  if (!fontRegistered) fontRegistered = GlobalFonts.registerFromPath(fontFile, 'Scan Sans');
  const canvas = createCanvas(1240, 1754);
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  context.font = '40px "Scan Sans"';
  lines.forEach((line, index) => context.fillText(line, 120, 200 + index * 70));
  return canvas.toBuffer('image/png');
}

/** A PDF of A4 pages: text pages in Helvetica, scanned pages as a full-page image. */
export async function buildScannedPdf(pages: PageSpec[], title?: string): Promise<Buffer> {
  const document = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    ...(title === undefined ? {} : { info: { Title: title } }),
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => document.on('end', resolve));
  for (const page of pages) {
    document.addPage({ size: 'A4', margin: 72 });
    if ('text' in page) {
      document.font('Helvetica').fontSize(12);
      for (const line of page.text) document.text(line);
    } else {
      document.image(scanImage(page.scan), 0, 0, {
        width: document.page.width,
        height: document.page.height,
      });
    }
  }
  document.end();
  await ended;
  return Buffer.concat(chunks);
}
