import path from 'node:path';
import { readJsonLines } from './read-json-lines.ts';
import { eventLogFile, type ClickEvent } from './log-files.ts';

/**
 * How often each resource was opened from search results over the last days, read from the
 * click log: the review queue puts the most read first among resources equally overdue.
 * Page views are not logged (no tracking beyond result clicks), so this is the one measure.
 */
export async function readCountsFromClicks(options: {
  /** The analytics folder (DATA_DIR/analytics). */
  dir: string;
  now: Date;
  /** How far back clicks count; default 90 days. */
  days?: number;
}): Promise<Map<string, number>> {
  const from = new Date(options.now.getTime() - (options.days ?? 90) * 24 * 60 * 60 * 1000);
  const fromIso = from.toISOString();
  const counts = new Map<string, number>();
  await readJsonLines(path.join(options.dir, eventLogFile), (value) => {
    const event = value as Partial<ClickEvent>;
    if (event.type !== 'click' || typeof event.at !== 'string' || event.at < fromIso) return;
    const id = typeof event.url === 'string' ? resourceIdOfPath(event.url) : undefined;
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

/** The resource a result link opens: its page (`/ressources/<id>#…`) or its file (`/api/resources/<id>/file`). */
export function resourceIdOfPath(url: string): string | undefined {
  const match = /^\/(?:ressources|api\/resources)\/([^/?#]+)/.exec(url);
  if (match?.[1] === undefined) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // A hand-made address with a broken escape names no resource.
    return undefined;
  }
}
