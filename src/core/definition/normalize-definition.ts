import type {
  ApiCatalog,
  ApiDefinition,
  ApiDefinitionHead,
  ApiExample,
  ApiMediaContent,
  ApiOperation,
  ApiOperationSummary,
  ApiParameter,
  ApiRequestBody,
  ApiResponse,
  ApiServer,
  HttpMethod,
  JsonSchema,
  ParameterLocation,
  SecurityRequirements,
  SecurityScheme,
  OAuthFlow,
  OAuthFlowKind,
  OAuthFlows,
  ServerVariable,
  SpecVersion,
} from './api-model';
import { DefinitionError } from './definition-error';
import { setOwn } from './resolve-refs';

type Obj = Record<string, unknown>;

const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const LOCATIONS = new Set<string>(['path', 'query', 'header', 'cookie']);
// Swagger 2.0 keeps a parameter's schema keywords on the parameter itself.
const SWAGGER2_SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
];

export interface NormalizeOptions {
  id: string;
  /** Absolute URL the document came from: relative server URLs resolve against it. */
  baseUrl?: string;
}

function asObj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A field meant as text, which YAML may have read as a number or boolean (`version: 1.0`): as
 * String gives it; an object or array where text belongs is shown as its JSON rather than as
 * "[object Object]".
 */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asSchema(value: unknown): JsonSchema | undefined {
  return asObj(value);
}

const MAX_WARNINGS = 100;

/** At most 100 warnings, then one that says how many more there were. */
export function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [
    ...warnings.slice(0, MAX_WARNINGS),
    `... and ${warnings.length - MAX_WARNINGS} more warnings`,
  ];
}

export function detectSpecVersion(doc: unknown, warnings: string[] = []): SpecVersion {
  const root = asObj(doc);
  if (!root || (root.openapi === undefined && root.swagger === undefined)) {
    throw new DefinitionError(
      'Not an OpenAPI or Swagger document: no "openapi" or "swagger" field',
    );
  }
  if (root.swagger !== undefined) {
    const version = scalarText(root.swagger);
    if (version === '2.0' || version === '2') {
      if (typeof root.swagger !== 'string')
        warnings.push('"swagger" should be the string "2.0", not a number');
      return 'swagger-2.0';
    }
    throw new DefinitionError(
      `Unsupported Swagger version "${version}": Portico reads Swagger 2.0 and OpenAPI 3.0 and 3.1`,
      { location: 'swagger' },
    );
  }
  const version = scalarText(root.openapi);
  if (typeof root.openapi !== 'string')
    warnings.push(`"openapi" should be a string such as "3.0.3", not a number`);
  // YAML reads an unquoted `openapi: 3.0` as the number 3.
  if (version === '3' || /^3\.0(\.|$)/.test(version)) return 'openapi-3.0';
  if (/^3\.1(\.|$)/.test(version)) return 'openapi-3.1';
  if (/^3\.\d+(\.|$)/.test(version)) {
    warnings.push(`OpenAPI ${version} is read as OpenAPI 3.1; newer features may be ignored`);
    return 'openapi-3.1';
  }
  throw new DefinitionError(
    `Unsupported OpenAPI version "${version}": Portico reads Swagger 2.0 and OpenAPI 3.0 and 3.1`,
    { location: 'openapi' },
  );
}

/**
 * Turns a parsed document whose $refs are already resolved into the portal's model. Never
 * copies schemas: the model points into the resolved document.
 */
