import { AssertionError } from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Express } from 'express';
import request from 'supertest';

/**
 * Checks real responses against the app's own OpenAPI document (`/api/openapi.json`): the
 * path, the operation, the status and the content type must be documented, and a JSON
 * body must match the documented schema (Ajv, JSON Schema 2020-12, `$ref`s resolved to
 * the document's components). Anything undocumented fails the test.
 */

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

interface MediaType {
  schema?: unknown;
}
interface DocumentedResponse {
  content?: Record<string, MediaType>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** A response as any client sees it. */
export interface ObservedResponse {
  method: string;
  /** Path and query, as requested. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

const DOCUMENT_ID = 'https://reperes.invalid/openapi.json';

export interface ApiContract {
  /** Throws an AssertionError naming what the document does not allow. */
  check(response: ObservedResponse): void;
  /** Checks a response to an address the API does not serve: a documented-shape 404. */
  checkUnknownRoute(response: ObservedResponse): void;
}

/** A contract from an OpenAPI 3.1 document. */
export function apiContract(document: unknown): ApiContract {
  const doc = document as OpenApiDocument;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // The document's own fields are not JSON Schema: known to Ajv, they validate nothing, and
  // strict mode still refuses any other unknown keyword inside the schemas.
  ajv.addVocabulary([
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'paths',
    'webhooks',
    'components',
    'security',
    'tags',
    'externalDocs',
    'example',
  ]);
  ajv.addSchema(doc, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = validators.get(pointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      validators.set(pointer, validate);
    }
    return validate;
  };
  const validateBody = (pointer: string, response: ObservedResponse, what: string): void => {
    const validate = validatorAt(pointer);
    if (!validate(response.body)) {
      throw new AssertionError({
        message: `${what}: the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body, null, 2).slice(0, 2000)}`,
      });
    }
  };

  return {
    check(response) {
      const pathname = new URL(response.url, 'http://localhost').pathname;
      const what = `${response.method} ${response.url} → ${response.status}`;
      const template = findTemplate(Object.keys(doc.paths), pathname);
      if (template === undefined) fail(`${what}: path not in the OpenAPI document`);
      const method = response.method.toLowerCase();
      const operation = doc.paths[template]?.[method];
      if (operation === undefined) fail(`${what}: no ${method} operation for ${template}`);
      const documented = operation.responses[String(response.status)];
      if (documented === undefined) {
        fail(
          `${what}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`,
        );
      }
      const mediaType = response.contentType?.split(';')[0]?.trim();
      if (documented.content === undefined) return;
      if (mediaType === undefined || documented.content[mediaType] === undefined) {
        fail(
          `${what}: content type ${mediaType ?? '(none)'} not documented (documented: ${Object.keys(documented.content).join(', ')})`,
        );
      }
      if (mediaType !== 'application/json') return;
      validateBody(
        `/paths/${escape(template)}/${method}/responses/${response.status}/content/${escape(mediaType)}/schema`,
        response,
        what,
      );
    },
    checkUnknownRoute(response) {
      const what = `${response.method} ${response.url} → ${response.status}`;
      const pathname = new URL(response.url, 'http://localhost').pathname;
      if (findTemplate(Object.keys(doc.paths), pathname) !== undefined) {
        fail(`${what}: this path is documented, check it with check()`);
      }
      if (response.status !== 404) fail(`${what}: an unknown API address must answer 404`);
      validateBody('/components/schemas/Error404', response, what);
    },
  };
}

/**
 * supertest on an app, every response checked against the app's `/api/openapi.json`.
 * `get` is for documented routes; `getUnknown` for addresses the API must not serve.
 */
export async function contractClient(app: Express): Promise<{
  contract: ApiContract;
  get: (url: string) => request.Test;
  getUnknown: (url: string) => request.Test;
}> {
  const documentResponse = await request(app).get('/api/openapi.json').expect(200);
  const contract = apiContract(documentResponse.body);
  contract.check(observed('GET', '/api/openapi.json', documentResponse));
  return {
    contract,
    get: (url) =>
      request(app)
        .get(url)
        .expect((res) => contract.check(observed('GET', url, res))),
    getUnknown: (url) =>
      request(app)
        .get(url)
        .expect((res) => contract.checkUnknownRoute(observed('GET', url, res))),
  };
}

/** A supertest response as the contract sees it. */
export function observed(method: string, url: string, res: request.Response): ObservedResponse {
  return {
    method,
    url,
    status: res.status,
    contentType: res.headers['content-type'],
    body: res.body as unknown,
  };
}

/** A fetch response as the contract sees it (reads the body). */
export async function observedFetch(
  url: string,
  response: globalThis.Response,
  method = 'GET',
): Promise<ObservedResponse> {
  const contentType = response.headers.get('content-type') ?? undefined;
  const text = await response.text();
  return {
    method,
    url: new URL(url).pathname + new URL(url).search,
    status: response.status,
    contentType,
    body: contentType?.startsWith('application/json') ? (JSON.parse(text) as unknown) : text,
  };
}

/** The documented path a request path falls under; literal segments beat parameters. */
function findTemplate(templates: string[], pathname: string): string | undefined {
  const segments = pathname.split('/');
  const matches = templates.filter((template) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => /^\{.+\}$/.test(part) || part === segments[i])
    );
  });
  const parameters = (template: string) => (template.match(/\{/g) ?? []).length;
  return matches.sort((a, b) => parameters(a) - parameters(b))[0];
}

/** A JSON pointer segment. */
function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
