import type { z } from 'zod';

/**
 * Zod issues as French sentences, the one formatter: configuration, API parameters, page
 * parameters and data files all name what was wrong the same way. `z.prettifyError` is
 * not used: its English layout (« ✖ … → at path ») does not fit messages for people.
 */

export type Issue = z.core.$ZodIssue;

export interface IssueFormat {
  /** The name shown for a path (dot-joined string keys); the path itself by default. */
  name?: (path: string) => string;
  /** The name of the whole input, for issues at its root. */
  root?: string;
  /** Whether list positions show in paths (« topics.3.label »); parameters leave them out. */
  positions?: boolean;
  /** One line from the name and the message; « name : message » by default. */
  line?: (name: string, message: string, issue: Issue) => string;
}

/**
 * The field or parameter an issue is about: its keys joined with dots, '' at the root.
 * @param issue one issue of a zod error
 * @param positions whether list positions are kept (`topic.0` → `topic` without them)
 */
export function issuePath(issue: Issue, positions = true): string {
  return issue.path
    .filter((part) => typeof part === 'string' || (positions && typeof part === 'number'))
    .map(String)
    .join('.');
}

/**
 * One line per issue, in order.
 * @param error the error of a failed `safeParse`
 * @param format how names and lines are written
 */
export function formatIssues(error: z.ZodError, format: IssueFormat = {}): string[] {
  const { name = (path: string) => path, root = '(racine)', positions = true } = format;
  const line = format.line ?? ((shown: string, message: string) => `${shown} : ${message}`);
  return error.issues.map((issue) => {
    const path = issuePath(issue, positions);
    return line(path === '' ? root : name(path), issue.message, issue);
  });
}