export function normalizeDefinition(doc: unknown, options: NormalizeOptions): ApiDefinition {
  const warnings: string[] = [];
  const head = definitionHead(doc, options, warnings);
  const root = doc as Obj;
  const ctx = operationContext(root, head, warnings);

  const operations: ApiOperation[] = [];
  const paths = asObj(root.paths);
  if (!paths && root.webhooks === undefined) warnings.push('The document has no "paths"');
  for (const path of Object.keys(paths ?? {})) {
    const pathItem = asObj(paths?.[path]);
    if (!pathItem) continue;
    for (const method of METHODS) {
      const op = asObj(pathItem[method]);
      if (op) operations.push(normalizeOperation(path, method, pathItem, op, ctx));
    }
  }
  // After the operations, so their slugs do not depend on whether the document has webhooks.
  const webhooks = head.specVersion === 'openapi-3.1' ? asObj(root.webhooks) : undefined;
  for (const name of Object.keys(webhooks ?? {})) {
    const pathItem = asObj(webhooks?.[name]);
    if (!pathItem) continue;
    for (const method of METHODS) {
      const op = asObj(pathItem[method]);
      if (op) operations.push(normalizeOperation(name, method, pathItem, op, ctx, true));
    }
  }

  return {
    ...head,
    tags: collectTags(root.tags, operations),
    operations,
    warnings: capWarnings(warnings),
  };
}

/**
 * One operation of a document whose $refs are resolved at least under its path item
 * (resolveRefsUnder), as normalizeDefinition makes it: for opening an operation before the
 * whole document is resolved. `slug` is the one the catalog gave it (which depends on the
 * operations before it). Undefined when there is no such operation.
 */
export function normalizeOperationAt(
  doc: unknown,
  at: { path: string; method: HttpMethod; slug: string; webhook?: true },
  options: NormalizeOptions,
): ApiOperation | undefined {
  const root = asObj(doc);
  const pathItem = asObj(asObj(at.webhook ? root?.webhooks : root?.paths)?.[at.path]);
  const op = asObj(pathItem?.[at.method]);
  if (!root || !pathItem || !op) return undefined;
  // Warnings are the full pass's to give.
  const warnings: string[] = [];
  const head = definitionHead(doc, options, warnings);
  const operation = normalizeOperation(
    at.path,
    at.method,
    pathItem,
    op,
    operationContext(root, head, warnings),
    at.webhook,
  );
  operation.slug = at.slug;
  return operation;
}

function operationContext(
  root: Obj,
  head: Pick<ApiDefinitionHead, 'specVersion' | 'securitySchemes'>,
  warnings: string[],
): OperationContext {
  return {
    swagger2: head.specVersion === 'swagger-2.0',
    docSecurity: normalizeRequirements(root.security) ?? [],
    consumes: asArray(root.consumes).filter((c): c is string => typeof c === 'string'),
    produces: asArray(root.produces).filter((c): c is string => typeof c === 'string'),
    warnings,
    usedSlugs: new Set(),
    usedOperationIds: new Set(),
    securitySchemes: head.securitySchemes,
  };
}

/** Title, version, servers and security schemes: none of them needs resolved $refs. */
function definitionHead(
  doc: unknown,
  options: NormalizeOptions,
  warnings: string[],
): Omit<ApiDefinitionHead, 'tags' | 'warnings'> {
  const specVersion = detectSpecVersion(doc, warnings);
  const root = doc as Obj;
  const swagger2 = specVersion === 'swagger-2.0';
  const info = asObj(root.info);
  const title = asString(info?.title)?.trim();
  if (!title) warnings.push('info.title is missing');
  const description = asString(info?.description);
  return {
    id: options.id,
    title: title || 'Untitled API',
    version: scalarText(info?.version ?? ''),
    ...(description ? { description } : {}),
    specVersion,
    servers: swagger2
      ? swagger2Servers(root, options.baseUrl)
      : openApiServers(root.servers, options.baseUrl),
    ...(swagger2 ? {} : { serverTemplates: openApiServerTemplates(root.servers, options.baseUrl) }),
    securitySchemes: swagger2
      ? normalizeSecuritySchemes(asObj(root.securityDefinitions), true, warnings)
      : normalizeSecuritySchemes(asObj(asObj(root.components)?.securitySchemes), false, warnings),
  };
}

