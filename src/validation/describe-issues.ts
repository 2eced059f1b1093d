import type { z } from 'zod';

/**
 * The one zod issue formatter: one French line per issue, naming the field at fault, in
 * each caller's wording (an environment variable, a query parameter, a key of a data file).
 */

export interface IssueFormat {
  /** What to call the field an issue is about; by default its path, dotted, or `(racine)`. */
  name?: (path: readonly PropertyKey[]) => string;
  /** Between the name and the message; French typography by default (` : `). */
  separator?: string;
  /** Appended to the message (the value received, a final full stop…). */
  suffix?: (issue: z.core.$ZodIssue) => string;
}

const defaults: Required<IssueFormat> = {
  name: (path) => (path.length === 0 ? '(racine)' : path.map(String).join('.')),
  separator: ' : ',
  suffix: () => '',
};

/**
 * One line per issue: `<name><separator><message><suffix>`.
 * @param error the failed parse
 * @param format how to name fields and join the parts
 */
export function describeIssues(error: z.ZodError, format: IssueFormat = {}): string[] {
  const { name, separator, suffix } = { ...defaults, ...format };
  return error.issues.map(
    (issue) => `${name(issue.path)}${separator}${issue.message}${suffix(issue)}`,
  );
}

/** The string keys of a path (array indexes dropped): a parameter's name, as sent. */
export function keysOf(path: readonly PropertyKey[]): string {
  return path.filter((part) => typeof part === 'string').join('.');
}
