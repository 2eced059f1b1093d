import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * API tokens for scripts. A token is shown once, when created; the file keeps only its
 * SHA-256 (the token carries 256 random bits: a fast hash is enough). The file is read
 * again whenever it changes, so a token revoked by `npm run token -- revoke` stops
 * working at once, in every instance that shares the file.
 */

const tokenRecord = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  hash: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TokenRecord = z.infer<typeof tokenRecord>;
const tokenFile = z.object({ tokens: z.array(tokenRecord) });

/** What a token lists: everything but the hash. */
export type TokenSummary = Omit<TokenRecord, 'hash'>;

const TOKEN_PATTERN = /^rp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface ApiTokens {
  /** Creates a token; returns it (to show once) and its record. */
  create: (owner: { name: string; email: string }) => Promise<{ token: string; id: string }>;
  list: () => Promise<TokenSummary[]>;
  /** Revokes a token by id; false when there is no such token. */
  revoke: (id: string) => Promise<boolean>;
  /** Who a token belongs to, or undefined when it is unknown, malformed or revoked. */
  verify: (token: string) => Promise<{ id: string; name: string; email: string } | undefined>;
}

/**
 * The tokens kept in one JSON file (mode 0600).
 * @param file where the tokens are kept
 * @param now the clock
 */
export function fileApiTokens(file: string, now: () => Date = () => new Date()): ApiTokens {
  let cache: { key: string; records: TokenRecord[] } | undefined;

  const read = async (): Promise<TokenRecord[]> => {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (cache?.key === key) return cache.records;
    const records = tokenFile.parse(JSON.parse(await fs.readFile(file, 'utf8'))).tokens;
    cache = { key, records };
    return records;
  };

  const write = async (records: TokenRecord[]): Promise<void> => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ tokens: records }, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
    cache = undefined;
  };

  return {
    create: async (owner) => {
      const id = randomBytes(6).toString('hex');
      const token = `rp_${id}_${randomBytes(32).toString('base64url')}`;
      const records = await read();
      await write([
        ...records,
        {
          id,
          name: owner.name,
          email: owner.email.trim().toLowerCase(),
          hash: hashToken(token),
          createdAt: now().toISOString(),
          revokedAt: null,
        },
      ]);
      return { token, id };
    },
    list: async () => (await read()).map(({ hash: _hash, ...summary }) => summary),
    revoke: async (id) => {
      const records = await read();
      const found = records.find((record) => record.id === id);
      if (found === undefined) return false;
      await write(
        records.map((record) =>
          record.id === id
            ? { ...record, revokedAt: record.revokedAt ?? now().toISOString() }
            : record,
        ),
      );
      return true;
    },
    verify: async (token) => {
      const match = TOKEN_PATTERN.exec(token);
      if (match === null) return undefined;
      const record = (await read()).find((candidate) => candidate.id === match[1]);
      if (record === undefined || record.revokedAt !== null) return undefined;
      const expected = Buffer.from(record.hash, 'hex');
      const given = Buffer.from(hashToken(token), 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return { id: record.id, name: record.name, email: record.email };
    },
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