/**
 * The catalog of a parsed document whose $refs are NOT resolved yet: a light first pass, so the
 * list of operations can be shown while the rest is resolved. Slugs come out exactly as
 * normalizeDefinition makes them. Undefined when the catalog itself depends on a $ref (a path
 * item or a security scheme that is a reference): then only the full pass can tell.
 * Without warnings: most are found by the full pass.
 */
export function summarizeDefinition(
  doc: unknown,
  options: NormalizeOptions,
): ApiCatalog | undefined {
  const root = asObj(doc);
  const schemes =
    asObj(root?.securityDefinitions) ?? asObj(asObj(root?.components)?.securitySchemes);
  if (Object.values(schemes ?? {}).some((s) => asObj(s)?.$ref !== undefined)) return undefined;
  const head = definitionHead(doc, options, []);
  const paths = asObj(root?.paths);
  const usedSlugs = new Set<string>();
  const operations: ApiOperationSummary[] = [];
  for (const path of Object.keys(paths ?? {})) {
    const pathItem = asObj(paths?.[path]);
    if (!pathItem) continue;
    if (pathItem.$ref !== undefined) return undefined;
    for (const method of METHODS) {
      const op = asObj(pathItem[method]);
      if (op) operations.push(operationSummary(path, method, op, usedSlugs));
    }
  }
  const webhooks = head.specVersion === 'openapi-3.1' ? asObj(root?.webhooks) : undefined;
  for (const name of Object.keys(webhooks ?? {})) {
    const pathItem = asObj(webhooks?.[name]);
    if (!pathItem) continue;
    if (pathItem.$ref !== undefined) return undefined;
    for (const method of METHODS) {
      const op = asObj(pathItem[method]);
      if (op) operations.push(operationSummary(name, method, op, usedSlugs, true));
    }
  }
  return { ...head, tags: collectTags(root?.tags, operations), operations };
}

function operationSummary(
  path: string,
  method: HttpMethod,
  op: Obj,
  usedSlugs: Set<string>,
  webhook?: true,
): ApiOperationSummary {
  const operationId = asString(op.operationId);
  // A webhook's "path" is its name: "webhook-post-newPet" cannot be taken for POST /newPet.
  const preferred = operationId
    ? slugify(operationId)
    : webhook
      ? slugify(`webhook-${method}-${path}`)
      : '';
  const summary: ApiOperationSummary = {
    slug: uniqueSlug(preferred, method, path, usedSlugs),
    method,
    path,
    summary:
      asString(op.summary)?.trim() ||
      operationId ||
      (webhook ? path : `${method.toUpperCase()} ${path}`),
    tags: tagList(op.tags),
    deprecated: op.deprecated === true,
  };
  if (operationId !== undefined) summary.operationId = operationId;
  if (webhook) summary.webhook = true;
  return summary;
}

interface OperationContext {
  swagger2: boolean;
  docSecurity: SecurityRequirements;
  consumes: string[];
  produces: string[];
  warnings: string[];
  usedSlugs: Set<string>;
  usedOperationIds: Set<string>;
  securitySchemes: Record<string, SecurityScheme>;
}

