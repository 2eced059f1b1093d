import type { ContentRoot } from '../src/content/roots.ts';
import { UnprocessableError } from '../src/errors.ts';
import type { PublishHooks } from '../src/publishing/publish-hooks.ts';
import { ParseWorkerError } from './parse-pool.ts';
import { splitFrontMatter } from './parsers/front-matter.ts';
import { applyPdfMetadata } from './parsers/pdf-metadata-file.ts';
import { ParseError } from './parsers/types.ts';
import { syncContent, type PipelineDeps } from './pipeline.ts';

/**
 * The ingester's side of publishing: the same parsers (in the parse pool) check a file
 * before it is written, and the single-file sync indexes it once committed.
 */
export function createPublishHooks(deps: PipelineDeps, roots: ContentRoot[]): PublishHooks {
  return {
    async check(file) {
      try {
        const parsed = await deps.parsePool.parse(
          { relativePath: file.relativePath, bytes: file.bytes },
          {
            pdfMaxPages: deps.limits.pdfMaxPages,
            promotions: deps.promotions,
            ...(deps.ocr === undefined ? {} : { ocr: deps.ocr }),
          },
        );
        if (file.metadata !== undefined) applyPdfMetadata(parsed, file.metadata);
      } catch (error) {
        throw asUnprocessable(error);
      }
    },
    splitFrontMatter(text) {
      try {
        const { data, body } = splitFrontMatter(text);
        return { data, body };
      } catch (error) {
        throw asUnprocessable(error);
      }
    },
    async sync(absolutePaths) {
      const summary = await syncContent(deps, { roots, files: absolutePaths });
      const failure = summary.failed[0];
      // Checked before it was written, a file that fails now failed for another reason.
      if (failure !== undefined)
        throw new Error(`indexing ${failure.path} failed: ${failure.code} ${failure.reason}`);
    },
  };
}

function asUnprocessable(error: unknown): unknown {
  if (error instanceof ParseError || error instanceof ParseWorkerError) {
    return new UnprocessableError(`Le fichier est refusé : ${error.message}.`, error.code, {
      cause: error,
    });
  }
  return error;
}
