import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';

/**
 * APIM's inline import formats. The `-link` forms are fetched by the caller and handed over
 * with the matching inline format (openapi-link → openapi, openapi+json-link → openapi+json,
 * swagger-link-json → swagger-json).
 */
export type ImportFormat = 'openapi' | 'openapi+json' | 'swagger-json';

/** The document cannot be imported; `target` names the place (ARM's error `target`). */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ExampleContract {
  summary?: string;
  description?: string;
  value?: unknown;
  externalValue?: string;
}

export interface ParameterContract {
  name: string;
  type: string;
  description?: string;
  defaultValue?: string;
  required?: boolean;
  values?: string[];
  schemaId?: string;
  typeName?: string;
  examples?: Record<string, ExampleContract>;
}

export interface RepresentationContract {
  contentType: string;
  schemaId?: string;
  typeName?: string;
  formParameters?: ParameterContract[];
  examples?: Record<string, ExampleContract>;
}

export interface RequestContract {
  description?: string;
  queryParameters: ParameterContract[];
  headers: ParameterContract[];
  representations: RepresentationContract[];
}

export interface ResponseContract {
  /** 0 stands for the document's `default` response (see docs/reference/apim-import-export.md). */
  statusCode: number;
  description?: string;
  representations?: RepresentationContract[];
  headers?: ParameterContract[];
}

/** ARM OperationContract properties. */
export interface OperationProperties {
  displayName: string;
  method: string;
  /**
   * The path with its `{params}`. Required query parameters join it as `?name={name}` only
   * when the import asks for translateRequiredQueryParameters 'template'.
   */
  urlTemplate: string;
  templateParameters: ParameterContract[];
  description?: string;
  request?: RequestContract;
  responses: ResponseContract[];
}

export interface ImportedOperation {
  /** 1-80 characters of [A-Za-z0-9_.-], unique (ignoring case) within the API. */
  id: string;
  properties: OperationProperties;
}

export const SCHEMA_ID = 'default';
export const SCHEMA_CONTENT_TYPE = 'application/vnd.oai.openapi.components+json';

export interface ImportedSchema {
  id: typeof SCHEMA_ID;
  contentType: typeof SCHEMA_CONTENT_TYPE;
  document: { components: { schemas: Record<string, unknown> } };
}

export interface ImportedApiProperties {
  displayName: string;
  description?: string;
  serviceUrl?: string;
  protocols: string[];
  termsOfServiceUrl?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name?: string; url?: string };
}

export interface ImportedApi {
  properties: ImportedApiProperties;
  operations: ImportedOperation[];
  schema?: ImportedSchema;
  warnings: string[];
}

export interface ImportOptions {
  /**
   * APIM's `translateRequiredQueryParameters`. 'query' (the default here) keeps required query
   * parameters in request.queryParameters; 'template' moves them into the URL template as
   * `?name={name}`, as APIM does by default.
   */
  translateRequiredQueryParameters?: 'template' | 'query';
}

export const OPERATION_ID_MAX = 80;
export const DISPLAY_NAME_MAX = 300;
export const DESCRIPTION_MAX = 1000;
export const URL_TEMPLATE_MAX = 1000;
export const SERVICE_URL_MAX = 2000;

const OPERATION_ID = /^[A-Za-z0-9_.-]{1,80}$/;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROTOCOLS = new Set(['http', 'https', 'ws', 'wss']);
// OpenAPI says header parameters with these names are ignored: requests set them otherwise.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entries(value: unknown): Array<[string, unknown]> {
  return isObject(value) ? Object.entries(value) : [];
}

/**
 * Parses `value` as the OpenAPI or Swagger document `format` declares and converts it to the
 * contracts APIM keeps: the API's properties, its operations and one schema entity.
 */
export function importOpenApi(
  value: string,
  format: ImportFormat,
  options: ImportOptions = {},
): ImportedApi {
  const root = parse(value, format);
  if (!isObject(root))
    throw new ImportError('The document is not an OpenAPI object (a map at its top).', 'value');
  const dialect = dialectOf(root, format);
  checkRefs(root, dialect);
  return new Importer(root, dialect, options).run();
}

// ---------------------------------------------------------------------------------------------
// Parsing and the document's kind

function parse(value: string, format: ImportFormat): unknown {
  if (value.trim() === '') throw new ImportError('The document is empty.', 'value');
  const json = format !== 'openapi' || value.trimStart().startsWith('{');
  if (json) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // YAML is a superset of JSON: an `openapi` document that is not JSON may still be YAML.
      if (format !== 'openapi') throw jsonError(value);
    }
  }
  return parseYaml(value);
}

