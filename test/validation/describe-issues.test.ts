import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { describeIssues, keysOf } from '../../src/validation/describe-issues.ts';

const schema = z.object({
  topics: z.array(z.object({ slug: z.string().regex(/^[a-z]+$/, 'doit être un slug') })),
  limit: z.number().max(50, 'doit valoir au plus 50'),
});
const failure = (input: unknown): z.ZodError => {
  const parsed = schema.safeParse(input);
  assert.ok(parsed.error, 'the input is invalid');
  return parsed.error;
};

describe('describeIssues', () => {
  it('names each field by its dotted path, French colon by default, one line per issue', () => {
    assert.deepEqual(
      describeIssues(failure({ topics: [{ slug: 'ok' }, { slug: 'A B' }], limit: 51 })),
      ['topics.1.slug : doit être un slug', 'limit : doit valoir au plus 50'],
    );
  });

  it('calls an issue about the whole input (racine)', () => {
    assert.match(describeIssues(failure('texte'))[0] ?? '', /^\(racine\) : /);
  });

  it('takes the caller’s wording: a name, a separator, a suffix', () => {
    const lines = describeIssues(failure({ topics: [{ slug: 'A' }], limit: 51 }), {
      name: (path) => `« ${keysOf(path)} »`,
      separator: ': ',
      suffix: (issue) => ` [${issue.code}]`,
    });
    assert.deepEqual(lines, [
      '« topics.slug »: doit être un slug [invalid_format]',
      '« limit »: doit valoir au plus 50 [too_big]',
    ]);
  });
});
