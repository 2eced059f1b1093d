import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from './helpers/service.ts';

/** Every `class X extends Y` of the project's own code, as written. */
async function errorClasses(): Promise<Map<string, { base: string; file: string }>> {
  const classes = new Map<string, { base: string; file: string }>();
  for (const folder of ['src', 'ingest', 'scripts']) {
    const entries = await fs.readdir(path.join(projectRoot, folder), {
      withFileTypes: true,
      recursive: true,
    });
    for (const entry of entries) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = await fs.readFile(file, 'utf8');
      for (const match of text.matchAll(/class (\w+) extends (\w+)/g)) {
        const [, name, base] = match;
        if (name !== undefined && base !== undefined && /Error$/.test(name)) {
          classes.set(name, { base, file: path.relative(projectRoot, file) });
        }
      }
    }
  }
  return classes;
}

describe('the error hierarchy', () => {
  it('every error class of the project extends ReperesError, directly or not', async () => {
    const classes = await errorClasses();
    assert.ok(classes.size >= 15, `found only ${classes.size} error classes`);
    const rootOf = (name: string, seen = new Set<string>()): string => {
      const base = classes.get(name)?.base;
      if (name === 'ReperesError' || base === undefined || seen.has(name)) return name;
      seen.add(name);
      return rootOf(base, seen);
    };
    const strays = [...classes]
      .filter(([name]) => name !== 'ReperesError' && rootOf(name) !== 'ReperesError')
      .map(([name, { base, file }]) => `${name} extends ${base} (${file})`);
    assert.deepEqual(strays, []);
  });
});
