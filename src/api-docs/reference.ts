/**
 * The API reference page's content, read from the OpenAPI document (the one source of the
 * contract): each operation with its parameters, body and answers, and each named schema
 * with its fields. The page renders this; nothing here is written twice.
 */

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The parts of an OpenAPI 3.1 document the page reads (what zod-to-openapi writes). */
export interface OpenApiSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  required?: string[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: OpenApiSchema;
}

interface OpenApiMedia {
  schema?: OpenApiSchema;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { description?: string; content?: Record<string, OpenApiMedia> };
  responses?: Record<string, { description?: string; content?: Record<string, OpenApiMedia> }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Partial<Record<(typeof methods)[number], OpenApiOperation>>>;
  components?: {
    schemas?: Record<string, OpenApiSchema>;
    securitySchemes?: Record<string, { description?: string }>;
  };
}

/** A type in words: text, and the named schemas it points to (linked on the page). */
export type TypePart = { text: string } | { ref: string };

export interface FieldView {
  /** Dotted for a nested field (`hits[].url`). */
  name: string;
  type: TypePart[];
  required: boolean;
  description: string | undefined;
  /** Bounds, default, allowed values, in words. */
  rules: string[];
}

export interface ParameterView {
  name: string;
  location: string;
  required: boolean;
  description: string | undefined;
  example: string | undefined;
  type: TypePart[];
  rules: string[];
}

export interface OperationView {
  /** The anchor on the page. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | undefined;
  authenticated: boolean;
  parameters: ParameterView[];
  body:
    | {
        description: string | undefined;
        mediaTypes: string[];
        type: TypePart[];
        fields: FieldView[];
      }
    | undefined;
  /** The answers worth reading here: successes, and errors said otherwise than usual. */
  responses: ResponseView[];
  /** The other error statuses, described once in the errors table. */
  errors: string[];
}

export interface ResponseView {
  status: string;
  description: string;
  mediaTypes: string[];
  type: TypePart[];
}

/** An error status, what it means most often, and the `error.code` values it carries. */
export interface ErrorView {
  status: string;
  id: string;
  description: string;
  codes: string[];
}

export interface SchemaView {
  name: string;
  id: string;
  description: string | undefined;
  type: TypePart[];
  fields: FieldView[];
}

export interface ApiReference {
  title: string;
  version: string;
  description: string | undefined;
  serverUrl: string | undefined;
  security: { name: string; description: string | undefined }[];
  operations: OperationView[];
  errors: ErrorView[];
  schemas: SchemaView[];
}

const locations: Record<string, string> = {
  query: 'requête',
  path: 'chemin',
  header: 'en-tête',
  cookie: 'cookie',
};

/** The anchor of a named schema on the page. */
export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

export function operationAnchor(method: string, path: string): string {
  return `${method}-${path}`
    .toLowerCase()
    .replace(/[{}]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function errorAnchor(status: string): string {
  return `erreur-${status}`;
}

const errorSchemaName = /^Error\d{3}$/;

export function buildApiReference(document: OpenApiDocument): ApiReference {
  const found: [string, string, OpenApiOperation][] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (operation !== undefined) found.push([method, path, operation]);
    }
  }
  // Each error status is said once, with its usual meaning; an operation that means
  // something else by it (`/readyz`'s 503) keeps its own line.
  const usual = usualErrors(found.map(([, , operation]) => operation));
  const componentSchemas = document.components?.schemas ?? {};
  const errors = [...usual.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, description]) => ({
      status,
      id: errorAnchor(status),
      description,
      codes: errorCodes(componentSchemas[`Error${status}`]),
    }));
  const operations = found.map(([method, path, operation]) =>
    operationView(method, path, operation, usual),
  );
  const schemas = Object.entries(componentSchemas)
    .filter(([name]) => !errorSchemaName.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => ({
      name,
      id: schemaAnchor(name),
      description: schema.description,
      type: typeParts(schema),
      fields: fieldsOf(schema),
    }));
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description,
    serverUrl: document.servers?.[0]?.url,
    security: Object.entries(document.components?.securitySchemes ?? {}).map(([name, scheme]) => ({
      name,
      description: scheme.description,
    })),
    operations,
    errors,
    schemas,
  };
}

/** The most frequent description of each error status (4xx, 5xx) across operations. */
function usualErrors(operations: OpenApiOperation[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const operation of operations)
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!isError(status)) continue;
      const byDescription = counts.get(status) ?? new Map<string, number>();
      const description = response.description ?? '';
      byDescription.set(description, (byDescription.get(description) ?? 0) + 1);
      counts.set(status, byDescription);
    }
  return new Map(
    [...counts.entries()].map(([status, byDescription]) => [
      status,
      [...byDescription.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
    ]),
  );
}

function isError(status: string): boolean {
  return /^[45]\d\d$/.test(status);
}

/** The `error.code` values an error schema allows. */
function errorCodes(schema: OpenApiSchema | undefined): string[] {
  const code = schema?.properties?.['error']?.properties?.['code'];
  const values = code?.enum ?? (code?.const === undefined ? [] : [code.const]);
  return values.map(String);
}

