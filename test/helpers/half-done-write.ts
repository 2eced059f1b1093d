import { ContentStore } from '../../src/publishing/content-store.ts';
import { silentLogger } from './meili.ts';

/**
 * A process that runs a publication's steps up to the rename and no further, then waits
 * to be killed: `node --import tsx half-done-write.ts <store dir> <file name> <text>`.
 * It prints `renamed` once the new file is in place, uncommitted.
 */

const [dir, name, text] = process.argv.slice(2);
if (dir === undefined || name === undefined || text === undefined)
  throw new Error('usage: half-done-write.ts <store dir> <file name> <text>');
const { store } = await ContentStore.open({ dir, rootKey: 'publications', logger: silentLogger });
await store.noteIntent([name]);
await store.writeFiles([{ path: name, bytes: Buffer.from(text) }]);
process.stdout.write('renamed\n');
// The commit would come next: the test kills the process here.
setInterval(() => undefined, 60_000);