function normalizeOperation(
  path: string,
  method: HttpMethod,
  pathItem: Obj,
  op: Obj,
  ctx: OperationContext,
  webhook?: true,
): ApiOperation {
  const where = `${webhook ? 'webhooks' : 'paths'}.${path}.${method}`;
  const operationId = asString(op.operationId);
  if (operationId !== undefined) {
    if (ctx.usedOperationIds.has(operationId)) {
      ctx.warnings.push(
        `${where}: operationId "${operationId}" is used by more than one operation`,
      );
    }
    ctx.usedOperationIds.add(operationId);
  }
  const rawParams = mergeParameters(asArray(pathItem.parameters), asArray(op.parameters));
  const parameters: ApiParameter[] = [];
  const bodyParams: Obj[] = [];
  for (const raw of rawParams) {
    const location = asString(raw.in);
    if (ctx.swagger2 && (location === 'body' || location === 'formData')) {
      bodyParams.push(raw);
      continue;
    }
    if (!location || !LOCATIONS.has(location) || !asString(raw.name)) {
      ctx.warnings.push(
        `${where}.parameters: parameter "${String(raw.name)}" in "${String(location)}" is not supported and is ignored`,
      );
      continue;
    }
    parameters.push(normalizeParameter(raw, location as ParameterLocation, ctx.swagger2));
  }
  // A webhook's key is a name, not a URL template.
  if (!webhook) checkPathParameters(path, parameters, where, ctx.warnings);

  const consumes = stringList(op.consumes) ?? ctx.consumes;
  const produces = stringList(op.produces) ?? ctx.produces;
  const security = normalizeRequirements(op.security) ?? ctx.docSecurity;
  for (const alternative of security) {
    for (const id of alternative) {
      if (!ctx.securitySchemes[id]) {
        ctx.warnings.push(`${where}: security requirement names an undefined scheme "${id}"`);
      }
    }
  }

  const description = asString(op.description);
  const result: ApiOperation = {
    ...operationSummary(path, method, op, ctx.usedSlugs, webhook),
    parameters,
    responses: [],
    security,
  };
  // Bodies and responses (media types, examples, headers) are most of the work and are only
  // read when an operation is opened: build them on first access, so a 2,000-operation
  // definition is listed and searchable sooner.
  const responses = asObj(op.responses);
  defineLazy(result, 'responses', () => normalizeResponses(responses, ctx.swagger2, produces));
  if (description) result.description = description;
  const rawBody = asObj(op.requestBody);
  if (ctx.swagger2 ? bodyParams.some((p) => p.in === 'body' || p.in === 'formData') : rawBody) {
    defineLazy(result, 'requestBody', () =>
      ctx.swagger2 ? swagger2RequestBody(bodyParams, consumes) : openApiRequestBody(rawBody),
    );
  }
  return result;
}

/**
 * An enumerable property computed on first read, then stored as a plain value. Spread, JSON and
 * structuredClone see it like any other property.
 */
function defineLazy<T extends object, K extends keyof T>(
  target: T,
  key: K,
  compute: () => T[K],
): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return value;
    },
  });
}

/**
 * An operation's tags for its summary: the definition's own array when it holds only strings,
 * as it almost always does (filtering made 10,000 copies for a 10,000-operation catalog).
 */
function tagList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  for (const tag of value) if (typeof tag !== 'string') return stringList(value) ?? [];
  return value as string[];
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(pathLevel: unknown[], opLevel: unknown[]): Obj[] {
  const byKey = new Map<string, Obj>();
  for (const raw of [...pathLevel, ...opLevel]) {
    const param = asObj(raw);
    if (!param) continue;
    byKey.set(`${String(param.in)}\u0000${String(param.name)}`, param);
  }
  return [...byKey.values()];
}

function normalizeParameter(
  raw: Obj,
  location: ParameterLocation,
  swagger2: boolean,
): ApiParameter {
  let schema: JsonSchema | undefined;
  if (swagger2) {
    const built: JsonSchema = {};
    for (const key of SWAGGER2_SCHEMA_KEYS) if (raw[key] !== undefined) built[key] = raw[key];
    schema = built;
  } else {
    schema = asSchema(raw.schema);
    if (!schema) {
      const content = asObj(raw.content);
      const first = content ? asObj(Object.values(content)[0]) : undefined;
      schema = asSchema(first?.schema);
    }
  }
  const param: ApiParameter = {
    name: raw.name as string,
    in: location,
    required: location === 'path' ? true : raw.required === true,
  };
  const description = asString(raw.description);
  if (description) param.description = description;
  if (schema) param.schema = schema;
  const example = firstExample(raw, schema);
  if (example !== undefined) param.example = example;
  if (schema?.default !== undefined) param.default = schema.default;
  if (raw.deprecated === true) param.deprecated = true;
  const style = swagger2 ? collectionFormatStyle(raw) : asString(raw.style);
  if (style) param.style = style;
  if (swagger2) {
    if (raw.type === 'array') param.explode = raw.collectionFormat === 'multi';
  } else if (typeof raw.explode === 'boolean') {
    param.explode = raw.explode;
  }
  return param;
}

