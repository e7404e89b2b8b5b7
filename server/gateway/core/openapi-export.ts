import { stringify } from 'yaml';
import {
  compact,
  isObject,
  urlTemplateParts,
  type ExampleContract,
  type ImportedSchema,
  type OperationProperties,
  type ParameterContract,
  type RepresentationContract,
  type ResponseContract,
} from './openapi-import';

/** 'openapi' is OpenAPI 3.0 YAML, 'openapi+json' the same in JSON, 'swagger' Swagger 2.0 JSON. */
export type ExportFormat = 'openapi' | 'openapi+json' | 'swagger';

export interface ExportApiProperties {
  displayName: string;
  description?: string;
  serviceUrl?: string;
  path: string;
  protocols?: string[];
  subscriptionRequired?: boolean;
  subscriptionKeyParameterNames?: { header: string; query: string };
  apiVersion?: string;
  termsOfServiceUrl?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name?: string; url?: string };
}

export interface ExportInput {
  apiId: string;
  properties: ExportApiProperties;
  operations: Array<{ id: string; properties: OperationProperties }>;
  schema?: ImportedSchema;
  /** The gateway's base URL: the document's server is `${gatewayUrl}/${path}`, as APIM's is. */
  gatewayUrl: string;
}

type Json = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const DEFAULT_KEY_NAMES = { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' };
const SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * Writes an API, its operations and its schema entity as the document APIM's export gives:
 * the gateway as the server, the subscription key as the security scheme.
 */
export function exportOpenApi(input: ExportInput, format: ExportFormat): string {
  if (format === 'swagger') return JSON.stringify(swaggerDocument(input), null, 2);
  const document = openApiDocument(input);
  if (format === 'openapi+json') return JSON.stringify(document, null, 2);
  // Shared objects (one schema used twice) would otherwise become YAML anchors and aliases.
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0

function openApiDocument(input: ExportInput): Json {
  const { properties } = input;
  const schemas = input.schema?.document.components.schemas ?? {};
  const writer = new OperationWriter(schemas, 'openapi3');
  const security = subscriptionKeys(properties);
  const securitySchemes = security && {
    apiKeyHeader: { type: 'apiKey', name: security.header, in: 'header' },
    apiKeyQuery: { type: 'apiKey', name: security.query, in: 'query' },
  };
  const components = compact({
    schemas: Object.keys(schemas).length > 0 ? mapSchemas(schemas, toOpenApi30) : undefined,
    securitySchemes,
  });
  return compact({
    openapi: '3.0.1',
    info: info(properties),
    servers: [{ url: gatewayApiUrl(input) }],
    paths: writer.paths(input.operations),
    components: Object.keys(components).length > 0 ? components : undefined,
    security: security ? [{ apiKeyHeader: [] }, { apiKeyQuery: [] }] : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Swagger 2.0

function swaggerDocument(input: ExportInput): Json {
  const { properties } = input;
  const schemas = input.schema?.document.components.schemas ?? {};
  const writer = new OperationWriter(schemas, 'swagger2');
  const security = subscriptionKeys(properties);
  const url = new URL(gatewayApiUrl(input));
  return compact({
    swagger: '2.0',
    info: info(properties),
    host: url.host,
    basePath: url.pathname.replace(/\/+$/, '') || '/',
    schemes: [url.protocol.replace(/:$/, '')],
    securityDefinitions: security && {
      apiKeyHeader: { type: 'apiKey', name: security.header, in: 'header' },
      apiKeyQuery: { type: 'apiKey', name: security.query, in: 'query' },
    },
    security: security ? [{ apiKeyHeader: [] }, { apiKeyQuery: [] }] : undefined,
    paths: writer.paths(input.operations),
    definitions: Object.keys(schemas).length > 0 ? mapSchemas(schemas, toSwagger20) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Operations, for either dialect

type Dialect = 'openapi3' | 'swagger2';

class OperationWriter {
  constructor(
    private readonly schemas: Record<string, unknown>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * One path item per path. Two operations on the same method and path (APIM tells them apart
   * by their query templates) cannot both be written: the first one is.
   */
  paths(operations: ExportInput['operations']): Json {
    const paths: Record<string, Json> = {};
    for (const { id, properties } of operations) {
      const method = properties.method.toLowerCase();
      if (!METHODS.has(method) || (this.dialect === 'swagger2' && method === 'trace')) continue;
      const parts = urlTemplateParts(properties.urlTemplate);
      const path = parts.path.startsWith('/') ? parts.path : `/${parts.path}`;
      const item = (paths[path] ??= {});
      if (item[method] !== undefined) continue;
      item[method] =
        this.dialect === 'swagger2'
          ? this.swaggerOperation(id, properties, path, parts.query)
          : this.openApiOperation(id, properties, path, parts.query);
    }
    return paths;
  }

  private parameters(
    properties: OperationProperties,
    path: string,
    query: ReturnType<typeof urlTemplateParts>['query'],
  ): Json[] {
    const template = new Map(properties.templateParameters.map((p) => [p.name, p]));
    const names = [...new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''))];
    const inPath = names.map((name) =>
      this.parameter(template.get(name) ?? { name, type: 'string' }, 'path', true),
    );
    const inTemplateQuery = query.map(({ name, parameter, value }) => {
      const found = parameter !== undefined ? template.get(parameter) : undefined;
      if (found) return this.parameter({ ...found, name }, 'query', true);
      const fixed = value ?? '';
      return this.parameter(
        { name, type: 'string', values: [fixed], defaultValue: fixed },
        'query',
        true,
      );
    });
    const request = properties.request;
    return [
      ...inPath,
      ...inTemplateQuery,
      ...(request?.queryParameters ?? []).map((p) => this.parameter(p, 'query', p.required)),
      ...(request?.headers ?? []).map((p) => this.parameter(p, 'header', p.required)),
    ];
  }

  private parameter(p: ParameterContract, place: string, required: boolean | undefined): Json {
    const base = {
      name: p.name,
      in: place,
      description: p.description,
      required: required === true ? true : undefined,
    };
    if (this.dialect === 'swagger2')
      return compact({ ...base, ...this.swaggerType(p), ...swaggerExample(p.examples) });
    return compact({ ...base, schema: this.schemaOf(p), ...openApiExamples(p.examples) });
  }

  /** A parameter's schema: its component when it names one, else its type, values and default. */
  private schemaOf(p: ParameterContract): Json {
    const ref = this.ref(p.typeName);
    if (ref) return ref;
    const type = schemaType(p.type);
    return compact({
      type,
      format: p.type === 'file' ? 'binary' : undefined,
      items: type === 'array' ? { type: 'string' } : undefined,
      enum: p.values && p.values.length > 0 ? p.values.map((v) => typed(v, type)) : undefined,
      default: p.defaultValue !== undefined ? typed(p.defaultValue, type) : undefined,
    });
  }

  private swaggerType(p: ParameterContract): Json {
    let type = p.type;
    const component = p.typeName !== undefined ? this.schemas[p.typeName] : undefined;
    if (isObject(component) && typeof component.type === 'string') type = component.type;
    if (type !== 'file') type = schemaType(type);
    // Only bodies have schemas in Swagger 2: an object parameter travels as a string.
    if (type === 'object') type = 'string';
    return compact({
      type,
      items: type === 'array' ? { type: 'string' } : undefined,
      enum: p.values && p.values.length > 0 ? p.values.map((v) => typed(v, type)) : undefined,
      default: p.defaultValue !== undefined ? typed(p.defaultValue, type) : undefined,
    });
  }

  private ref(typeName: string | undefined): Json | undefined {
    if (typeName === undefined || !Object.hasOwn(this.schemas, typeName)) return undefined;
    const prefix = this.dialect === 'swagger2' ? '#/definitions/' : COMPONENT_PREFIX;
    return { $ref: `${prefix}${pointerKey(typeName)}` };
  }

  /** A representation's schema: its component, or one written from its form parameters. */
  private bodySchema(representation: RepresentationContract): Json | undefined {
    const ref = this.ref(representation.typeName);
    if (ref) return ref;
    const form = representation.formParameters;
    if (!form || form.length === 0) return undefined;
    const required = form.filter((p) => p.required).map((p) => p.name);
    return compact({
      type: 'object',
      properties: Object.fromEntries(
        form.map((p) => [p.name, compact({ ...this.schemaOf(p), description: p.description })]),
      ),
      required: required.length > 0 ? required : undefined,
    });
  }

  private openApiOperation(
    id: string,
    properties: OperationProperties,
    path: string,
    query: ReturnType<typeof urlTemplateParts>['query'],
  ): Json {
    const parameters = this.parameters(properties, path, query);
    const representations = properties.request?.representations ?? [];
    return compact({
      summary: properties.displayName,
      description: properties.description,
      operationId: id,
      parameters: parameters.length > 0 ? parameters : undefined,
      requestBody:
        representations.length > 0
          ? compact({
              description: properties.request?.description,
              content: this.content(representations),
            })
          : undefined,
      responses: this.responses(properties.responses, (response) =>
        compact({
          description: response.description ?? '',
          headers: this.headers(response.headers),
          content:
            response.representations && response.representations.length > 0
              ? this.content(response.representations)
              : undefined,
        }),
      ),
    });
  }

  private content(representations: RepresentationContract[]): Json {
    return Object.fromEntries(
      representations.map((r) => [
        r.contentType,
        compact({ schema: this.bodySchema(r), ...openApiExamples(r.examples) }),
      ]),
    );
  }

  private headers(headers: ParameterContract[] | undefined): Json | undefined {
    if (!headers || headers.length === 0) return undefined;
    return Object.fromEntries(
      headers.map((h) => {
        const { name: _name, in: _in, ...header } = this.parameter(h, 'header', h.required);
        // Swagger 2's header objects cannot say whether a header is always sent.
        if (this.dialect === 'swagger2') delete header.required;
        return [h.name, header];
      }),
    );
  }

  private responses(
    responses: ResponseContract[],
    write: (response: ResponseContract) => Json,
  ): Json {
    if (responses.length === 0) return { '200': { description: 'OK' } };
    return Object.fromEntries(
      responses.map((r) => [r.statusCode === 0 ? 'default' : String(r.statusCode), write(r)]),
    );
  }

  private swaggerOperation(
    id: string,
    properties: OperationProperties,
    path: string,
    query: ReturnType<typeof urlTemplateParts>['query'],
  ): Json {
    const parameters = this.parameters(properties, path, query);
    const representations = properties.request?.representations ?? [];
    const form = representations.find((r) => r.formParameters && r.formParameters.length > 0);
    if (form?.formParameters) {
      parameters.push(...form.formParameters.map((p) => this.parameter(p, 'formData', p.required)));
    } else if (representations.length > 0) {
      const withSchema = representations.find((r) => this.ref(r.typeName) !== undefined);
      parameters.push(
        compact({
          name: 'body',
          in: 'body',
          description: properties.request?.description,
          required: withSchema ? true : undefined,
          schema: (withSchema && this.ref(withSchema.typeName)) ?? {},
        }),
      );
    }
    const produces = [
      ...new Set(
        properties.responses.flatMap((r) => (r.representations ?? []).map((x) => x.contentType)),
      ),
    ];
    const consumes = [...new Set(representations.map((r) => r.contentType))];
    return compact({
      summary: properties.displayName,
      description: properties.description,
      operationId: id,
      consumes: consumes.length > 0 ? consumes : undefined,
      produces: produces.length > 0 ? produces : undefined,
      parameters: parameters.length > 0 ? parameters : undefined,
      responses: this.responses(properties.responses, (response) => {
        const representations = response.representations ?? [];
        const withSchema = representations.find((r) => this.ref(r.typeName) !== undefined);
        const examples = representations.flatMap((r): Array<[string, unknown]> => {
          const first = r.examples ? Object.values(r.examples)[0] : undefined;
          return first && Object.hasOwn(first, 'value') ? [[r.contentType, first.value]] : [];
        });
        return compact({
          description: response.description ?? '',
          schema: withSchema && this.ref(withSchema.typeName),
          headers: this.headers(response.headers),
          examples: examples.length > 0 ? Object.fromEntries(examples) : undefined,
        });
      }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas: the entity holds OpenAPI 3 components; each dialect gets what it can read

type SchemaRewrite = (key: string, value: unknown, schema: Json) => Json | undefined;

// Children of these keys are named schemas (a property called "nullable"), never keywords.
const NAMED_KEYS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
// Literal values are data, copied as they are.
const LITERAL_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default']);

function mapSchemas(schemas: Record<string, unknown>, rewrite: SchemaRewrite): Json {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, rewriteSchema(schema, rewrite)]),
  );
}

function rewriteSchema(schema: unknown, rewrite: SchemaRewrite): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rewriteSchema(s, rewrite));
  if (!isObject(schema)) return schema;
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (LITERAL_KEYS.has(key) || key.startsWith('x-')) result[key] = value;
    else if (NAMED_KEYS.has(key) && isObject(value)) result[key] = mapSchemas(value, rewrite);
    else result[key] = rewriteSchema(value, rewrite);
  }
  const extra: Json = {};
  for (const [key, value] of Object.entries(result)) {
    const replaced = rewrite(key, value, result);
    if (replaced) {
      delete result[key];
      Object.assign(extra, replaced);
    }
  }
  return Object.assign(result, extra);
}

/** OpenAPI 3.1 (JSON Schema 2020-12) words OpenAPI 3.0 says otherwise. */
const toOpenApi30: SchemaRewrite = (key, value) => {
  if (key === 'type' && Array.isArray(value)) {
    const types: unknown[] = value.filter((t) => t !== 'null');
    return compact({ type: types[0], nullable: types.length < value.length ? true : undefined });
  }
  if (key === 'const') return { enum: [value] };
  if (key === 'examples' && Array.isArray(value)) return value.length ? { example: value[0] } : {};
  return undefined;
};

/** Swagger 2's schemas know fewer words: the others are kept as extensions. */
const toSwagger20: SchemaRewrite = (key, value, schema) => {
  const to30 = toOpenApi30(key, value, schema);
  if (to30) return 'nullable' in to30 ? { type: to30.type, 'x-nullable': true } : to30;
  if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX))
    return { $ref: `#/definitions/${value.slice(COMPONENT_PREFIX.length)}` };
  if (
    ['nullable', 'oneOf', 'anyOf', 'not', 'writeOnly', 'deprecated'].includes(key) ||
    (key === 'discriminator' && isObject(value))
  )
    return { [`x-${key}`]: value };
  return undefined;
};

// ---------------------------------------------------------------------------------------------
// Small pure helpers

function info(properties: ExportApiProperties): Json {
  const license = properties.license?.name ? compact({ ...properties.license }) : undefined;
  return compact({
    title: properties.displayName,
    description: properties.description,
    version: properties.apiVersion ?? '1.0',
    termsOfService: properties.termsOfServiceUrl,
    contact: properties.contact ? compact({ ...properties.contact }) : undefined,
    license,
  });
}

function gatewayApiUrl(input: ExportInput): string {
  const base = input.gatewayUrl.replace(/\/+$/, '');
  const path = input.properties.path.replace(/^\/+|\/+$/g, '');
  return path === '' ? base : `${base}/${path}`;
}

/** APIM asks for a subscription key unless the API says otherwise. */
function subscriptionKeys(
  properties: ExportApiProperties,
): { header: string; query: string } | undefined {
  if (properties.subscriptionRequired === false) return undefined;
  return properties.subscriptionKeyParameterNames ?? DEFAULT_KEY_NAMES;
}

function schemaType(type: string): string {
  return SCHEMA_TYPES.has(type) ? type : 'string';
}

/** APIM keeps defaults and enums as strings; the document gives them their type back. */
function typed(value: string, type: string): unknown {
  if (type === 'integer' || type === 'number') {
    const number = Number(value);
    return value.trim() !== '' && Number.isFinite(number) ? number : value;
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array' || type === 'object') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** One plain example is written as `example`, as most documents do; several as `examples`. */
function openApiExamples(examples: Record<string, ExampleContract> | undefined): Json {
  if (!examples) return {};
  const names = Object.keys(examples);
  const only = examples.default;
  if (names.length === 1 && only && Object.keys(only).length === 1 && 'value' in only)
    return { example: only.value };
  if (names.length === 0) return {};
  return {
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, example]) => [name, compact({ ...example })]),
    ),
  };
}

function swaggerExample(examples: Record<string, ExampleContract> | undefined): Json {
  const first = examples ? Object.values(examples)[0] : undefined;
  return first && 'value' in first ? { 'x-example': first.value } : {};
}

function pointerKey(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
