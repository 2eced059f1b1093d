import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { formatIssues } from '../../src/validation/format-issues.ts';
import { GuideSourceError } from './errors.ts';

/** The front matter every guide source carries. */
export interface GuideMeta {
  title: string;
  summary: string;
  topics: string[];
  owner: string;
  /** Date of the last review, `YYYY-MM-DD`. */
  reviewed: string;
}

/** A guide source split into its metadata and its Markdown tree (front matter removed). */
export interface ParsedGuide {
  meta: GuideMeta;
  tree: Root;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** "absent" when the key is missing, else what was expected instead. */
const expected =
  (field: string, what: string) =>
  (issue: { input: unknown }): string =>
    issue.input === undefined ? `${field} : absent (${what})` : `${field} : ${what}`;

const requiredText = (field: string) =>
  z
    .string({ error: expected(field, 'texte attendu') })
    .trim()
    .min(1, { error: `${field} : ne doit pas être vide` });

const dateFormat = 'date attendue au format AAAA-MM-JJ';

const metaSchema = z.object({
  title: requiredText('title'),
  summary: requiredText('summary'),
  topics: z
    .array(requiredText('topics[]'), { error: expected('topics', 'liste de thématiques attendue') })
    .min(1, { error: 'topics : au moins une thématique attendue' }),
  owner: requiredText('owner'),
  reviewed: z
    .string({ error: expected('reviewed', dateFormat) })
    .refine((value) => isoDate.test(value) && isRealDate(value), {
      error: `reviewed : ${dateFormat}`,
    }),
});

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parses a guide source; throws a `GuideSourceError` naming `source` when its front matter is invalid. */
export function parseGuide(markdown: string, source: string): ParsedGuide {
  const tree = parser.parse(markdown);
  const [first] = tree.children;
  if (first?.type !== 'yaml') {
    throw new GuideSourceError(
      source,
      'front matter absent : le guide doit commencer par un bloc YAML entre deux lignes --- (title, summary, topics, owner, reviewed)',
    );
  }
  const meta = readMeta(first.value, source);
  return { meta, tree: { ...tree, children: tree.children.slice(1) } };
}

function readMeta(yaml: string, source: string): GuideMeta {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error !== undefined) {
    // The YAML starts on the file's second line, after the opening ---.
    const line = lineCounter.linePos(error.pos[0]).line + 1;
    throw new GuideSourceError(
      source,
      `front matter YAML invalide (ligne ${line}) : ${error.message}`,
      { cause: error },
    );
  }
  const result = metaSchema.safeParse(document.toJS());
  if (!result.success) {
    const problems = formatIssues(result.error, {
      // The schema's messages name their field; zod's own message for a wrong root type
      // names none: say what is expected.
      line: (_name, message, issue) =>
        issue.path.length === 0
          ? 'il doit être une table de clés (title, summary, topics, owner, reviewed)'
          : message,
    });
    throw new GuideSourceError(source, `front matter invalide : ${problems.join(' ; ')}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** Whether `YYYY-MM-DD` names a day of the calendar (2026-02-30 does not). */
function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