function collectionFormatStyle(raw: Obj): string | undefined {
  if (raw.type !== 'array') return undefined;
  switch (raw.collectionFormat) {
    case 'ssv':
      return 'spaceDelimited';
    case 'pipes':
      return 'pipeDelimited';
    case 'multi':
    case 'csv':
    case undefined:
      return raw.in === 'query' ? 'form' : 'simple';
    default:
      return undefined;
  }
}

/** Parameter example, else the first of its examples, else x-example, else the schema's. */
function firstExample(raw: Obj, schema: JsonSchema | undefined): unknown {
  if (raw.example !== undefined) return raw.example;
  const examples = asObj(raw.examples);
  if (examples) {
    for (const entry of Object.values(examples)) {
      const value = asObj(entry)?.value;
      if (value !== undefined) return value;
    }
  }
  if (raw['x-example'] !== undefined) return raw['x-example'];
  return schemaExample(schema);
}

function schemaExample(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return undefined;
}

function checkPathParameters(
  path: string,
  parameters: ApiParameter[],
  where: string,
  warnings: string[],
): void {
  const inTemplate = new Set<string>();
  for (const match of path.matchAll(/\{([^{}/]+)\}/g)) inTemplate.add(match[1] as string);
  const declared = new Set(parameters.filter((p) => p.in === 'path').map((p) => p.name));
  for (const name of inTemplate) {
    if (declared.has(name)) continue;
    warnings.push(
      `${where}: path parameter "${name}" is not declared; it is treated as a required string`,
    );
    parameters.unshift({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const name of declared) {
    if (!inTemplate.has(name))
      warnings.push(`${where}: path parameter "${name}" does not appear in the path`);
  }
}

function isJsonType(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType) || /^application\/json/i.test(contentType);
}

/** JSON first, otherwise document order (Array.prototype.sort is stable). */
function jsonFirst(items: ApiMediaContent[]): ApiMediaContent[] {
  return items.sort(
    (a, b) => Number(isJsonType(b.contentType)) - Number(isJsonType(a.contentType)),
  );
}

function mediaContent(content: Obj | undefined): ApiMediaContent[] {
  if (!content) return [];
  const items: ApiMediaContent[] = [];
  for (const contentType of Object.keys(content)) {
    const media = asObj(content[contentType]) ?? {};
    const schema = asSchema(media.schema);
    const examples: ApiExample[] = [];
    const named = asObj(media.examples);
    for (const name of Object.keys(named ?? {})) {
      const example = asObj(named?.[name]);
      if (!example || example.value === undefined) continue;
      const summary = asString(example.summary);
      examples.push(
        summary ? { name, summary, value: example.value } : { name, value: example.value },
      );
    }
    if (examples.length === 0) {
      const single = media.example !== undefined ? media.example : schemaExample(schema);
      if (single !== undefined) examples.push({ name: 'Example', value: single });
    }
    items.push(schema ? { contentType, schema, examples } : { contentType, examples });
  }
  return jsonFirst(items);
}

function openApiRequestBody(body: Obj | undefined): ApiRequestBody | undefined {
  if (!body) return undefined;
  const result: ApiRequestBody = {
    required: body.required === true,
    content: mediaContent(asObj(body.content)),
  };
  const description = asString(body.description);
  if (description) result.description = description;
  return result;
}

function swagger2RequestBody(bodyParams: Obj[], consumes: string[]): ApiRequestBody | undefined {
  const body = bodyParams.find((p) => p.in === 'body');
  if (body) {
    const schema = asSchema(body.schema);
    const types = consumes.length > 0 ? consumes : ['application/json'];
    const xExamples = asObj(body['x-examples']);
    const content = types.map((contentType): ApiMediaContent => {
      const value = xExamples?.[contentType] ?? body['x-example'] ?? schemaExample(schema);
      const examples = value === undefined ? [] : [{ name: 'Example', value }];
      return schema ? { contentType, schema, examples } : { contentType, examples };
    });
    const result: ApiRequestBody = {
      required: body.required === true,
      content: jsonFirst(content),
    };
    const description = asString(body.description);
    if (description) result.description = description;
    return result;
  }
  const form = bodyParams.filter((p) => p.in === 'formData' && typeof p.name === 'string');
  if (form.length === 0) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const param of form) {
    const schema: JsonSchema = {};
    for (const key of SWAGGER2_SCHEMA_KEYS) if (param[key] !== undefined) schema[key] = param[key];
    if (param.type === 'file') {
      schema.type = 'string';
      schema.format = 'binary';
    }
    if (typeof param.description === 'string') schema.description = param.description;
    setOwn(properties, param.name as string, schema);
    if (param.required === true) required.push(param.name as string);
  }
  const hasFile = form.some((p) => p.type === 'file');
  const formTypes = consumes.filter((c) => /form/i.test(c));
  const types =
    formTypes.length > 0
      ? formTypes
      : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  const schema: JsonSchema = {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
  };
  return {
    required: required.length > 0,
    content: types.map((contentType) => ({ contentType, schema, examples: [] })),
  };
}

