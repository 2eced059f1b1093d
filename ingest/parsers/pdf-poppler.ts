import { spawn } from 'node:child_process';
import type { PdfJob, PdfReply } from './pdf-protocol.ts';
import { largestText, metadataTitleSuffices, type TextRun } from './pdf-title.ts';

/**
 * Poppler's `pdfinfo` and `pdftotext` (Debian `poppler-utils`) behind the same interface as
 * pdf.js (`pdf-extract.ts`): 3 to 6 times faster on the same pages (see bench/ingest-speed.ts),
 * and its memory is the child's, given back when it exits. The PDF goes through stdin
 * (`fd://0`): no temporary file.
 */

/** A child that runs over this is killed (the parse pool gives up on the file then too). */
const childTimeoutMs = 60_000;
/** Most text one PDF may give, in bytes: beyond, the file is refused rather than held. */
const maxOutputBytes = 256 * 1024 * 1024;

let available: Promise<boolean> | undefined;

/** True when `pdftotext` and `pdfinfo` can be run (checked once per thread). */
export function popplerAvailable(): Promise<boolean> {
  available ??= Promise.all([run('pdftotext', ['-v']), run('pdfinfo', ['-v'])]).then(
    (runs) => runs.every((each) => each.code === 0),
    () => false,
  );
  return available;
}

/** Extracts a PDF's metadata and per-page text with pdfinfo and pdftotext. */
export async function extractWithPoppler(job: PdfJob): Promise<PdfReply> {
  // Both at once (a file's time is mostly the two processes' start): the text stops at
  // the page limit, and is dropped when pdfinfo says the file is over it.
  // `-raw`: content-stream order, as pdf.js reads it (99.8 % of words in the same order on
  // the corpus and test PDFs; the default reading order mixed table cells and page numbers).
  const infoRun = run('pdfinfo', ['-isodates', '-enc', 'UTF-8', 'fd://0'], job.bytes);
  const textRun = run(
    'pdftotext',
    ['-raw', '-enc', 'UTF-8', '-l', String(job.maxPages), 'fd://0', '-'],
    job.bytes,
  );
  // Awaited below; a failure to start (pdfinfo missing too) is the one that surfaces first.
  textRun.catch(() => undefined);
  // Page 1 once more with each word's box, only when the metadata title will not do: the
  // largest text, the title rule's second choice (pdf-title.ts), needs sizes that the plain
  // text does not carry, and a process more per file is a third of a small file's time.
  const info = await infoRun;
  const firstPageRun =
    info.code === 0 && !metadataTitleSuffices(infoFields(info.stdout).get('Title'))
      ? run(
          'pdftotext',
          ['-bbox-layout', '-enc', 'UTF-8', '-f', '1', '-l', '1', 'fd://0', '-'],
          job.bytes,
        )
      : undefined;
  const [text, firstPage] = await Promise.all([textRun, firstPageRun]);
  if (info.code !== 0) return failure(info.stderr);
  const fields = infoFields(info.stdout);
  const pageCount = Number(fields.get('Pages'));
  if (!Number.isInteger(pageCount) || pageCount < 0) {
    return { kind: 'corrupt', detail: 'nombre de pages illisible' };
  }
  if (pageCount > job.maxPages) {
    return { kind: 'too_many_pages', pageCount, detail: `${pageCount} pages` };
  }
  if (text.code !== 0) return failure(text.stderr);
  // Every page ends with a form feed, an empty one too.
  const pages = text.stdout.split('\f').slice(0, pageCount);
  const reply: PdfReply = {
    kind: 'extracted',
    pageCount,
    pages: Array.from({ length: pageCount }, (_, index) => ({
      page: index + 1,
      text: pages[index] ?? '',
    })),
  };
  const title = fields.get('Title');
  if (title !== undefined) reply.metadataTitle = title;
  if (firstPage?.code === 0) {
    const largest = largestText(boxedRuns(firstPage.stdout));
    if (largest !== undefined) reply.largestText = largest;
  }
  const author = fields.get('Author');
  if (author !== undefined) reply.metadataAuthor = author;
  // pdfinfo may write an offset without minutes (`+01`), which Date does not read.
  const created = new Date((fields.get('CreationDate') ?? '').replace(/([+-]\d\d)$/, '$1:00'));
  if (!Number.isNaN(created.getTime())) reply.createdAt = created.toISOString();
  return reply;
}

function failure(stderr: string): PdfReply {
  const detail = stderr.trim().split('\n').pop() || 'lecture interrompue';
  return { kind: /incorrect password/i.test(stderr) ? 'encrypted' : 'corrupt', detail };
}

const xmlEntities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/**
 * The words of `pdftotext -bbox-layout` as text runs: a word's box height stands for its
 * font size (the ascent and descent of the font at that size), which is what the largest
 * text compares; a line ends after its last word.
 */
export function boxedRuns(xhtml: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const line of xhtml.split(/<line\b/).slice(1)) {
    const words = [
      ...line.matchAll(/<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
    ];
    words.forEach((word, index) => {
      const text = (word[3] ?? '').replace(
        /&(?:amp|lt|gt|quot|apos);/g,
        (entity) => xmlEntities[entity] ?? entity,
      );
      const last = index === words.length - 1;
      runs.push({
        text: last ? text : `${text} `,
        size: Number(word[2]) - Number(word[1]),
        endsLine: last,
      });
    });
  }
  return runs;
}

/** `Key:   value` lines of pdfinfo; empty values left out. */
function infoFields(stdout: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([A-Za-z][A-Za-z ]*):\s*(.*)$/.exec(line);
    const value = match?.[2]?.trim();
    if (match?.[1] !== undefined && value !== undefined && value !== '') {
      fields.set(match[1], value);
    }
  }
  return fields;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command, feeding it `input`; resolves with what it wrote, whatever its exit code. */
function run(command: string, args: string[], input?: Uint8Array): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: childTimeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutputBytes) child.kill('SIGKILL');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: size > maxOutputBytes ? null : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    // A child that exits before reading all of its input (a bad file) closes the pipe.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