function jsonError(value: string): ImportError {
  const errors: ParseError[] = [];
  parseJsonc(value, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return new ImportError('The document is not valid JSON.', 'value');
  const { line, column } = lineAndColumn(value, first.offset);
  const reason = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return new ImportError(
    `The document is not valid JSON at line ${line}, column ${column}: ${reason}.`,
    'value',
  );
}

function lineAndColumn(value: string, offset: number): { line: number; column: number } {
  const before = value.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

function parseYaml(value: string): unknown {
  const doc = parseDocument(value);
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    // The library appends " at line x, column y:" and an excerpt; the place is said once here.
    const reason = error.message.split(/ at line \d+/)[0]?.trim() ?? error.message;
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    throw new ImportError(`The document is not valid YAML${where}: ${reason}`, 'value');
  }
  try {
    return doc.toJS({ maxAliasCount: 10_000 }) as unknown;
  } catch (cause) {
    throw new ImportError(`The document is not valid YAML: ${String(cause)}`, 'value');
  }
}

type Dialect = 'openapi3' | 'swagger2';

function dialectOf(root: Json, format: ImportFormat): Dialect {
  const openapi = typeof root.openapi === 'string' ? root.openapi : undefined;
  const swagger = root.swagger != null ? shown(root.swagger) : undefined;
  if (format === 'swagger-json') {
    if (swagger === '2.0') return 'swagger2';
    if (openapi !== undefined)
      throw new ImportError(
        `The document is OpenAPI ${openapi}, not Swagger 2.0: import it with format "openapi+json" (or "openapi" for YAML).`,
        'format',
      );
    throw new ImportError(
      `The document is not Swagger 2.0: it needs "swagger": "2.0" at its top${swagger ? ` (found "${swagger}")` : ''}.`,
      'swagger',
    );
  }
  if (openapi !== undefined) {
    if (/^3\.[01](\.\d+)?(-.+)?$/.test(openapi)) return 'openapi3';
    throw new ImportError(
      `OpenAPI ${openapi} is not supported: the import reads OpenAPI 3.0 and 3.1.`,
      'openapi',
    );
  }
  if (swagger !== undefined)
    throw new ImportError(
      `The document is Swagger ${swagger}, not OpenAPI 3: import it with format "swagger-json".`,
      'format',
    );
  throw new ImportError(
    'The document is not OpenAPI 3: it needs an "openapi" field (e.g. "3.0.3") at its top.',
    'openapi',
  );
}

// ---------------------------------------------------------------------------------------------
// References

// Children of these keys are named entries (a property called "default"), never literal values.
const MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'securityDefinitions',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'webhooks',
  'content',
  'encoding',
  'variables',
  'dependentSchemas',
]);
// Literal values (examples, defaults) may hold a "$ref" key that is just data.
const LITERAL_KEYS = new Set(['example', 'enum', 'const', 'default', 'value']);
const MAX_DEPTH = 1000;

function pointerKeys(ref: string): string[] {
  return ref
    .slice(2)
    .split('/')
    .map((key) => decodeURIComponent(key).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookUp(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  let at: unknown = root;
  for (const key of pointerKeys(ref)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Json)[key];
  }
  return at;
}

function placeOfRef(ref: string): string {
  return ref === '#' ? '' : pointerKeys(ref).join('.');
}

/**
 * Every `$ref` of the document, checked once up front: an external one (another file, a URL)
 * cannot be imported because APIM keeps one document, and a local one must lead somewhere.
 */
function checkRefs(root: unknown, dialect: Dialect): void {
  const known = new Map<string, boolean>();
  const keys: string[] = [];
  const visited = new Set<object>();
  const walk = (value: unknown, parentKey: string | undefined): void => {
    if (value === null || typeof value !== 'object' || visited.has(value)) return;
    if (keys.length > MAX_DEPTH)
      throw new ImportError('The document is nested too deeply to import.', keys.join('.'));
    visited.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        keys.push(String(index));
        walk(item, undefined);
        keys.pop();
      });
      return;
    }
    const named = parentKey !== undefined && MAP_KEYS.has(parentKey);
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && !named) {
        if (typeof child === 'string') checkRef(child);
        continue;
      }
      if (!named && skipped(key, child)) continue;
      keys.push(key);
      walk(child, named ? undefined : key);
      keys.pop();
    }
  };
  const skipped = (key: string, child: unknown): boolean =>
    key.startsWith('x-') ||
    LITERAL_KEYS.has(key) ||
    // Swagger 2's response examples and JSON Schema's examples are literal values.
    (key === 'examples' && (dialect === 'swagger2' || Array.isArray(child)));
  const checkRef = (ref: string): void => {
    const place = keys.join('.');
    if (!ref.startsWith('#'))
      throw new ImportError(
        `The $ref "${ref}" at ${place} points outside the document: APIM imports one self-contained document, so put what it refers to in the document.`,
        place,
      );
    let found = known.get(ref);
    if (found === undefined) {
      found = lookUp(root, ref) !== undefined;
      known.set(ref, found);
    }
    if (!found) throw new ImportError(`The $ref "${ref}" at ${place} points to nothing.`, place);
  };
  walk(root, undefined);
}

