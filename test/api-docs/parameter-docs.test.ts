import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '../../src/api-docs/openapi.ts';
import { loadTaxonomy } from '../../src/content/topics.ts';
import { projectRoot } from '../helpers/service.ts';

/** Every parameter of every route, as the OpenAPI document gives it. */
interface Parameter {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: { description?: string; example?: unknown; examples?: unknown[] };
}

const document = buildOpenApiDocument(
  await loadTaxonomy(path.join(projectRoot, 'guides/topics.yml')),
) as unknown as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

const parameters = Object.entries(document.paths).flatMap(([route, item]) =>
  Object.entries(item).flatMap(([method, operation]) =>
    (operation.parameters ?? []).map((parameter) => ({
      where: `${method.toUpperCase()} ${route} ${parameter.in} « ${parameter.name} »`,
      parameter,
    })),
  ),
);

/** French: accented letters or the usual small words; never a bare identifier. */
const looksFrench = (text: string) =>
  /[àâçéèêëîïôûùü’]|\b(le|la|les|de|des|du|un|une|et|ou|en|par|pour)\b/i.test(text);

describe('the parameters of the API', () => {
  it('are many enough for the walk to mean something', () => {
    assert.ok(parameters.length >= 30, `${parameters.length} parameters found`);
  });

  it('each have a description in French and an example', () => {
    const missing = parameters
      .filter(({ parameter }) => {
        const description = parameter.description ?? parameter.schema?.description ?? '';
        const example =
          parameter.example ??
          parameter.schema?.example ??
          parameter.schema?.examples?.[0] ??
          Object.values(parameter.examples ?? {})[0];
        return !looksFrench(description) || example === undefined;
      })
      .map(({ where }) => where);
    assert.deepEqual(
      missing,
      [],
      `without a French description or an example:\n${missing.join('\n')}`,
    );
  });
});
