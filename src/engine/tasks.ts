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

/**
 * Waits for a task and checks its final status: the client's `waitTask` resolves even when
 * the task failed.
 */
export async function settle(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: 120_000, interval: 25 });
  if (task.status !== 'succeeded') throw new IndexTaskError(task, what);
  return task;
}
