import fs from 'node:fs/promises';
import path from 'node:path';
import { ReperesError } from '../../src/errors.ts';
import { GuideSourceError } from './errors.ts';
import { renderGuidePdf } from './render-guide-pdf.ts';

/** Where the guide sources are read and their PDFs written. */
export interface BuildGuidesOptions {
  /** Folder of Markdown sources (searched recursively). */
  sourcesDir: string;
  /** Folder that receives `<same relative path>.pdf`. */
  outDir: string;
}

/** One PDF written by the build. */
export interface BuiltGuide {
  source: string;
  output: string;
  pageCount: number;
  bytes: number;
}

/** Every source that could not be rendered, each with its reason. */
export class GuideBuildError extends ReperesError {
  override name = 'GuideBuildError';
  constructor(readonly failures: GuideSourceError[]) {
    super('invalid_guide_sources', failures.map((failure) => failure.message).join('\n'), {
      cause: failures[0],
    });
  }
}

/**
 * Renders every Markdown file below `sourcesDir` to a PDF of the same relative path in
 * `outDir`. Writes nothing if any source is invalid, and then throws `GuideBuildError`.
 */
export async function buildGuidePdfs(options: BuildGuidesOptions): Promise<BuiltGuide[]> {
  const sources = await listSources(options.sourcesDir);
  const rendered: { source: string; output: string; pdf: Buffer; pageCount: number }[] = [];
  const failures: GuideSourceError[] = [];
  for (const source of sources) {
    const relative = path.relative(options.sourcesDir, source);
    try {
      const { pdf, pageCount } = await renderGuidePdf(await fs.readFile(source, 'utf8'), relative);
      const output = path.join(options.outDir, relative.replace(/\.(md|markdown)$/i, '.pdf'));
      rendered.push({ source, output, pdf, pageCount });
    } catch (error) {
      if (!(error instanceof GuideSourceError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new GuideBuildError(failures);
  const built: BuiltGuide[] = [];
  for (const { source, output, pdf, pageCount } of rendered) {
    await fs.mkdir(path.dirname(output), { recursive: true });
    await fs.writeFile(output, pdf);
    built.push({ source, output, pageCount, bytes: pdf.length });
  }
  return built;
}

/** Markdown files below `dir`, in a stable order. */
async function listSources(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
