import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The key that signs session cookies: SESSION_SECRET, or one generated once into
 * `DATA_DIR/session-secret` (0600) and read back on every start, so sessions survive a
 * restart. Several instances must share SESSION_SECRET (or that file).
 * @param options the setting and the data folder
 */
export async function loadSessionSecret(options: {
  sessionSecret: string | undefined;
  dataDir: string;
}): Promise<string> {
  if (options.sessionSecret !== undefined) return options.sessionSecret;
  const file = path.join(options.dataDir, 'session-secret');
  // Written aside then linked into place: of two processes starting together, one
  // creates it whole and the other reads that one.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await fs.writeFile(temporary, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  const secret = (await fs.readFile(file, 'utf8')).trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds a session secret shorter than 32 characters`);
  }
  return secret;
}