function normalizeResponses(
  responses: Obj | undefined,
  swagger2: boolean,
  produces: string[],
): ApiResponse[] {
  const result: ApiResponse[] = [];
  for (const status of Object.keys(responses ?? {})) {
    if (status.startsWith('x-')) continue;
    const raw = asObj(responses?.[status]);
    if (!raw) continue;
    const response: ApiResponse = {
      status,
      content: swagger2 ? swagger2ResponseContent(raw, produces) : mediaContent(asObj(raw.content)),
      headers: normalizeHeaders(asObj(raw.headers), swagger2),
    };
    const description = asString(raw.description);
    if (description) response.description = description;
    result.push(response);
  }
  return result;
}

function swagger2ResponseContent(raw: Obj, produces: string[]): ApiMediaContent[] {
  const schema = asSchema(raw.schema);
  const examples = asObj(raw.examples) ?? {};
  const types = produces.length > 0 ? [...produces] : ['application/json'];
  for (const type of Object.keys(examples)) if (!types.includes(type)) types.push(type);
  if (!schema && Object.keys(examples).length === 0) return [];
  return jsonFirst(
    types.map((contentType): ApiMediaContent => {
      const value = examples[contentType] ?? schemaExample(schema);
      const list = value === undefined ? [] : [{ name: 'Example', value }];
      return schema ? { contentType, schema, examples: list } : { contentType, examples: list };
    }),
  );
}

function normalizeHeaders(headers: Obj | undefined, swagger2: boolean): ApiResponse['headers'] {
  const result: ApiResponse['headers'] = [];
  for (const name of Object.keys(headers ?? {})) {
    const raw = asObj(headers?.[name]);
    if (!raw) continue;
    const description = asString(raw.description);
    let schema: JsonSchema | undefined;
    if (swagger2) {
      schema = {};
      for (const key of SWAGGER2_SCHEMA_KEYS) if (raw[key] !== undefined) schema[key] = raw[key];
    } else {
      schema = asSchema(raw.schema);
    }
    result.push({ name, ...(description ? { description } : {}), ...(schema ? { schema } : {}) });
  }
  return result;
}

export function normalizeRequirements(value: unknown): SecurityRequirements | undefined {
  if (!Array.isArray(value)) return undefined;
  const result: SecurityRequirements = [];
  for (const item of value) {
    const requirement = asObj(item);
    if (requirement) result.push(Object.keys(requirement));
  }
  return result;
}