interface Located {
  value: unknown;
  place: string;
  /** The component it was found through, e.g. "Unauthorized" for #/components/responses/Unauthorized. */
  component?: string;
}

// ---------------------------------------------------------------------------------------------
// The conversion

interface SchemaRef {
  schemaId: string;
  typeName: string;
}

class Importer {
  private readonly warnings: string[] = [];
  private readonly schemas: Record<string, unknown> = {};
  /** Inline schemas already given a name: the same object keeps the same name. */
  private readonly inlineNames = new Map<object, string>();
  private readonly componentPrefix: string;
  private readonly sourceSchemas: Json;
  private readonly translate: 'template' | 'query';
  private readonly counts = {
    noResponses: 0,
    cookies: 0,
    ignoredHeaders: 0,
    truncated: 0,
    rangeStatuses: 0,
    undeclaredPathParameters: 0,
    unusedPathParameters: 0,
  };

  constructor(
    private readonly root: Json,
    private readonly dialect: Dialect,
    options: ImportOptions,
  ) {
    this.translate = options.translateRequiredQueryParameters ?? 'query';
    this.componentPrefix = dialect === 'swagger2' ? '#/definitions/' : '#/components/schemas/';
    const source =
      dialect === 'swagger2'
        ? root.definitions
        : isObject(root.components)
          ? root.components.schemas
          : undefined;
    this.sourceSchemas = isObject(source) ? source : {};
    for (const [name, schema] of Object.entries(this.sourceSchemas))
      this.schemas[name] = this.portable(schema);
  }

  run(): ImportedApi {
    const properties = this.apiProperties();
    const operations = this.operations();
    this.summarizeWarnings();
    const names = Object.keys(this.schemas);
    return {
      properties,
      operations,
      ...(names.length > 0
        ? {
            schema: {
              id: SCHEMA_ID,
              contentType: SCHEMA_CONTENT_TYPE,
              document: { components: { schemas: this.schemas } },
            },
          }
        : {}),
      warnings: this.warnings,
    };
  }

  // --- the API ---

  private apiProperties(): ImportedApiProperties {
    const info = isObject(this.root.info) ? this.root.info : {};
    const title = text(info.title)?.trim();
    if (!title)
      throw new ImportError(
        "The document has no info.title, which becomes the API's display name.",
        'info.title',
      );
    const { serviceUrl, protocols } =
      this.dialect === 'swagger2' ? this.swaggerServer() : this.openApiServer();
    const contact = isObject(info.contact)
      ? compact({
          name: text(info.contact.name),
          url: text(info.contact.url),
          email: text(info.contact.email),
        })
      : undefined;
    const license = isObject(info.license)
      ? compact({ name: text(info.license.name), url: text(info.license.url) })
      : undefined;
    return compact({
      displayName: this.limit(title, DISPLAY_NAME_MAX),
      description: text(info.description),
      serviceUrl,
      protocols,
      termsOfServiceUrl: text(info.termsOfService),
      contact: contact && Object.keys(contact).length > 0 ? contact : undefined,
      license: license && Object.keys(license).length > 0 ? license : undefined,
    });
  }

  private openApiServer(): { serviceUrl?: string; protocols: string[] } {
    const servers = Array.isArray(this.root.servers) ? this.root.servers : [];
    const urls = servers.map((server) => (isObject(server) ? serverUrl(server) : undefined));
    const protocols = unique(urls.map(schemeOf).filter((s): s is string => s !== undefined));
    const first = urls[0];
    let url: string | undefined;
    if (first !== undefined && schemeOf(first) === undefined)
      this.warnings.push(
        `servers[0].url "${first}" is not an absolute http(s) URL: the API has no service URL; set one before calling it.`,
      );
    else url = first;
    return {
      serviceUrl: this.serviceUrl(url),
      protocols: protocols.length ? protocols : ['https'],
    };
  }

