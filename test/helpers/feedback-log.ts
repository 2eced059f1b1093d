import fs from 'node:fs/promises';
import path from 'node:path';
import type { Analytics } from '../../src/analytics/analytics.ts';
import type { FeedbackEvent } from '../../src/analytics/log-files.ts';

/** The « Cette page vous a-t-elle été utile ? » answers in the events log, once written. */
export async function feedbackLines(
  analytics: Analytics,
  dataDir: string,
): Promise<FeedbackEvent[]> {
  await analytics.feedback.flushed();
  const text = await fs
    .readFile(path.join(dataDir, 'analytics/events.jsonl'), 'utf8')
    .catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FeedbackEvent)
    .filter((event) => event.type === 'feedback');
}
