// Entry of the analytics' worker threads. On Node 20 a worker started on a `.ts` file fails
// even though it inherits `--import tsx`, so this file registers tsx first (as the parse
// pool's bootstrap does), then tallies its share of the search log and posts the tally.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { tallySearches } = await import('./tally-searches.ts');
parentPort.postMessage(await tallySearches(workerData));