  private swaggerServer(): { serviceUrl?: string; protocols: string[] } {
    const schemes = Array.isArray(this.root.schemes)
      ? unique(this.root.schemes.filter((s): s is string => PROTOCOLS.has(String(s))))
      : [];
    const host = text(this.root.host);
    const basePath = text(this.root.basePath) ?? '';
    const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
    const url = host ? `${scheme}://${host}${basePath.replace(/\/+$/, '')}` : undefined;
    if (!host)
      this.warnings.push(
        'The document has no host: the API has no service URL; set one before calling it.',
      );
    return { serviceUrl: this.serviceUrl(url), protocols: schemes.length ? schemes : ['https'] };
  }

  private serviceUrl(url: string | undefined): string | undefined {
    if (url === undefined || url.length <= SERVICE_URL_MAX) return url;
    this.warnings.push(`The service URL is longer than ${SERVICE_URL_MAX} characters: left out.`);
    return undefined;
  }

  // --- operations ---

  private operations(): ImportedOperation[] {
    const paths = this.root.paths;
    if (!isObject(paths) || Object.keys(paths).length === 0)
      throw new ImportError('The document has no paths: there is no operation to import.', 'paths');
    const found: Array<{
      operationId?: string;
      method: string;
      path: string;
      properties: OperationProperties;
    }> = [];
    for (const [path, rawItem] of Object.entries(paths)) {
      if (path.startsWith('x-')) continue;
      const item = this.resolve(rawItem, `paths.${path}`);
      if (!isObject(item.value)) continue;
      for (const method of METHODS) {
        if (this.dialect === 'swagger2' && method === 'trace') continue;
        const operation = item.value[method];
        if (!isObject(operation)) continue;
        const place = `${item.place}.${method}`;
        found.push({
          operationId: text(operation.operationId),
          method,
          path,
          properties: this.operation(path, method, item.value, operation, place),
        });
      }
    }
    if (found.length === 0)
      throw new ImportError('The document has no operations under its paths.', 'paths');
    const ids = this.operationIds(found);
    return found.map((op, index) => ({ id: ids[index] ?? '', properties: op.properties }));
  }

  /**
   * Operation ids that fit APIM are kept as they are, and claimed first, so that an id made
   * from another operation's method and path never displaces one the document chose.
   */
  private operationIds(
    found: Array<{ operationId?: string; method: string; path: string }>,
  ): string[] {
    const taken = new Set<string>();
    const ids: Array<string | undefined> = found.map(() => undefined);
    const changed: string[] = [];
    found.forEach((op, index) => {
      const id = op.operationId;
      if (id !== undefined && fitsOperationId(id) && !taken.has(id.toLowerCase())) {
        taken.add(id.toLowerCase());
        ids[index] = id;
      }
    });
    found.forEach((op, index) => {
      if (ids[index] !== undefined) return;
      const base =
        (op.operationId !== undefined ? fitOperationId(op.operationId) : undefined) ??
        fitOperationId(`${op.method}-${op.path.replace(/[{}]/g, '')}`.toLowerCase()) ??
        op.method;
      const id = uniqueId(base, taken);
      ids[index] = id;
      if (op.operationId !== undefined) changed.push(`"${op.operationId}" → "${id}"`);
    });
    if (changed.length > 0)
      this.warnings.push(
        `${plural(changed.length, 'operationId was', 'operationIds were')} changed to be unique and fit APIM's operation ids (1-80 of A-Z a-z 0-9 _ . -): ${sample(changed)}.`,
      );
    return ids.map((id) => id ?? '');
  }

