/**
 * Whether the index holds what the content folders hold, for `/readyz`: true once the
 * first sync since start has finished, or once the resources index counts exactly as
 * many records as the folders hold files (a replica starting on an index another one
 * keeps up to date). It never goes back to false: later syncs change a few files at a
 * time, and the service keeps serving meanwhile.
 */
export interface ContentSync {
  isSynced(): Promise<boolean>;
  /** The first sync since start has finished. */
  markSynced(): void;
  /** The first sync went through `done` files of `total` (the pipeline's progress). */
  recordProgress(done: number, total: number): void;
  /**
   * How far the first sync is, once it has counted the files and until it ends (or the
   * index is known to hold the content); undefined otherwise.
   */
  progress(): IndexingProgress | undefined;
}

export interface IndexingProgress {
  done: number;
  total: number;
}

export function trackContentSync(deps: {
  /** How many content files the folders hold. */
  countFiles: () => Promise<number>;
  /** How many resources the index holds. */
  countIndexed: () => Promise<number>;
}): ContentSync {
  let synced = false;
  let current: IndexingProgress | undefined;
  return {
    async isSynced() {
      if (synced) return true;
      const [files, indexed] = await Promise.all([deps.countFiles(), deps.countIndexed()]);
      if (files === indexed) synced = true;
      return synced;
    },
    markSynced() {
      synced = true;
    },
    recordProgress(done, total) {
      current = { done, total };
    },
    progress() {
      return synced || current === undefined ? undefined : { ...current };
    },
  };
}
