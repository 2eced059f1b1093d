import path from 'node:path';
import { parseArgs } from 'node:util';
import { toCliFailure } from '../../src/cli/cli-failure.ts';
import { buildGuidePdfs } from './build-guide-pdfs.ts';

/**
 * `npm run build:guides [-- SOURCES OUT]`: renders every Markdown file of `guides/sources/`
 * (or SOURCES) to `guides/pdf/<same name>.pdf` (or OUT). The PDFs are committed, so run it
 * after editing a source; exits 1, writing nothing, if a source is invalid.
 */

const root = path.resolve(import.meta.dirname, '../..');
const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const sourcesDir = path.resolve(positionals[0] ?? path.join(root, 'guides/sources'));
const outDir = path.resolve(positionals[1] ?? path.join(root, 'guides/pdf'));
const numbers = new Intl.NumberFormat('fr-FR');

try {
  const built = await buildGuidePdfs({ sourcesDir, outDir });
  if (built.length === 0) console.log(`Aucun guide Markdown dans ${sourcesDir}.`);
  for (const guide of built) {
    console.log(
      `${path.relative(process.cwd(), guide.output)} : ${guide.pageCount} pages, ${numbers.format(guide.bytes)} octets`,
    );
  }
} catch (error) {
  const failure = toCliFailure(error, 'Guides PDF non construits (aucun fichier écrit)');
  console.error(failure.message);
  if (!failure.expected) console.error(error);
  process.exitCode = failure.exitCode;
}