  private operation(
    path: string,
    method: string,
    item: Json,
    operation: Json,
    place: string,
  ): OperationProperties {
    const parameters = this.parameters(item, operation, place);
    const pathParams = this.templateParameters(path, parameters.path);
    let urlTemplate = path.startsWith('/') ? path : `/${path}`;
    let queryParameters = parameters.query;
    if (this.translate === 'template') {
      const required = queryParameters.filter((p) => p.required);
      if (required.length > 0) {
        urlTemplate += `?${required.map((p) => `${p.name}={${p.name}}`).join('&')}`;
        pathParams.push(...required);
        queryParameters = queryParameters.filter((p) => !p.required);
      }
    }
    if (urlTemplate.length > URL_TEMPLATE_MAX)
      throw new ImportError(
        `The URL template of ${method.toUpperCase()} ${path} is longer than ${URL_TEMPLATE_MAX} characters.`,
        place,
      );
    const operationId = text(operation.operationId);
    const displayName =
      text(operation.summary)?.trim() || operationId || `${method.toUpperCase()} ${path}`;
    const typeBase = operationId
      ? pascal(operationId)
      : pascal(`${method} ${path.replace(/[{}]/g, '')}`);
    const body =
      this.dialect === 'swagger2'
        ? this.swaggerBody(parameters.body, parameters.form, operation, typeBase)
        : this.openApiBody(operation.requestBody, `${place}.requestBody`, typeBase);
    let responses = this.responses(operation, place, typeBase);
    if (responses.length === 0) {
      this.counts.noResponses += 1;
      responses = [{ statusCode: 200, description: 'OK', representations: [], headers: [] }];
    }
    return compact({
      displayName: this.limit(displayName, DISPLAY_NAME_MAX),
      method: method.toUpperCase(),
      urlTemplate,
      templateParameters: pathParams,
      description: this.optionalLimit(text(operation.description), DESCRIPTION_MAX),
      request: compact({
        description: body.description,
        queryParameters,
        headers: parameters.header,
        representations: body.representations,
      }),
      responses,
    });
  }