function operationView(
  method: string,
  path: string,
  operation: OpenApiOperation,
  usual: Map<string, string>,
): OperationView {
  const answers = Object.entries(operation.responses ?? {});
  const ordinary = ([status, response]: (typeof answers)[number]) =>
    isError(status) && usual.get(status) === (response.description ?? '');
  const body = operation.requestBody;
  const bodyMedia = Object.entries(body?.content ?? {});
  const bodySchema = bodyMedia[0]?.[1].schema;
  return {
    id: operationAnchor(method, path),
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? '',
    description: operation.description,
    // Declared, or implied by a 401 (the writes take a session as well as a token).
    authenticated: (operation.security ?? []).length > 0 || '401' in (operation.responses ?? {}),
    parameters: (operation.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      location: locations[parameter.in] ?? parameter.in,
      required: parameter.required === true,
      description: parameter.description ?? parameter.schema?.description,
      example: exampleText(parameter.example ?? parameter.schema?.example),
      type: typeParts(parameter.schema ?? {}),
      rules: rulesOf(parameter.schema ?? {}),
    })),
    body:
      body === undefined
        ? undefined
        : {
            description: body.description,
            mediaTypes: bodyMedia.map(([type]) => type),
            type: typeParts(bodySchema ?? {}),
            fields: bodySchema?.$ref === undefined ? fieldsOf(bodySchema ?? {}) : [],
          },
    responses: answers
      .filter((answer) => !ordinary(answer))
      .map(([status, response]) => {
        const media = Object.entries(response.content ?? {});
        const schema = media[0]?.[1].schema;
        return {
          status,
          description: response.description ?? '',
          mediaTypes: media.map(([type]) => type),
          type: schema === undefined ? [] : typeParts(schema),
        };
      }),
    errors: answers.filter(ordinary).map(([status]) => status),
  };
}

/** A parameter's example as written in a URL or a header. */
function exampleText(example: unknown): string | undefined {
  if (example === undefined) return undefined;
  if (Array.isArray(example)) return example.map(String).join(', ');
  return typeof example === 'string' ? example : JSON.stringify(example);
}

const typeWords: Record<string, string> = {
  string: 'texte',
  integer: 'entier',
  number: 'nombre',
  boolean: 'booléen',
  object: 'objet',
  array: 'liste',
  null: 'null',
};

/** `string` → texte, `$ref` → the schema's name, an array → « liste de … », unions with « ou ». */
export function typeParts(schema: OpenApiSchema): TypePart[] {
  if (schema.$ref !== undefined) return [{ ref: schema.$ref.replace('#/components/schemas/', '') }];
  const union = schema.oneOf ?? schema.anyOf;
  if (union !== undefined) return joinParts(union.map(typeParts), ' ou ');
  if (schema.allOf !== undefined) return joinParts(schema.allOf.map(typeParts), ' et ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? ''];
  const parts = types
    .filter((type) => type !== '')
    .map((type): TypePart[] =>
      type === 'array' && schema.items !== undefined
        ? [{ text: 'liste de ' }, ...typeParts(schema.items)]
        : [{ text: typeWords[type] ?? type }],
    );
  if (parts.length === 0)
    return [{ text: schema.const === undefined ? 'quelconque' : 'constante' }];
  return joinParts(parts, ' ou ');
}

function joinParts(groups: TypePart[][], separator: string): TypePart[] {
  return groups.flatMap((group, index) => (index === 0 ? group : [{ text: separator }, ...group]));
}

const number = new Intl.NumberFormat('fr-FR');

/** The bounds, the allowed values and the default, in French. */
export function rulesOf(schema: OpenApiSchema): string[] {
  const rules: string[] = [];
  const values = schema.enum ?? schema.items?.enum;
  if (values !== undefined) rules.push(`valeurs : ${values.map(String).join(', ')}`);
  if (schema.const !== undefined) rules.push(`vaut ${JSON.stringify(schema.const)}`);
  if (schema.minimum !== undefined) rules.push(`au moins ${number.format(schema.minimum)}`);
  if (schema.maximum !== undefined) rules.push(`au plus ${number.format(schema.maximum)}`);
  if (schema.minLength !== undefined && schema.minLength > 0)
    rules.push(`${number.format(schema.minLength)} caractère(s) au moins`);
  if (schema.maxLength !== undefined)
    rules.push(`${number.format(schema.maxLength)} caractères au plus`);
  const itemMax = schema.items?.maxLength;
  if (itemMax !== undefined) rules.push(`${number.format(itemMax)} caractères au plus chacune`);
  if (schema.maxItems !== undefined)
    rules.push(`${number.format(schema.maxItems)} valeurs au plus`);
  if (schema.format !== undefined) rules.push(`format ${schema.format}`);
  if (schema.pattern !== undefined) rules.push(`forme ${schema.pattern}`);
  const fallback = schema.default;
  if (fallback !== undefined && !(Array.isArray(fallback) && fallback.length === 0))
    rules.push(
      `par défaut ${typeof fallback === 'string' ? `« ${fallback} »` : JSON.stringify(fallback)}`,
    );
  return rules;
}

/** An object's fields, the fields of its inline objects (and lists of them) nested by name. */
export function fieldsOf(schema: OpenApiSchema, prefix = '', depth = 0): FieldView[] {
  const properties = schema.properties;
  if (properties === undefined || depth > 3) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(properties).flatMap(([name, field]) => {
    const full = `${prefix}${name}`;
    const own: FieldView = {
      name: full,
      type: typeParts(field),
      required: required.has(name),
      description: field.description,
      rules: rulesOf(field),
    };
    const inner =
      field.properties !== undefined
        ? fieldsOf(field, `${full}.`, depth + 1)
        : field.items?.properties !== undefined
          ? fieldsOf(field.items, `${full}[].`, depth + 1)
          : [];
    return [own, ...inner];
  });
}
