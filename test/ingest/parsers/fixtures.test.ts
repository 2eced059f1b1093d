import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  parseDefi,
  parseMarkdown,
  parsePdf,
  parsePost,
  parseSource,
  parseYamlPage,
  ParseError,
  type ParsedDocument,
  type ParseOptions,
  type SourceFile,
} from '../../../ingest/parsers/index.ts';
import { testParseOptions } from './options.ts';

/**
 * Fixture-driven parser tests: every `test/fixtures/parsers/<parser>/<case>/` holds an
 * `input.*` file, an `expected.json` (the ParsedDocument, or `{ "error": { code, message } }`)
 * and optionally a `case.json` (`relativePath`, `pdfMaxPages`). `UPDATE=1` rewrites the
 * expected files from the parsers' current output instead of comparing.
 */

type Parser = (file: SourceFile, options: ParseOptions) => Promise<ParsedDocument>;

/** The folder of cases → the parser they exercise (`source` and `front-matter`: the dispatcher). */
const parsers: Record<string, Parser> = {
  'markdown-extras': parseMarkdown,
  defi: parseDefi,
  'front-matter': parseSource,
  markdown: parseMarkdown,
  pdf: parsePdf,
  post: parsePost,
  source: parseSource,
  'yaml-page': parseYamlPage,
};

interface CaseSettings {
  relativePath?: string;
  pdfMaxPages?: number;
}

const fixturesRoot = path.resolve(import.meta.dirname, '../../fixtures/parsers');
const update = process.env['UPDATE'] === '1';

/** Sub-folders of a folder, sorted. */
async function subfolders(dir: string): Promise<string[]> {
  return (await fs.readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const folders = await subfolders(fixturesRoot);
const casesOf = new Map(
  await Promise.all(
    folders.map(
      async (folder) => [folder, await subfolders(path.join(fixturesRoot, folder))] as const,
    ),
  ),
);

describe('parser fixtures', () => {
  it('has a parser for every fixture folder', () => {
    assert.deepEqual(
      folders.filter((folder) => parsers[folder] === undefined),
      [],
      'dossier de fixtures sans parser associé',
    );
  });

  for (const folder of folders) {
    const parse = parsers[folder];
    if (parse === undefined) continue;
    describe(folder, () => {
      for (const name of casesOf.get(folder) ?? []) {
        it(name, async () => {
          const dir = path.join(fixturesRoot, folder, name);
          const actual = await runCase(dir, name, parse);
          const expectedFile = path.join(dir, 'expected.json');
          if (update) {
            await fs.writeFile(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
            return;
          }
          const expected: unknown = JSON.parse(await fs.readFile(expectedFile, 'utf8'));
          assert.deepEqual(actual, expected);
        });
      }
    });
  }
});

/** Parses a case's input and returns what expected.json holds: the document as JSON, or the error. */
async function runCase(dir: string, name: string, parse: Parser): Promise<unknown> {
  const files = await fs.readdir(dir);
  const input = files.find((file) => file.startsWith('input.'));
  assert.ok(input !== undefined, `${dir} : pas de fichier input.*`);
  const settings = files.includes('case.json')
    ? (JSON.parse(await fs.readFile(path.join(dir, 'case.json'), 'utf8')) as CaseSettings)
    : {};
  const file: SourceFile = {
    relativePath: settings.relativePath ?? `${name}${path.extname(input)}`,
    bytes: await fs.readFile(path.join(dir, input)),
  };
  const options: ParseOptions = {
    ...testParseOptions,
    ...(settings.pdfMaxPages === undefined ? {} : { pdfMaxPages: settings.pdfMaxPages }),
  };
  try {
    return JSON.parse(JSON.stringify(await parse(file, options))) as unknown;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { error: { code: error.code, message: error.message } };
  }
}
