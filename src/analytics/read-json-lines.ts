import fs from 'node:fs/promises';

/**
 * Streaming reads of the analytics logs (JSON lines), with bounded memory: one chunk and the
 * partial line it ends with. A log may be split into line-aligned byte segments, so that
 * several threads read one log at once.
 */

/** Bytes `[start, end)` of a file; both on line starts (or the file's ends). */
export interface LogSegment {
  file: string;
  start: number;
  end: number;
}

/**
 * Calls `onValue` for each JSON line of the rotated file (`<file>.1`), then of the current
 * one; bad lines skipped, missing files too.
 */
export async function readJsonLines(
  file: string,
  onValue: (value: unknown) => void,
  /** A cheap test on the raw line: false skips it without parsing. */
  wanted: (line: string) => boolean = () => true,
): Promise<void> {
  for (const name of [`${file}.1`, file])
    await readSegmentLines({ file: name, start: 0, end: Infinity }, onValue, wanted);
}

/** Calls `onValue` for each JSON line of one segment; a missing file is an empty one. */
export async function readSegmentLines(
  segment: LogSegment,
  onValue: (value: unknown) => void,
  wanted: (line: string) => boolean = () => true,
): Promise<void> {
  const parse = (line: string): void => {
    if (line === '' || !wanted(line)) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A line cut short by a crash or a full disk: the others still count.
      return;
    }
    onValue(value);
  };
  if (segment.end <= segment.start) return;
  const handle = await fs.open(segment.file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (handle === undefined) return;
  const stream = handle.createReadStream({
    encoding: 'utf8',
    highWaterMark: 1024 * 1024,
    start: segment.start,
    ...(Number.isFinite(segment.end) ? { end: segment.end - 1 } : {}),
  });
  // Splitting large chunks here costs several times less than readline's async iterator.
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      parse(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  parse(rest);
}

/** The sizes of a log's rotated and current files, in reading order; missing ones left out. */
export async function logFiles(file: string): Promise<{ file: string; size: number }[]> {
  const files: { file: string; size: number }[] = [];
  for (const name of [`${file}.1`, file]) {
    const stat = await fs.stat(name).catch(() => undefined);
    if (stat !== undefined && stat.size > 0) files.push({ file: name, size: stat.size });
  }
  return files;
}

/**
 * Splits files read one after the other into `parts` runs of segments of about the same
 * size, each cut moved to the start of the next line: every line is read by one part only.
 */
export async function splitIntoParts(
  files: { file: string; size: number }[],
  parts: number,
): Promise<LogSegment[][]> {
  const total = files.reduce((sum, { size }) => sum + size, 0);
  const share = Math.ceil(total / parts);
  const result: LogSegment[][] = [];
  let current: LogSegment[] = [];
  let room = share;
  for (const { file, size } of files) {
    let start = 0;
    while (start < size) {
      if (size - start <= room || result.length === parts - 1) {
        current.push({ file, start, end: size });
        room -= size - start;
        break;
      }
      const cut = await nextLineStart(file, start + room, size);
      if (cut > start) current.push({ file, start, end: cut });
      result.push(current);
      current = [];
      room = share;
      start = cut;
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** The first line start at or after `offset` (`size` when the last line runs to the end). */
async function nextLineStart(file: string, offset: number, size: number): Promise<number> {
  if (offset <= 0) return 0;
  const handle = await fs.open(file);
  try {
    const buffer = Buffer.alloc(64 * 1024);
    // The byte before `offset` tells whether a line starts exactly there.
    for (let position = offset - 1; position < size; position += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      const newline = buffer.subarray(0, bytesRead).indexOf(10);
      if (newline !== -1) return position + newline + 1;
      if (bytesRead === 0) break;
    }
    return size;
  } finally {
    await handle.close();
  }
}
