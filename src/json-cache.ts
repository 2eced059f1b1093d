import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { privateDirMode, privateFileMode } from './data-dir.ts';

/**
 * A cache kept as a JSON file in DATA_DIR (link checks, OCR): a missing, unreadable or
 * foreign file is simply not used, and a write never leaves half a file.
 */

/** The file's content when it is JSON that fits the schema; otherwise undefined. */
export async function readJsonCache<Schema extends z.ZodType>(
  file: string,
  schema: Schema,
): Promise<z.infer<Schema> | undefined> {
  const raw = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Writes the body as JSON, atomically (a reader never sees half a file), private to the service. */
export async function writeJsonCache(file: string, body: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: privateDirMode });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(body), { mode: privateFileMode });
  await fs.rename(temporary, file);
}
