import type {
  OperationProperties,
  ParameterContract,
  RepresentationContract,
  ResponseContract,
} from './openapi-import';

export type { OperationProperties, ParameterContract } from './openapi-import';

/**
 * The catalog's entities as ARM's contracts describe them (docs/reference/apim-management.md),
 * and the checks a management request's `properties` pass before anything is stored. Each check
 * throws a {@link CatalogError} whose message and target name the field.
 */

export type CatalogErrorCode =
  'ValidationError' | 'ResourceNotFound' | 'Conflict' | 'PreconditionFailed';

export class CatalogError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

export const API_PROTOCOLS = ['http', 'https', 'ws', 'wss'] as const;
export type ApiProtocol = (typeof API_PROTOCOLS)[number];
export const API_TYPES = ['http', 'soap', 'websocket', 'graphql'] as const;
export type ApiType = (typeof API_TYPES)[number];

export interface ApiProperties {
  displayName: string;
  apiRevision: string;
  description?: string;
  subscriptionRequired: boolean;
  serviceUrl?: string;
  /** URL suffix after the gateway's base URL; "" for the root, may contain "/". */
  path: string;
  protocols: ApiProtocol[];
  subscriptionKeyParameterNames: { header: string; query: string };
  isCurrent: boolean;
  type: ApiType;
  apiVersion?: string;
  apiRevisionDescription?: string;
  apiVersionDescription?: string;
  apiVersionSetId?: string;
  apiVersionSet?: Record<string, unknown>;
  sourceApiId?: string;
  authenticationSettings?: Record<string, unknown>;
  termsOfServiceUrl?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name?: string; url?: string };
}

export interface ProductProperties {
  displayName: string;
  description: string;
  terms: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  subscriptionsLimit: number | null;
  state: 'published' | 'notPublished';
}

export const DEFAULT_KEY_PARAMETER_NAMES = {
  header: 'Ocp-Apim-Subscription-Key',
  query: 'subscription-key',
} as const;

/** What a URL template parameter may be called (APIM allows no braces or slashes in a name). */
const TEMPLATE_PARAMETER = /^[^{}/?#&=]+$/;
/** RFC 9110 `token`. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * ARM's id pattern (`^[^*#&+:<>?]+$`), narrowed by what a URL path segment and a Table storage
 * key can carry: no slashes, percent signs or control characters.
 */
const ID_PATTERN = /^[^*#&+:<>?/\\%]+$/;

function hasControlCharacter(text: string): boolean {
  return Array.from(text).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

function fail(target: string, message: string): never {
  throw new CatalogError('ValidationError', message, target);
}

export function checkId(kind: 'API' | 'operation' | 'product', id: string, max: number): void {
  if (
    id.length < 1 ||
    id.length > max ||
    !ID_PATTERN.test(id) ||
    hasControlCharacter(id) ||
    id.trim() !== id
  )
    fail(
      `${kind === 'API' ? 'apiId' : kind === 'operation' ? 'operationId' : 'productId'}`,
      `The ${kind} id "${id}" is not valid: 1-${max} characters, none of * # & + : < > ? / \\ % and no leading or trailing spaces.`,
    );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body's `properties` object; a missing body or `properties` is an empty one. */
export function propertiesOf(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (!isRecord(body)) fail('properties', 'The request body must be a JSON object.');
  const properties = body.properties;
  if (properties === undefined || properties === null) return {};
  if (!isRecord(properties)) fail('properties', 'properties must be a JSON object.');
  return properties;
}

function text(
  input: Record<string, unknown>,
  field: string,
  options: { min?: number; max?: number },
): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  const min = options.min ?? 0;
  if (
    typeof value !== 'string' ||
    value.length < min ||
    (options.max !== undefined && value.length > options.max)
  )
    fail(
      `properties.${field}`,
      options.max === undefined
        ? `properties.${field} must be a string.`
        : `properties.${field} must be a string of ${min}-${options.max} characters.`,
    );
  return value;
}

function flag(input: Record<string, unknown>, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    fail(`properties.${field}`, `properties.${field} must be true or false.`);
  return value;
}

function record(
  input: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) fail(`properties.${field}`, `properties.${field} must be an object.`);
  return value;
}

function stringFields<K extends string>(
  value: Record<string, unknown>,
  field: string,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string')
      fail(`properties.${field}.${key}`, `properties.${field}.${key} must be a string.`);
    out[key] = v;
  }
  return out;
}

function absoluteHttpUrl(value: string, target: string, max: number): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(target, `${target} must be an absolute http or https URL, not "${value}".`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || value.length > max)
    fail(target, `${target} must be an absolute http or https URL of at most ${max} characters.`);
  return url;
}

