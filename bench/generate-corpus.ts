import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from './bench-pipeline.ts';

/**
 * A seeded generator of French-like corpora for the scale bench (issue 17): Markdown guides
 * with front matter and headings (one section per `##`), and PDFs (one section per page).
 * The words are those of the project's own guides (guides/*.md), drawn with their observed
 * frequencies, so that the index sees a French vocabulary with a natural skew; the same seed
 * and the same guides give the same files, byte for byte (PDFs: their creation date is fixed).
 *
 * `node --import tsx bench/generate-corpus.ts <dir> [sections] [seed]` writes one.
 */

export interface GenerateOptions {
  /** Folder to write into (created; it should be empty). */
  dir: string;
  /** Sections wanted in all (Markdown `##` sections plus PDF pages), approximately. */
  sections: number;
  seed?: number;
  /** Share of the sections that are PDF pages (0 for Markdown only). */
  pdfShare?: number;
}

export interface GeneratedCorpus {
  markdownFiles: number;
  pdfFiles: number;
  /** Sections written: `##` sections of the Markdown files and PDF pages. */
  sections: number;
  bytes: number;
}

/** Sections per Markdown guide and pages per PDF. */
const SECTIONS_PER_GUIDE = 10;
const PAGES_PER_PDF = 10;
/** Below the ingester's chunk size (ingest/chunk-text.ts): one record per section. */
const MAX_SECTION_CHARS = 1300;

/** mulberry32: small, seeded, good enough to spread the draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of the guides with their counts, most frequent first (ties by word: deterministic). */
export async function guideVocabulary(guidesDir = path.join(projectRoot, 'guides')): Promise<{
  words: string[];
  counts: number[];
}> {
  const counts = new Map<string, number>();
  const files = (await fs.readdir(guidesDir)).filter((name) => name.endsWith('.md')).sort();
  for (const name of files) {
    const text = await fs.readFile(path.join(guidesDir, name), 'utf8');
    // Letters only (accents and inner apostrophes or hyphens kept): no URL, code nor number.
    for (const match of text
      .replace(/\(https?:[^)]*\)|`[^`]*`/g, ' ')
      .matchAll(/\p{L}+(?:['’-]\p{L}+)*/gu)) {
      const word = match[0].toLowerCase().replace(/^[ldjnmst]['’]|^qu['’]/u, '');
      if (word.length < 2) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { words: sorted.map(([word]) => word), counts: sorted.map(([, count]) => count) };
}

/** Draws words following the given counts (cumulative table, binary search). */
function wordDrawer(
  vocabulary: { words: string[]; counts: number[] },
  random: () => number,
): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (const count of vocabulary.counts) cumulative.push((total += count));
  return () => {
    const draw = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > draw) high = middle;
      else low = middle + 1;
    }
    return vocabulary.words[low] ?? '';
  };
}

/** The taxonomy's topic slugs (guides/topics.yml), for front matter. */
async function topicSlugs(): Promise<string[]> {
  const data = z
    .object({ topics: z.array(z.object({ slug: z.string() })) })
    .parse(parseYaml(await fs.readFile(path.join(projectRoot, 'guides/topics.yml'), 'utf8')));
  return data.topics.map((topic) => topic.slug);
}

/** Writes a corpus; see the module's comment. */
export async function generateCorpus(options: GenerateOptions): Promise<GeneratedCorpus> {
  const random = seededRandom(options.seed ?? 17);
  const word = wordDrawer(await guideVocabulary(), random);
  const topics = await topicSlugs();
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const phrase = (min: number, max: number) =>
    Array.from({ length: between(min, max) }, word).join(' ');
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const sentence = () => `${capitalised(phrase(6, 18))}.`;
  const paragraph = () => {
    let text = '';
    for (let count = between(3, 7); count > 0; count--) {
      const next = sentence();
      if (text.length + next.length + 1 > MAX_SECTION_CHARS) break;
      text = text === '' ? next : `${text} ${next}`;
    }
    return text;
  };

  const pdfSections = Math.round(options.sections * (options.pdfShare ?? 0.1));
  const pdfFiles = Math.ceil(pdfSections / PAGES_PER_PDF);
  const markdownFiles = Math.ceil(
    (options.sections - pdfFiles * PAGES_PER_PDF) / SECTIONS_PER_GUIDE,
  );
  const result: GeneratedCorpus = { markdownFiles, pdfFiles, sections: 0, bytes: 0 };
  // Folders of at most 500 files, as a real content tree is split.
  const folderOf = (kind: string, n: number) =>
    path.join(options.dir, kind, `lot-${String(Math.floor(n / 500)).padStart(3, '0')}`);

  for (let n = 0; n < markdownFiles; n++) {
    const folder = folderOf('guides', n);
    if (n % 500 === 0) await fs.mkdir(folder, { recursive: true });
    const title = capitalised(phrase(3, 8));
    const chosen = [
      ...new Set([topics[between(0, topics.length - 1)], topics[between(0, topics.length - 1)]]),
    ];
    const lines = [
      '---',
      `title: ${JSON.stringify(title)}`,
      `summary: ${JSON.stringify(sentence())}`,
      `topics: [${chosen.join(', ')}]`,
      '---',
      '',
    ];
    for (let section = 0; section < SECTIONS_PER_GUIDE; section++) {
      lines.push(`## ${capitalised(phrase(2, 6))} ${n}-${section}`, '', paragraph(), '');
    }
    const text = lines.join('\n');
    await fs.writeFile(path.join(folder, `guide-${String(n).padStart(6, '0')}.md`), text);
    result.sections += SECTIONS_PER_GUIDE;
    result.bytes += Buffer.byteLength(text);
  }

  for (let n = 0; n < pdfFiles; n++) {
    const folder = folderOf('pdf', n);
    if (n % 500 === 0) await fs.mkdir(folder, { recursive: true });
    const file = path.join(folder, `document-${String(n).padStart(6, '0')}.pdf`);
    const document = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      info: { Title: capitalised(phrase(3, 8)), CreationDate: new Date(Date.UTC(2026, 0, 1)) },
    });
    const out = createWriteStream(file);
    document.pipe(out);
    for (let page = 0; page < PAGES_PER_PDF; page++) {
      document.addPage({ size: 'A4', margin: 56 });
      document.fontSize(14).text(capitalised(phrase(2, 6)));
      document.moveDown().fontSize(10).text(paragraph());
    }
    document.end();
    await finished(out);
    result.sections += PAGES_PER_PDF;
    result.bytes += (await fs.stat(file)).size;
  }
  return result;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const [dir, sections = '10000', seed = '17'] = process.argv.slice(2);
  if (dir === undefined) {
    console.error(
      'usage : node --import tsx bench/generate-corpus.ts <dossier> [sections] [graine]',
    );
    process.exit(2);
  }
  const started = performance.now();
  const corpus = await generateCorpus({ dir, sections: Number(sections), seed: Number(seed) });
  console.log(
    `${corpus.markdownFiles} guides Markdown, ${corpus.pdfFiles} PDF, ${corpus.sections} sections, ${(corpus.bytes / 1024 / 1024).toFixed(1)} Mio en ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