function normalizeSecuritySchemes(
  raw: Obj | undefined,
  swagger2: boolean,
  warnings: string[],
): Record<string, SecurityScheme> {
  const result: Record<string, SecurityScheme> = {};
  for (const id of Object.keys(raw ?? {})) {
    const scheme = asObj(raw?.[id]);
    if (!scheme) continue;
    const description = asString(scheme.description);
    const extra = description ? { description } : {};
    const type = asString(scheme.type);
    if (type === 'apiKey') {
      const location = asString(scheme.in);
      const name = asString(scheme.name);
      if ((location === 'header' || location === 'query' || location === 'cookie') && name) {
        setOwn(result, id, { id, type: 'apiKey', in: location, name, ...extra });
      } else {
        warnings.push(
          `Security scheme "${id}": an apiKey needs "name" and "in" (header, query or cookie)`,
        );
      }
    } else if (type === 'http' || (swagger2 && type === 'basic')) {
      const httpScheme = (
        type === 'basic' ? 'basic' : (asString(scheme.scheme) ?? '')
      ).toLowerCase();
      const bearerFormat = asString(scheme.bearerFormat);
      setOwn(result, id, {
        id,
        type: 'http',
        scheme: httpScheme,
        ...(bearerFormat ? { bearerFormat } : {}),
        ...extra,
      });
    } else if (type === 'oauth2') {
      setOwn(result, id, { id, type, flows: normalizeOAuthFlows(scheme, swagger2), ...extra });
    } else if (type === 'openIdConnect') {
      const openIdConnectUrl = asString(scheme.openIdConnectUrl);
      if (!openIdConnectUrl)
        warnings.push(`Security scheme "${id}": an openIdConnect scheme needs "openIdConnectUrl"`);
      setOwn(result, id, { id, type, ...(openIdConnectUrl ? { openIdConnectUrl } : {}), ...extra });
    } else if (type === 'mutualTLS') {
      setOwn(result, id, { id, type, ...extra });
    } else {
      warnings.push(`Security scheme "${id}" has an unknown type "${String(type)}" and is ignored`);
    }
  }
  return result;
}

// Swagger 2.0's one `flow` per scheme, by its OpenAPI 3 name.
const SWAGGER2_FLOWS: Record<string, OAuthFlowKind> = {
  accessCode: 'authorizationCode',
  application: 'clientCredentials',
  implicit: 'implicit',
  password: 'password',
};
const FLOW_KINDS: OAuthFlowKind[] = [
  'authorizationCode',
  'clientCredentials',
  'implicit',
  'password',
];

function normalizeOAuthFlow(raw: Obj | undefined): OAuthFlow | undefined {
  if (!raw) return undefined;
  const flow: OAuthFlow = { scopes: {} };
  for (const field of ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const) {
    const url = asString(raw[field]);
    if (url) flow[field] = url;
  }
  for (const [name, description] of Object.entries(asObj(raw.scopes) ?? {}))
    setOwn(flow.scopes, name, typeof description === 'string' ? description : '');
  return flow;
}

function normalizeOAuthFlows(scheme: Obj, swagger2: boolean): OAuthFlows {
  const flows: OAuthFlows = {};
  if (swagger2) {
    const kind = SWAGGER2_FLOWS[asString(scheme.flow) ?? ''];
    const flow = normalizeOAuthFlow(scheme);
    if (kind && flow) flows[kind] = flow;
    return flows;
  }
  const raw = asObj(scheme.flows);
  for (const kind of FLOW_KINDS) {
    const flow = normalizeOAuthFlow(asObj(raw?.[kind]));
    if (flow) flows[kind] = flow;
  }
  return flows;
}

