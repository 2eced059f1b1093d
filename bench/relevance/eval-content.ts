import fs from 'node:fs/promises';
import path from 'node:path';
import { resourceIdOf } from '../../src/content/ids.ts';
import { contentRoots, type ContentRoot } from '../../src/content/roots.ts';
import type { Answer, AnswerRoot } from './query-set.ts';

/** What the evaluations index: the project's guides and the development corpus beside it. */

const root = path.resolve(import.meta.dirname, '../..');

export const evalFolders: Record<AnswerRoot, string> = {
  corpus: path.resolve(root, '../shared/corpus'),
  guides: path.join(root, 'guides'),
};

/** Stops the evaluation (exit 2) when the corpus is not beside the project. */
export async function requireCorpus(): Promise<void> {
  try {
    await fs.access(evalFolders.corpus);
  } catch {
    console.error(
      `Corpus introuvable : ${evalFolders.corpus}. L'évaluation porte sur ../shared/corpus.`,
    );
    process.exit(2);
  }
}

/** The two content roots, as the pipeline keys them. */
export const evalRoots: ContentRoot[] = contentRoots([evalFolders.guides, evalFolders.corpus]);

function rootOf(name: AnswerRoot): ContentRoot {
  const found = evalRoots.find((candidate) => candidate.path === path.resolve(evalFolders[name]));
  if (found === undefined) throw new Error(`no content root for ${name}`);
  return found;
}

/**
 * The pipeline's id for a judged file (its content folder's key and its path there), or
 * for one entry of a programme data file: `data/personnes.yml#anne-catel` is the resource
 * `data/personnes/anne-catel` (see ingest/programme/sync-programme.ts).
 */
export const idOfAnswer = (answer: Pick<Answer, 'root' | 'relativePath' | 'entry'>): string =>
  resourceIdOf(
    rootOf(answer.root).key,
    answer.entry === undefined
      ? answer.relativePath
      : `${answer.relativePath.replace(/\.ya?ml$/, '')}/${answer.entry}`,
  );
