import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractPdf } from './parsers/pdf-extract.ts';
import { garbledReason, measureText } from './parsers/pdf-garbled.ts';
import { applyPdfMetadata, pdfMetadataPath } from './parsers/pdf-metadata-file.ts';
import { normalisePdfText } from './parsers/pdf-text.ts';
import { pdfDocument } from './parsers/pdf.ts';
import { implausibleTitleReason } from './parsers/pdf-title.ts';
import { ParseError } from './parsers/types.ts';

/**
 * `npm run pdf-titles -- [folders…] [--pages]`: the PDFs of content folders (default
 * `guides/`) with their metadata title, the title the ingester chooses and the rule that
 * chose it, as a Markdown table; `--pages` adds the text measures of each page (garbled
 * text detection). Reads files only: no index is touched.
 */

const { values, positionals } = parseArgs({
  options: { pages: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const roots = positionals.length === 0 ? ['guides'] : positionals;

async function pdfFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.pdf'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const cell = (text: string | undefined): string =>
  text === undefined ? '—' : text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const titleRows = [
  '| Fichier | Titre des métadonnées (avant) | Titre retenu (après) | Règle | Pages illisibles |',
  '| --- | --- | --- | --- | --- |',
];
const pageRows = [
  '| Fichier | Page | Mots | Mots courants | Lettres | Voyelles | Caractères cassés | Illisible |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];
for (const root of roots) {
  for (const file of await pdfFiles(root)) {
    const relativePath = path.relative(root, file);
    const shown = path.join(path.basename(path.resolve(root)), relativePath);
    const bytes = await fs.readFile(file);
    const reply = await extractPdf({ bytes: new Uint8Array(bytes), maxPages: 500 });
    if (reply.kind !== 'extracted') {
      titleRows.push(`| ${cell(shown)} | — | — | échec : ${cell(reply.kind)} | — |`);
      continue;
    }
    const garbled: number[] = [];
    for (const page of reply.pages) {
      const quality = measureText(normalisePdfText(page.text));
      const reason = garbledReason(quality);
      if (reason !== undefined) garbled.push(page.page);
      const percent = (share: number): string => `${Math.round(share * 100)} %`;
      pageRows.push(
        `| ${cell(shown)} | ${page.page} | ${quality.words} | ${percent(quality.frequentShare)} | ${percent(quality.letterShare)} | ${percent(quality.vowelShare)} | ${percent(quality.brokenShare)} | ${cell(reason ?? 'non')} |`,
      );
    }
    const before = reply.metadataTitle;
    const rejected = before === undefined ? undefined : implausibleTitleReason(before);
    let after: string;
    let rule: string;
    try {
      let document = pdfDocument(reply, relativePath);
      const sidecar = await fs.readFile(pdfMetadataPath(file), 'utf8').catch(() => undefined);
      if (sidecar !== undefined) document = applyPdfMetadata(document, sidecar);
      after = document.title;
      rule = document.titleSource ?? '?';
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      after = '—';
      rule = `échec : ${error.code}`;
    }
    const beforeCell = `${cell(before)}${rejected === undefined ? '' : ` (écarté : ${rejected})`}`;
    titleRows.push(
      `| ${cell(shown)} | ${beforeCell} | ${cell(after)} | ${rule} | ${garbled.length === 0 ? '—' : garbled.join(', ')} |`,
    );
  }
}
process.stdout.write(`${titleRows.join('\n')}\n`);
if (values.pages) process.stdout.write(`\n${pageRows.join('\n')}\n`);
