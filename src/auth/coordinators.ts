import fs from 'node:fs/promises';
import type { AuthConfig } from '../config.ts';
import { ReperesError } from '../errors.ts';

/** Who is a coordinator: an allow-list of e-mail addresses and whole domains. */
export interface AllowList {
  /** Whether this e-mail address is listed, or its domain is. */
  includes: (email: string) => boolean;
  /** How many entries the list holds (0: nobody is a coordinator through it). */
  size: number;
}

/**
 * Builds the allow-list from entries: `agent@example.fr` (one address), `@example.fr` or
 * `example.fr` (every address of that domain, not its subdomains).
 * @param entries the entries, in any case
 */
export function createAllowList(entries: readonly string[]): AllowList {
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry.startsWith('@')) domains.add(entry.slice(1));
    else if (entry.includes('@')) emails.add(entry);
    else domains.add(entry);
  }
  return {
    size: emails.size + domains.size,
    includes: (email) => {
      const address = email.trim().toLowerCase();
      const at = address.lastIndexOf('@');
      if (at <= 0) return false;
      return emails.has(address) || domains.has(address.slice(at + 1));
    },
  };
}

/**
 * Reads COORDINATORS and COORDINATORS_FILE (one entry per line, `#` starts a comment).
 * @param config the auth settings
 */
export async function loadAllowList(
  config: Pick<AuthConfig, 'coordinators' | 'coordinatorsFile'>,
): Promise<AllowList> {
  const entries = [...config.coordinators];
  if (config.coordinatorsFile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(config.coordinatorsFile, 'utf8');
    } catch (error) {
      throw new ReperesError(
        'invalid_config',
        `COORDINATORS_FILE : impossible de lire ${config.coordinatorsFile}.`,
        { cause: error },
      );
    }
    for (const line of text.split('\n')) entries.push(line.replace(/#.*/, ''));
  }
  return createAllowList(entries);
}
