import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { privateDirMode, privateFileMode } from '../data-dir.ts';

/**
 * Where the link check (`npm run check-links`) hands its broken links to the review
 * queue: one JSON file under DATA_DIR, replaced whole after each run. The check writes
 * it with `writeBrokenLinks`; the queue reads it with `readBrokenLinks`.
 */

/**
 * Why a link counts as broken: an HTTP status (404, 500…), a timeout or a network error;
 * or `moved`: it works but was moved for good (301, 308), a lower-priority item.
 */
export const linkFailureSchema = z.union([
  z.object({ kind: z.literal('status'), status: z.number().int() }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('error'), code: z.string() }),
  z.object({ kind: z.literal('moved'), target: z.url() }),
]);
export type LinkFailure = z.infer<typeof linkFailureSchema>;

export const brokenLinkSchema = z.object({
  /** The resource whose content holds the link. */
  resourceId: z.string().min(1),
  /** The link's target, as written in the content. */
  href: z.url(),
  /** The section the link stands in (its heading anchor), when known. */
  anchor: z.string().optional(),
  failure: linkFailureSchema,
  /** ISO timestamp of the check that found it broken. */
  checkedAt: z.iso.datetime(),
});
export type BrokenLink = z.infer<typeof brokenLinkSchema>;

export const brokenLinksFileSchema = z.object({
  checkedAt: z.iso.datetime(),
  links: z.array(brokenLinkSchema),
});
export type BrokenLinksFile = z.infer<typeof brokenLinksFileSchema>;

/** The file, under DATA_DIR, the link check writes and the review queue reads. */
export function brokenLinksFile(dataDir: string): string {
  return path.join(dataDir, 'link-check', 'broken-links.json');
}

/** Broken links of the last check; none when no check ran yet. */
export async function readBrokenLinks(file: string): Promise<BrokenLink[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return brokenLinksFileSchema.parse(JSON.parse(text)).links;
}

/** Replaces the file atomically (write then rename): readers never see half a report. */
export async function writeBrokenLinks(file: string, report: BrokenLinksFile): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: privateDirMode });
  const partial = `${file}.${process.pid}.tmp`;
  await fs.writeFile(partial, JSON.stringify(brokenLinksFileSchema.parse(report)), {
    mode: privateFileMode,
  });
  await fs.rename(partial, file);
}
