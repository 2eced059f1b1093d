// Entry of the parse pool's worker threads. On Node 20 a worker started on a `.ts` file
// fails even though it inherits `--import tsx` (the hooks are not in place when its entry
// loads), so this small JavaScript file registers tsx first, then loads the TS worker.
import { register } from 'tsx/esm/api';

register();
const { parseInWorker } = await import('./parse-worker.ts');

export default parseInWorker;