/** What decides where the gateway may forward calls: the backend allow-list and its setting's name. */
export interface BackendTrust {
  isTrustedBackend: (url: URL) => boolean;
  trustSetting: string;
}

/** The API's `path` without the slashes around it, as it is stored and matched. */
export function normalizeApiPath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/**
 * The ApiContract fields `input` gives, checked; fields it does not give stay absent, so that a
 * PATCH can lay them over the stored ones. Import-only fields (`format`, `value`, `wsdlSelector`,
 * `apiType`, `translateRequiredQueryParameters`) and read-only ones are not kept.
 */
export function readApiInput(
  input: Record<string, unknown>,
  trust: BackendTrust,
): Partial<ApiProperties> {
  const out: Partial<ApiProperties> = {};
  const path = text(input, 'path', { max: 400 });
  if (path !== undefined) {
    const normalized = normalizeApiPath(path.trim());
    if (
      /[?#\\\s]/.test(normalized) ||
      normalized.split('/').some((s, _, all) => s === '' && all.length > 1)
    )
      fail(
        'properties.path',
        `properties.path "${path}" is not a valid URL suffix: no "?", "#", spaces or empty segments.`,
      );
    out.path = normalized;
  }
  const displayName = text(input, 'displayName', { min: 1, max: 300 });
  if (displayName !== undefined) out.displayName = displayName;
  const description = text(input, 'description', {});
  if (description !== undefined) out.description = description;
  const serviceUrl = text(input, 'serviceUrl', { max: 2000 });
  if (serviceUrl !== undefined && serviceUrl !== '') {
    const url = absoluteHttpUrl(serviceUrl, 'properties.serviceUrl', 2000);
    if (!trust.isTrustedBackend(url))
      fail(
        'properties.serviceUrl',
        `properties.serviceUrl: the local gateway does not forward calls to "${url.host}". Only trusted backends are allowed; add the host to ${trust.trustSetting} to trust it.`,
      );
    out.serviceUrl = serviceUrl;
  }
  if (input.protocols !== undefined && input.protocols !== null) {
    const protocols = input.protocols;
    if (
      !Array.isArray(protocols) ||
      protocols.length === 0 ||
      !protocols.every((p) => (API_PROTOCOLS as readonly unknown[]).includes(p))
    )
      fail(
        'properties.protocols',
        `properties.protocols must be a non-empty array of ${API_PROTOCOLS.map((p) => `"${p}"`).join(', ')}.`,
      );
    out.protocols = [...new Set(protocols as ApiProtocol[])];
  }
  const subscriptionRequired = flag(input, 'subscriptionRequired');
  if (subscriptionRequired !== undefined) out.subscriptionRequired = subscriptionRequired;
  const names = record(input, 'subscriptionKeyParameterNames');
  if (names) {
    const given = stringFields(names, 'subscriptionKeyParameterNames', ['header', 'query']);
    for (const key of ['header', 'query'] as const) {
      const value = given[key];
      if (value !== undefined && !HTTP_TOKEN.test(value))
        fail(
          `properties.subscriptionKeyParameterNames.${key}`,
          `properties.subscriptionKeyParameterNames.${key} must be a header or query parameter name.`,
        );
    }
    out.subscriptionKeyParameterNames = { ...DEFAULT_KEY_PARAMETER_NAMES, ...given };
  }
  const type = input.type;
  if (type !== undefined && type !== null) {
    if (!(API_TYPES as readonly unknown[]).includes(type))
      fail(
        'properties.type',
        `properties.type must be one of ${API_TYPES.map((t) => `"${t}"`).join(', ')}.`,
      );
    out.type = type as ApiType;
  }
  const apiRevision = text(input, 'apiRevision', { min: 1, max: 100 });
  if (apiRevision !== undefined) out.apiRevision = apiRevision;
  const isCurrent = flag(input, 'isCurrent');
  if (isCurrent !== undefined) out.isCurrent = isCurrent;
  const apiVersion = text(input, 'apiVersion', { max: 100 });
  if (apiVersion !== undefined) out.apiVersion = apiVersion;
  const apiRevisionDescription = text(input, 'apiRevisionDescription', { max: 256 });
  if (apiRevisionDescription !== undefined) out.apiRevisionDescription = apiRevisionDescription;
  const apiVersionDescription = text(input, 'apiVersionDescription', { max: 256 });
  if (apiVersionDescription !== undefined) out.apiVersionDescription = apiVersionDescription;
  const apiVersionSetId = text(input, 'apiVersionSetId', {});
  if (apiVersionSetId !== undefined) out.apiVersionSetId = apiVersionSetId;
  const apiVersionSet = record(input, 'apiVersionSet');
  if (apiVersionSet) out.apiVersionSet = apiVersionSet;
  const sourceApiId = text(input, 'sourceApiId', {});
  if (sourceApiId !== undefined) out.sourceApiId = sourceApiId;
  const authenticationSettings = record(input, 'authenticationSettings');
  if (authenticationSettings) out.authenticationSettings = authenticationSettings;
  const termsOfServiceUrl = text(input, 'termsOfServiceUrl', {});
  if (termsOfServiceUrl !== undefined) out.termsOfServiceUrl = termsOfServiceUrl;
  const contact = record(input, 'contact');
  if (contact) out.contact = stringFields(contact, 'contact', ['name', 'url', 'email']);
  const license = record(input, 'license');
  if (license) out.license = stringFields(license, 'license', ['name', 'url']);
  return out;
}

/** A whole ApiContract from the given fields, with APIM's defaults for the ones left out. */
export function completeApi(given: Partial<ApiProperties>): ApiProperties {
  if (given.path === undefined)
    fail('properties.path', 'properties.path is required (the URL suffix, e.g. "echo").');
  if (given.displayName === undefined)
    fail('properties.displayName', 'properties.displayName is required (1-300 characters).');
  return {
    ...given,
    displayName: given.displayName,
    path: given.path,
    apiRevision: given.apiRevision ?? '1',
    isCurrent: given.isCurrent ?? true,
    type: given.type ?? 'http',
    protocols: given.protocols ?? ['https'],
    subscriptionRequired: given.subscriptionRequired ?? true,
    subscriptionKeyParameterNames: given.subscriptionKeyParameterNames ?? {
      ...DEFAULT_KEY_PARAMETER_NAMES,
    },
  };
}

function parameters(value: unknown, target: string): ParameterContract[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(target, `${target} must be an array.`);
  return value.map((item: unknown, index) => {
    const at = `${target}[${index}]`;
    if (!isRecord(item)) fail(at, `${at} must be an object.`);
    if (typeof item.name !== 'string' || item.name === '')
      fail(`${at}.name`, `${at}.name is required.`);
    if (typeof item.type !== 'string' || item.type === '')
      fail(`${at}.type`, `${at}.type is required (e.g. "string").`);
    for (const field of ['description', 'defaultValue', 'schemaId', 'typeName'] as const)
      if (item[field] !== undefined && item[field] !== null && typeof item[field] !== 'string')
        fail(`${at}.${field}`, `${at}.${field} must be a string.`);
    if (item.required !== undefined && item.required !== null && typeof item.required !== 'boolean')
      fail(`${at}.required`, `${at}.required must be true or false.`);
    if (
      item.values !== undefined &&
      item.values !== null &&
      (!Array.isArray(item.values) || !item.values.every((v) => typeof v === 'string'))
    )
      fail(`${at}.values`, `${at}.values must be an array of strings.`);
    return item as unknown as ParameterContract;
  });
}

function representations(value: unknown, target: string): RepresentationContract[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(target, `${target} must be an array.`);
  return value.map((item: unknown, index) => {
    const at = `${target}[${index}]`;
    if (!isRecord(item)) fail(at, `${at} must be an object.`);
    if (typeof item.contentType !== 'string' || item.contentType === '')
      fail(`${at}.contentType`, `${at}.contentType is required.`);
    parameters(item.formParameters, `${at}.formParameters`);
    return item as unknown as RepresentationContract;
  });
}

/** The `{name}`s of a URL template, in order, or a message saying why its braces are wrong. */
export function templateParameterNames(urlTemplate: string): string[] {
  const names: string[] = [];
  let open = -1;
  for (let i = 0; i < urlTemplate.length; i++) {
    const c = urlTemplate[i];
    if (c === '{') {
      if (open >= 0)
        fail(
          'properties.urlTemplate',
          `properties.urlTemplate has a "{" inside a parameter at position ${i + 1}.`,
        );
      open = i;
    } else if (c === '}') {
      if (open < 0)
        fail(
          'properties.urlTemplate',
          `properties.urlTemplate has a "}" without its "{" at position ${i + 1}.`,
        );
      const name = urlTemplate.slice(open + 1, i);
      if (!TEMPLATE_PARAMETER.test(name))
        fail(
          'properties.urlTemplate',
          `properties.urlTemplate has a parameter with no valid name at position ${open + 1}.`,
        );
      names.push(name);
      open = -1;
    }
  }
  if (open >= 0)
    fail(
      'properties.urlTemplate',
      `properties.urlTemplate has a "{" that is never closed at position ${open + 1}.`,
    );
  return names;
}

/** The OperationContract fields `input` gives, checked; fields it does not give stay absent. */
export function readOperationInput(input: Record<string, unknown>): Partial<OperationProperties> {
  const out: Partial<OperationProperties> = {};
  const displayName = text(input, 'displayName', { min: 1, max: 300 });
  if (displayName !== undefined) out.displayName = displayName;
  const method = text(input, 'method', { min: 1 });
  if (method !== undefined) {
    if (!HTTP_TOKEN.test(method))
      fail('properties.method', `properties.method "${method}" is not an HTTP method.`);
    out.method = method.toUpperCase();
  }
  const urlTemplate = text(input, 'urlTemplate', { min: 1, max: 1000 });
  if (urlTemplate !== undefined) {
    if (!urlTemplate.startsWith('/'))
      fail(
        'properties.urlTemplate',
        'properties.urlTemplate must start with "/", e.g. "/users/{id}".',
      );
    if (/[#\s]/.test(urlTemplate))
      fail('properties.urlTemplate', 'properties.urlTemplate may contain no "#" or spaces.');
    templateParameterNames(urlTemplate);
    out.urlTemplate = urlTemplate;
  }
  if (input.templateParameters !== undefined && input.templateParameters !== null)
    out.templateParameters = parameters(input.templateParameters, 'properties.templateParameters');
  const description = text(input, 'description', { max: 1000 });
  if (description !== undefined) out.description = description;
  const request = record(input, 'request');
  if (request) {
    text(request, 'description', {});
    out.request = {
      ...request,
      queryParameters: parameters(request.queryParameters, 'properties.request.queryParameters'),
      headers: parameters(request.headers, 'properties.request.headers'),
      representations: representations(
        request.representations,
        'properties.request.representations',
      ),
    };
  }
  if (input.responses !== undefined && input.responses !== null) {
    const responses = input.responses;
    if (!Array.isArray(responses))
      fail('properties.responses', 'properties.responses must be an array.');
    out.responses = responses.map((response: unknown, index): ResponseContract => {
      const at = `properties.responses[${index}]`;
      if (!isRecord(response)) fail(at, `${at} must be an object.`);
      const status = response.statusCode;
      // 0 stands for a definition's `default` response (openapi-import.ts).
      if (
        typeof status !== 'number' ||
        !Number.isInteger(status) ||
        (status !== 0 && (status < 100 || status > 599))
      )
        fail(`${at}.statusCode`, `${at}.statusCode is required: an HTTP status code.`);
      return {
        ...response,
        statusCode: status,
        representations: representations(response.representations, `${at}.representations`),
        headers: parameters(response.headers, `${at}.headers`),
      };
    });
  }
  return out;
}

/** A whole OperationContract; every `{name}` of the template must be a template parameter and back. */
export function completeOperation(given: Partial<OperationProperties>): OperationProperties {
  if (given.displayName === undefined)
    fail('properties.displayName', 'properties.displayName is required (1-300 characters).');
  if (given.method === undefined)
    fail('properties.method', 'properties.method is required, e.g. "GET".');
  if (given.urlTemplate === undefined)
    fail('properties.urlTemplate', 'properties.urlTemplate is required, e.g. "/users/{id}".');
  const templateParameters = given.templateParameters ?? [];
  const inTemplate = templateParameterNames(given.urlTemplate);
  const declared = templateParameters.map((p) => p.name);
  const missing = inTemplate.filter((name) => !declared.includes(name));
  const extra = declared.filter((name) => !inTemplate.includes(name));
  if (missing.length > 0)
    fail(
      'properties.templateParameters',
      `properties.templateParameters must describe every parameter of the URL template; missing: ${missing.join(', ')}.`,
    );
  if (extra.length > 0)
    fail(
      'properties.templateParameters',
      `properties.templateParameters has parameters that are not in the URL template "${given.urlTemplate}": ${extra.join(', ')}.`,
    );
  const duplicates = declared.filter((name, i) => declared.indexOf(name) !== i);
  if (duplicates.length > 0)
    fail(
      'properties.templateParameters',
      `properties.templateParameters names ${duplicates[0]} twice.`,
    );
  return {
    ...given,
    displayName: given.displayName,
    method: given.method,
    urlTemplate: given.urlTemplate,
    templateParameters,
    responses: given.responses ?? [],
  };
}

const PRODUCT_STATES = ['published', 'notPublished'] as const;

/** The ProductContract fields `input` gives, checked. */
export function readProductInput(input: Record<string, unknown>): Partial<ProductProperties> {
  const out: Partial<ProductProperties> = {};
  const displayName = text(input, 'displayName', { min: 1, max: 300 });
  if (displayName !== undefined) out.displayName = displayName;
  const description = text(input, 'description', { max: 1000 });
  if (description !== undefined) out.description = description;
  const terms = text(input, 'terms', {});
  if (terms !== undefined) out.terms = terms;
  const subscriptionRequired = flag(input, 'subscriptionRequired');
  if (subscriptionRequired !== undefined) out.subscriptionRequired = subscriptionRequired;
  const approvalRequired = flag(input, 'approvalRequired');
  if (approvalRequired !== undefined) out.approvalRequired = approvalRequired;
  if ('subscriptionsLimit' in input && input.subscriptionsLimit !== undefined) {
    const limit = input.subscriptionsLimit;
    if (
      limit !== null &&
      (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 2 ** 31 - 1)
    )
      fail(
        'properties.subscriptionsLimit',
        'properties.subscriptionsLimit must be a whole number of at least 0, or null for no limit.',
      );
    out.subscriptionsLimit = limit;
  }
  const state = input.state;
  if (state !== undefined && state !== null) {
    if (!(PRODUCT_STATES as readonly unknown[]).includes(state))
      fail('properties.state', 'properties.state must be "published" or "notPublished".');
    out.state = state as ProductProperties['state'];
  }
  return out;
}

/** A whole ProductContract with APIM's defaults (subscription required, not published). */
export function completeProduct(given: Partial<ProductProperties>): ProductProperties {
  if (given.displayName === undefined)
    fail('properties.displayName', 'properties.displayName is required (1-300 characters).');
  const product: ProductProperties = {
    displayName: given.displayName,
    description: given.description ?? '',
    terms: given.terms ?? '',
    subscriptionRequired: given.subscriptionRequired ?? true,
    approvalRequired: given.approvalRequired ?? false,
    subscriptionsLimit: given.subscriptionsLimit ?? null,
    state: given.state ?? 'notPublished',
  };
  if (!product.subscriptionRequired && product.approvalRequired)
    fail(
      'properties.approvalRequired',
      'properties.approvalRequired can be true only when properties.subscriptionRequired is true.',
    );
  if (!product.subscriptionRequired && product.subscriptionsLimit !== null)
    fail(
      'properties.subscriptionsLimit',
      'properties.subscriptionsLimit can be set only when properties.subscriptionRequired is true.',
    );
  return product;
}