  /** Path-level parameters, overridden by the operation's own of the same name and place. */
  private parameters(
    item: Json,
    operation: Json,
    place: string,
  ): {
    path: ParameterContract[];
    query: ParameterContract[];
    header: ParameterContract[];
    form: ParameterContract[];
    body: Located | undefined;
  } {
    const merged = new Map<string, Located>();
    const collect = (list: unknown, at: string): void => {
      if (!Array.isArray(list)) return;
      list.forEach((raw, index) => {
        const found = this.resolve(raw, `${at}.parameters.${index}`);
        if (!isObject(found.value)) return;
        const where = String(found.value.in);
        const name = String(found.value.name);
        merged.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, found);
      });
    };
    collect(item.parameters, place.slice(0, place.lastIndexOf('.')));
    collect(operation.parameters, place);
    const result = {
      path: [] as ParameterContract[],
      query: [] as ParameterContract[],
      header: [] as ParameterContract[],
      form: [] as ParameterContract[],
      body: undefined as Located | undefined,
    };
    for (const found of merged.values()) {
      const param = found.value as Json;
      switch (param.in) {
        case 'path':
          result.path.push({ ...this.parameter(param, found.place), required: true });
          break;
        case 'query':
          result.query.push(this.parameter(param, found.place));
          break;
        case 'header':
          if (IGNORED_HEADERS.has(String(param.name).toLowerCase()))
            this.counts.ignoredHeaders += 1;
          else result.header.push(this.parameter(param, found.place));
          break;
        case 'formData':
          result.form.push(this.parameter(param, found.place));
          break;
        case 'body':
          result.body = found;
          break;
        case 'cookie':
          this.counts.cookies += 1;
          break;
        default:
          throw new ImportError(
            `The parameter "${String(param.name)}" is in "${String(param.in)}", which is not a place for parameters.`,
            `${found.place}.in`,
          );
      }
    }
    return result;
  }

  /** In the order they appear in the path; every `{name}` of the path has one. */
  private templateParameters(path: string, declared: ParameterContract[]): ParameterContract[] {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    const byName = new Map(declared.map((p) => [p.name, p]));
    const unused = declared.filter((p) => !names.includes(p.name));
    this.counts.unusedPathParameters += unused.length;
    return unique(names).map((name) => {
      const found = byName.get(name);
      if (found) return found;
      this.counts.undeclaredPathParameters += 1;
      return { name, type: 'string', required: true, values: [] };
    });
  }

  private parameter(param: Json, place: string): ParameterContract {
    const name = String(param.name);
    if (this.dialect === 'swagger2') {
      return compact({
        name,
        type: text(param.type) ?? 'string',
        description: text(param.description),
        defaultValue: literal(param.default),
        required: param.required === true,
        values: literals(param.enum),
        examples: 'x-example' in param ? { default: { value: param['x-example'] } } : undefined,
      });
    }
    let schema: unknown = param.schema;
    if (schema === undefined && isObject(param.content)) {
      const first = Object.values(param.content)[0];
      schema = isObject(first) ? first.schema : undefined;
    }
    const ref = this.componentRef(schema);
    const resolved = this.resolve(schema, `${place}.schema`).value;
    const shape = isObject(resolved) ? resolved : {};
    return compact({
      name,
      type: schemaType(shape),
      description: text(param.description),
      defaultValue: literal(shape.default),
      required: param.required === true,
      values: literals(shape.enum),
      schemaId: ref?.schemaId,
      typeName: ref?.typeName,
      examples: this.examples(param, place),
    });
  }

  // --- bodies ---

  private openApiBody(
    raw: unknown,
    place: string,
    typeBase: string,
  ): { description?: string; representations: RepresentationContract[] } {
    if (raw === undefined) return { representations: [] };
    const body = this.resolve(raw, place);
    if (!isObject(body.value)) return { representations: [] };
    return {
      description: text(body.value.description),
      representations: this.content(
        body.value.content,
        `${body.place}.content`,
        // A shared request body's inline schema is named after it, not after its first user.
        `${body.component ?? typeBase}Request`,
      ),
    };
  }

  private content(raw: unknown, place: string, typeName: string): RepresentationContract[] {
    return entries(raw).map(([contentType, media]) => {
      const at = `${place}.${contentType}`;
      const mediaType = isObject(media) ? media : {};
      const ref = this.schemaRef(mediaType.schema, `${at}.schema`, typeName);
      return compact({
        contentType,
        schemaId: ref?.schemaId,
        typeName: ref?.typeName,
        examples: this.examples(mediaType, at),
      });
    });
  }

  private swaggerBody(
    body: Located | undefined,
    form: ParameterContract[],
    operation: Json,
    typeBase: string,
  ): { description?: string; representations: RepresentationContract[] } {
    const consumes = mediaTypes(operation.consumes) ?? mediaTypes(this.root.consumes);
    if (body && isObject(body.value)) {
      const ref = this.schemaRef(body.value.schema, `${body.place}.schema`, `${typeBase}Request`);
      return {
        description: text(body.value.description),
        representations: (consumes ?? ['application/json']).map((contentType) =>
          compact({ contentType, schemaId: ref?.schemaId, typeName: ref?.typeName }),
        ),
      };
    }
    if (form.length > 0) {
      const fallback = form.some((p) => p.type === 'file')
        ? 'multipart/form-data'
        : 'application/x-www-form-urlencoded';
      return {
        representations: (consumes ?? [fallback]).map((contentType) => ({
          contentType,
          formParameters: form,
        })),
      };
    }
    return { representations: [] };
  }

  // --- responses ---

  private responses(operation: Json, place: string, typeBase: string): ResponseContract[] {
    const result: ResponseContract[] = [];
    const seen = new Set<number>();
    const produces = mediaTypes(operation.produces) ?? mediaTypes(this.root.produces);
    for (const [code, raw] of entries(operation.responses)) {
      if (code.startsWith('x-')) continue;
      const statusCode = this.statusCode(code, `${place}.responses.${code}`);
      if (statusCode === undefined || seen.has(statusCode)) continue;
      seen.add(statusCode);
      const response = this.resolve(raw, `${place}.responses.${code}`);
      const value = isObject(response.value) ? response.value : {};
      const typeName = response.component
        ? `${response.component}Response`
        : `${typeBase}Response${code === 'default' ? 'Default' : code}`;
      const representations =
        this.dialect === 'swagger2'
          ? this.swaggerRepresentations(value, response.place, typeName, produces)
          : this.content(value.content, `${response.place}.content`, typeName);
      result.push(
        compact({
          statusCode,
          description: text(value.description),
          representations,
          headers: entries(value.headers).map(([name, header]) => {
            const found = this.resolve(header, `${response.place}.headers.${name}`);
            return this.parameter(
              { ...(isObject(found.value) ? found.value : {}), name },
              found.place,
            );
          }),
        }),
      );
    }
    return result;
  }

  private statusCode(code: string, place: string): number | undefined {
    if (/^[1-5]\d\d$/.test(code)) return Number(code);
    if (code === 'default') return 0;
    if (/^[1-5]XX$/i.test(code)) {
      this.counts.rangeStatuses += 1;
      return Number(code[0]) * 100;
    }
    throw new ImportError(`"${code}" is not an HTTP status code.`, place);
  }

  private swaggerRepresentations(
    response: Json,
    place: string,
    typeName: string,
    produces: string[] | undefined,
  ): RepresentationContract[] {
    const ref =
      response.schema !== undefined
        ? this.schemaRef(response.schema, `${place}.schema`, typeName)
        : undefined;
    const examples = new Map(entries(response.examples));
    const types = ref ? (produces ?? ['application/json']) : [];
    const all = unique([...types, ...examples.keys()]);
    return all.map((contentType) =>
      compact({
        contentType,
        schemaId: ref?.schemaId,
        typeName: ref?.typeName,
        examples: examples.has(contentType)
          ? { default: { value: examples.get(contentType) } }
          : undefined,
      }),
    );
  }

  // --- examples ---

  private examples(holder: Json, place: string): Record<string, ExampleContract> | undefined {
    if (isObject(holder.examples) && Object.keys(holder.examples).length > 0) {
      const result: Record<string, ExampleContract> = {};
      for (const [name, raw] of Object.entries(holder.examples)) {
        const found = this.resolve(raw, `${place}.examples.${name}`).value;
        if (!isObject(found)) continue;
        result[name] = compact({
          summary: text(found.summary),
          description: text(found.description),
          ...(Object.hasOwn(found, 'value') ? { value: found.value } : {}),
          externalValue: text(found.externalValue),
        });
      }
      return result;
    }
    if (Object.hasOwn(holder, 'example')) return { default: { value: holder.example } };
    return undefined;
  }

  // --- schemas ---

  /** The component a schema names directly, if it is a plain `$ref` to one. */
  private componentRef(schema: unknown): SchemaRef | undefined {
    if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
    const { $ref } = schema;
    if (!$ref.startsWith(this.componentPrefix)) return undefined;
    const name = pointerKeys($ref).slice(this.dialect === 'swagger2' ? 1 : 2);
    if (name.length !== 1 || name[0] === undefined) return undefined;
    return Object.hasOwn(this.sourceSchemas, name[0])
      ? { schemaId: SCHEMA_ID, typeName: name[0] }
      : undefined;
  }

  /**
   * A body's schema as APIM refers to it: a component by its name, anything else stored in
   * the schema entity under `typeName` (made unique) so that export can write it back.
   */
  private schemaRef(schema: unknown, place: string, typeName: string): SchemaRef | undefined {
    if (schema === undefined) return undefined;
    const component = this.componentRef(schema);
    if (component) return component;
    const inline = this.resolve(schema, place).value;
    if (!isObject(inline)) return undefined;
    let name = this.inlineNames.get(inline);
    if (name === undefined) {
      name = typeName;
      for (let n = 2; Object.hasOwn(this.schemas, name); n++) name = `${typeName}${n}`;
      this.schemas[name] = this.portable(inline);
      this.inlineNames.set(inline, name);
    }
    return { schemaId: SCHEMA_ID, typeName: name };
  }

  /** Swagger 2 schemas refer to `#/definitions/`; the schema entity is OpenAPI 3 components. */
  private portable(schema: unknown): unknown {
    return this.dialect === 'swagger2' ? rewriteRefs(schema, '#/definitions/') : schema;
  }

  // --- helpers ---

  private resolve(value: unknown, place: string): Located {
    let current: Located = { value, place };
    const seen = new Set<string>();
    while (isObject(current.value) && typeof current.value.$ref === 'string') {
      const ref = current.value.$ref;
      if (seen.has(ref))
        throw new ImportError(`The $ref "${ref}" at ${place} refers to itself in a loop.`, place);
      seen.add(ref);
      const keys = pointerKeys(ref);
      const component =
        keys.length === (this.dialect === 'swagger2' ? 2 : 3) ? keys[keys.length - 1] : undefined;
      current = { value: lookUp(this.root, ref), place: placeOfRef(ref), component };
    }
    return current;
  }

  private limit(value: string, max: number): string {
    if (value.length <= max) return value;
    this.counts.truncated += 1;
    return truncate(value, max);
  }

  private optionalLimit(value: string | undefined, max: number): string | undefined {
    return value === undefined ? undefined : this.limit(value, max);
  }

  private summarizeWarnings(): void {
    const c = this.counts;
    const add = (count: number, one: string, many: string, rest: string): void => {
      if (count > 0) this.warnings.push(`${plural(count, one, many)} ${rest}`);
    };
    add(c.noResponses, 'operation', 'operations', 'without responses got a 200.');
    add(
      c.cookies,
      'cookie parameter was',
      'cookie parameters were',
      "left out: APIM's operations have no cookie parameters.",
    );
    add(
      c.ignoredHeaders,
      'header parameter was',
      'header parameters were',
      'left out: OpenAPI ignores Accept, Content-Type and Authorization as parameters.',
    );
    add(
      c.truncated,
      'display name or description was',
      'display names or descriptions were',
      `shortened to APIM's limits (${DISPLAY_NAME_MAX} and ${DESCRIPTION_MAX} characters).`,
    );
    add(
      c.rangeStatuses,
      'response range (like 2XX) was',
      'response ranges were',
      'imported as its first status code (2XX as 200).',
    );
    add(
      c.undeclaredPathParameters,
      'path parameter was',
      'path parameters were',
      'in a path but not declared: imported as required strings.',
    );
    add(
      c.unusedPathParameters,
      'path parameter was',
      'path parameters were',
      'declared but not in its path: left out.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Small pure helpers

function serverUrl(server: Json): string | undefined {
  const url = text(server.url);
  if (url === undefined) return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default != null ? shown(variable.default) : whole;
  });
}

