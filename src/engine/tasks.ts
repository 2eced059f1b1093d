import type { EnqueuedTaskPromise, Task } from 'meilisearch';
import { ReperesError } from '../errors.ts';

/** Thrown when a Meilisearch task ends in any state but `succeeded`. */
export class IndexTaskError extends ReperesError {
  override name = 'IndexTaskError';
  constructor(
    readonly task: Task,
    what: string,
  ) {
    super(
      'index_task_failed',
      `La tâche Meilisearch « ${what} » (${task.type}, uid ${task.uid}) a échoué : ${
        task.error?.message ?? task.status
      }`,
    );
  }
}

let settled = 0;

/**
 * How many index tasks this process has seen end: every write (ingest, publish, retire,
 * rebuild) goes through `settle`, so a search result cached before a change is told apart
 * from one after it at the cost of reading a number (src/search/result-cache.ts).
 */
export function settledTasks(): number {
  return settled;
}

/**
 * Waits for a task and checks its final status: the client's `waitTask` resolves even when
 * the task failed.
 */
export async function settle(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
  try {
    const task = await enqueued.waitTask({ timeout: 120_000, interval: 25 });
    if (task.status !== 'succeeded') throw new IndexTaskError(task, what);
    return task;
  } finally {
    // Counted whatever the outcome: a task that timed out here may still have changed the index.
    settled += 1;
  }
}