function openApiServers(servers: unknown, baseUrl: string | undefined): string[] {
  const list = asArray(servers)
    .map(asObj)
    .filter((s): s is Obj => s !== undefined && typeof s.url === 'string');
  if (list.length === 0) return baseUrl ? [resolveAgainst('/', baseUrl)] : [];
  return list.map((server) => {
    const variables = asObj(server.variables) ?? {};
    const url = (server.url as string).replace(/\{([^{}]+)\}/g, (whole, name: string) => {
      const value = asObj(variables[name])?.default;
      return value === undefined ? whole : scalarText(value);
    });
    return resolveAgainst(url, baseUrl);
  });
}

function openApiServerTemplates(servers: unknown, baseUrl: string | undefined): ApiServer[] {
  return asArray(servers).flatMap((raw): ApiServer[] => {
    const server = asObj(raw);
    if (!server || typeof server.url !== 'string') return [];
    const variables: Record<string, ServerVariable> = {};
    for (const [name, value] of Object.entries(asObj(server.variables) ?? {})) {
      const v = asObj(value);
      if (!v || v.default === undefined) continue;
      // YAML reads `enum: [1, 2]` as numbers; a URL holds them as text.
      const choices = asArray(v.enum)
        .filter((c) => typeof c === 'string' || typeof c === 'number')
        .map(String);
      const description = asString(v.description);
      setOwn(variables, name, {
        default: scalarText(v.default),
        ...(choices.length > 0 ? { enum: choices } : {}),
        ...(description ? { description } : {}),
      });
    }
    const description = asString(server.description);
    return [
      {
        url: server.url,
        ...(baseUrl ? { definitionUrl: baseUrl } : {}),
        ...(description ? { description } : {}),
        variables,
      },
    ];
  });
}

function swagger2Servers(root: Obj, baseUrl: string | undefined): string[] {
  const host = asString(root.host);
  const basePath = asString(root.basePath) ?? '';
  if (!host) return [resolveAgainst(basePath || '/', baseUrl)];
  let schemes = stringList(root.schemes)?.filter((s) => s === 'http' || s === 'https') ?? [];
  if (schemes.length === 0) schemes = [baseUrl?.startsWith('http:') ? 'http' : 'https'];
  return schemes.map((scheme) => `${scheme}://${host}${basePath}`);
}

function resolveAgainst(url: string, baseUrl: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !baseUrl) return url;
  try {
    const resolved = new URL(url, baseUrl);
    // Keep "https://host" rather than "https://host/" so that joining paths stays simple.
    return resolved.pathname === '/' && !url.endsWith('/')
      ? resolved.origin
      : resolved.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

function collectTags(raw: unknown, operations: ApiOperationSummary[]): ApiDefinition['tags'] {
  const tags: ApiDefinition['tags'] = [];
  const seen = new Set<string>();
  for (const item of asArray(raw)) {
    const tag = asObj(item);
    const name = asString(tag?.name);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const description = asString(tag?.description);
    tags.push(description ? { name, description } : { name });
  }
  for (const op of operations) {
    for (const name of op.tags) {
      if (seen.has(name)) continue;
      seen.add(name);
      tags.push({ name });
    }
  }
  return tags;
}

// Most operationIds are slugs already: one test instead of three replacements, for each of
// 10,000 operations of a large definition.
const ALREADY_SLUG = /^[A-Za-z0-9_](?:[A-Za-z0-9_]|-(?!-))*$/;

export function slugify(text: string): string {
  if (ALREADY_SLUG.test(text) && !text.endsWith('-')) return text;
  return text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

function uniqueSlug(
  preferred: string,
  method: HttpMethod,
  path: string,
  used: Set<string>,
): string {
  const base = preferred || slugify(`${method}-${path}`).toLowerCase() || method;
  let slug = base;
  let key = slug.toLowerCase();
  for (let n = 2; used.has(key); n += 1) {
    slug = `${base}-${n}`;
    key = slug.toLowerCase();
  }
  used.add(key);
  return slug;
}
