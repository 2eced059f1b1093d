import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { formatIssues, issuePath } from '../../src/validation/format-issues.ts';

const schema = z.object({
  limit: z.number({ error: 'doit être un nombre' }),
  topics: z.array(z.string({ error: 'texte attendu' })),
});

function failure(input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false);
  return parsed.error;
}

describe('formatIssues', () => {
  it('writes one « name : message » line per issue, in order', () => {
    assert.deepEqual(formatIssues(failure({ limit: 'x', topics: [1] })), [
      'limit : doit être un nombre',
      'topics.0 : texte attendu',
    ]);
  });

  it('names the root of the input when the issue has no path', () => {
    assert.match(formatIssues(failure('texte'), { root: 'requête' })[0] ?? '', /^requête : /);
  });

  it('shows the name a caller gives to a path, in the line it writes', () => {
    const lines = formatIssues(failure({ limit: 'x', topics: [] }), {
      name: (path) => (path === 'limit' ? 'nombre de résultats' : path),
      line: (name, message) => `Paramètre « ${name} » : ${message}.`,
    });
    assert.deepEqual(lines, ['Paramètre « nombre de résultats » : doit être un nombre.']);
  });
});

describe('issuePath', () => {
  it('joins the keys of the path, list positions included', () => {
    const [issue] = failure({ limit: 1, topics: [3] }).issues;
    assert.ok(issue !== undefined);
    assert.equal(issuePath(issue), 'topics.0');
  });

  it('leaves list positions out when asked, as for parameters', () => {
    const [issue] = failure({ limit: 1, topics: [3] }).issues;
    assert.ok(issue !== undefined);
    assert.equal(issuePath(issue, false), 'topics');
  });
});