/** A scalar as the document wrote it; anything else as JSON rather than "[object Object]". */
function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function schemeOf(url: string | undefined): string | undefined {
  const scheme = url === undefined ? undefined : /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  return scheme !== undefined && PROTOCOLS.has(scheme.toLowerCase())
    ? scheme.toLowerCase()
    : undefined;
}

function mediaTypes(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const types = value.filter((v): v is string => typeof v === 'string' && v !== '');
  return types.length > 0 ? types : undefined;
}

/** The parameter type APIM shows for a schema: its JSON type, "string" when it states none. */
function schemaType(schema: Json): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const first: unknown = type.find((t) => t !== 'null');
    if (typeof first === 'string') return first;
  }
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

/** APIM keeps default values and enums as strings. */
function literal(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function literals(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => literal(v) ?? '') : [];
}

export function fitsOperationId(id: string): boolean {
  return OPERATION_ID.test(id) && !/^\.+$/.test(id);
}

function fitOperationId(raw: string): string | undefined {
  const fitted = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, OPERATION_ID_MAX)
    .replace(/-+$/, '');
  return fitsOperationId(fitted) ? fitted : undefined;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id.toLowerCase()); n++) {
    const suffix = `-${n}`;
    id = `${base.slice(0, OPERATION_ID_MAX - suffix.length)}${suffix}`;
  }
  taken.add(id.toLowerCase());
  return id;
}

