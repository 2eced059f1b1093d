import type { Request } from 'express';
import type { z } from 'zod';
import { InvalidParameterError } from '../errors.ts';
import { formatIssues, issuePath } from '../validation/format-issues.ts';

/** Parses a request part with a zod schema; a 400 names the first bad parameter. */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const parameter = first === undefined ? '' : issuePath(first, false);
  // « limit: … », as the API has always written it (clients may match on it).
  const message = formatIssues(parsed.error, {
    root: 'requête',
    positions: false,
    line: (name, text) => `${name}: ${text}`,
  }).join(' ; ');
  throw new InvalidParameterError(message, parameter || undefined);
}

/** The query string of a request, parsed by a schema. */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  req: Request,
): z.infer<Schema> {
  return parseRequest(schema, req.query);
}