/** "listPets" → "ListPets", "get /pets/id" → "GetPetsId": a readable schema name. */
function pascal(value: string): string {
  const words = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Operation';
}

/** Cut at a word boundary when one is near, never inside a surrogate pair, and say so with "…". */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const space = value.lastIndexOf(' ', end);
  if (space > max * 0.8) end = space;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${value.slice(0, end).trimEnd()}…`;
}

function rewriteRefs(value: unknown, from: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, from));
  if (!isObject(value)) return value;
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith(from))
      copy[key] = `#/components/schemas/${child.slice(from.length)}`;
    else if (LITERAL_KEYS.has(key) || key.startsWith('x-')) copy[key] = child;
    else copy[key] = rewriteRefs(child, from);
  }
  return copy;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function sample(values: string[]): string {
  return values.length <= 3 ? values.join(', ') : `${values.slice(0, 3).join(', ')}, …`;
}

/** Leaves out undefined members, so results compare and serialize exactly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>)
    if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * The path of a URL template and its query part (`?name={name}&fixed=value`), as APIM writes
 * templates for required query parameters: `parameter` is the template parameter a query
 * member takes its value from, `value` the fixed value otherwise.
 */
export function urlTemplateParts(urlTemplate: string): {
  path: string;
  query: Array<{ name: string; parameter?: string; value?: string }>;
} {
  const mark = urlTemplate.indexOf('?');
  const path = mark === -1 ? urlTemplate : urlTemplate.slice(0, mark);
  const query =
    mark === -1
      ? []
      : urlTemplate
          .slice(mark + 1)
          .split('&')
          .filter(Boolean)
          .map((member) => {
            const [name = '', value = ''] = member.split('=', 2);
            const parameter = /^\{([^}]+)\}$/.exec(value)?.[1];
            return parameter !== undefined ? { name, parameter } : { name, value };
          });
  return { path, query };
}
