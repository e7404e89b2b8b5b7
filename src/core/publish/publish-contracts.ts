/**
 * The Publish area's forms and API Management's ARM contracts, both ways: what a person fills
 * in with the tutorial's words (Web API name, Web service URL, Web API URL suffix, URL scheme)
 * and the `{ properties }` the management API takes and answers.
 */
import { ApimContractError } from '../apim/apim-errors';
import { parseProduct, type ApimProduct } from '../apim/apim-contracts';
import { checkUrlTemplate } from './url-template';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function fail(what: string, field: string, problem: string): never {
  throw new ApimContractError(
    `The ${what} answer is not what API Management sends: "${field}" ${problem}.`,
  );
}

function entity(json: unknown, what: string): { name: string; properties: Obj } {
  if (!isObj(json)) return fail(what, '(root)', 'must be an object');
  const name = text(json.name);
  if (!name) fail(what, 'name', 'must be the id');
  if (!isObj(json.properties)) return fail(what, 'properties', 'must be an object');
  return { name, properties: json.properties };
}

/** An id APIM accepts, from a display name: "AzureML Demo API 2" → "azureml-demo-api-2". */
export function idFromName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'api'
  );
}

// ---- APIs ----

export type UrlScheme = 'https' | 'http' | 'both';

export interface ApiFormValues {
  /** Web API name. */
  displayName: string;
  description: string;
  /** Web service URL: the backend; empty for an API whose backend does not exist yet. */
  serviceUrl: string;
  /** Web API URL suffix. */
  path: string;
  /** URL scheme. */
  scheme: UrlScheme;
  /** Product ids the API is added to. */
  products: string[];
}

export interface PublishedApi {
  id: string;
  displayName: string;
  description: string;
  serviceUrl: string;
  path: string;
  protocols: string[];
}

export function emptyApiForm(): ApiFormValues {
  return {
    displayName: '',
    description: '',
    serviceUrl: '',
    path: '',
    scheme: 'https',
    products: [],
  };
}

function protocolsOf(scheme: UrlScheme): string[] {
  return scheme === 'both' ? ['http', 'https'] : [scheme];
}

function schemeOf(protocols: string[]): UrlScheme {
  const http = protocols.includes('http');
  const https = protocols.includes('https');
  return http && https ? 'both' : http ? 'http' : 'https';
}

/**
 * The body of PUT (create) or PATCH (edit) /apis/{id}. An empty Web service URL is left out:
 * the API then has no backend (mock-response answers for it).
 */
export function apiFormToContract(values: ApiFormValues): { properties: Obj } {
  const serviceUrl = values.serviceUrl.trim();
  const description = values.description.trim();
  return {
    properties: {
      displayName: values.displayName.trim(),
      ...(description ? { description } : {}),
      ...(serviceUrl ? { serviceUrl } : {}),
      path: values.path.trim().replace(/^\/+|\/+$/g, ''),
      protocols: protocolsOf(values.scheme),
    },
  };
}

export function apiToForm(api: PublishedApi, products: string[]): ApiFormValues {
  return {
    displayName: api.displayName,
    description: api.description,
    serviceUrl: api.serviceUrl,
    path: api.path,
    scheme: schemeOf(api.protocols),
    products,
  };
}

export function parseApi(json: unknown, what = 'API'): PublishedApi {
  const { name, properties: p } = entity(json, what);
  return {
    id: name,
    displayName: text(p.displayName) || name,
    description: text(p.description),
    serviceUrl: text(p.serviceUrl),
    path: text(p.path),
    protocols: Array.isArray(p.protocols) ? p.protocols.filter((x) => typeof x === 'string') : [],
  };
}

/** Current revisions only, by name: what a publisher sees in APIM's API list. */
export function parseApiList(items: unknown[]): PublishedApi[] {
  return items
    .filter(
      (item) => !isObj(item) || !isObj(item.properties) || item.properties.isCurrent !== false,
    )
    .map((item, i) => parseApi(item, `API list (value[${i}])`))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

// ---- operations ----

export interface OperationResponseValues {
  /** "200". */
  statusCode: string;
  description: string;
  /** Empty for a response without a body. */
  contentType: string;
  /** The example body, as typed. */
  example: string;
}

export interface OperationFormValues {
  displayName: string;
  /** HTTP verb. */
  method: string;
  urlTemplate: string;
  description: string;
  responses: OperationResponseValues[];
}

export interface PublishedOperation {
  id: string;
  displayName: string;
  method: string;
  urlTemplate: string;
  /** The local gateway says whether it came from an import; a real APIM does not. */
  origin?: 'imported' | 'manual';
}

export interface OperationDetail extends PublishedOperation {
  description: string;
  /** The contract's properties as read, so an edit keeps what the form does not show. */
  properties: Obj;
}

export const HTTP_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function emptyOperationForm(): OperationFormValues {
  return {
    displayName: '',
    method: 'POST',
    urlTemplate: '',
    description: '',
    responses: [{ statusCode: '200', description: 'OK', contentType: '', example: '' }],
  };
}

/** A typed example: JSON when it parses as JSON, else the text itself. */
function exampleValue(example: string): unknown {
  try {
    return JSON.parse(example);
  } catch {
    return example;
  }
}

/**
 * The PUT body of /apis/{a}/operations/{o}. Every `{name}` of the template is described as a
 * required string, as APIM's portal does; a parameter the operation had keeps its type and
 * description. Responses without a content type have no representation.
 */
export function operationFormToContract(
  values: OperationFormValues,
  previous?: Obj,
): { properties: Obj } {
  const check = checkUrlTemplate(values.urlTemplate.trim());
  const known = new Map<string, Obj>();
  if (previous && Array.isArray(previous.templateParameters))
    for (const p of previous.templateParameters)
      if (isObj(p) && typeof p.name === 'string') known.set(p.name, p);
  const description = values.description.trim();
  return {
    properties: {
      ...(previous ?? {}),
      displayName: values.displayName.trim(),
      method: values.method.trim().toUpperCase(),
      urlTemplate: values.urlTemplate.trim(),
      ...(description ? { description } : { description: '' }),
      templateParameters: check.parameters.map(
        (name) => known.get(name) ?? { name, type: 'string', required: true, values: [] },
      ),
      responses: values.responses
        .filter((r) => r.statusCode.trim() !== '')
        .map((r) => {
          const contentType = r.contentType.trim();
          return {
            statusCode: Number(r.statusCode),
            description: r.description.trim(),
            representations: contentType
              ? [
                  {
                    contentType,
                    ...(r.example.trim()
                      ? { examples: { default: { value: exampleValue(r.example) } } }
                      : {}),
                  },
                ]
              : [],
            headers: [],
          };
        }),
    },
  };
}

export function operationToForm(operation: OperationDetail): OperationFormValues {
  const responses = Array.isArray(operation.properties.responses)
    ? operation.properties.responses.filter(isObj)
    : [];
  return {
    displayName: operation.displayName,
    method: operation.method,
    urlTemplate: operation.urlTemplate,
    description: operation.description,
    responses: responses.map((r) => {
      const representation = Array.isArray(r.representations)
        ? r.representations.find(isObj)
        : undefined;
      const example = isObj(representation?.examples)
        ? Object.values(representation.examples).find(isObj)
        : undefined;
      const value = example?.value;
      return {
        // API Management sends the code as a number; an older export may have it as text.
        statusCode: typeof r.statusCode === 'number' ? String(r.statusCode) : text(r.statusCode),
        description: text(r.description),
        contentType: text(representation?.contentType),
        example:
          value === undefined
            ? ''
            : typeof value === 'string'
              ? value
              : JSON.stringify(value, null, 2),
      };
    }),
  };
}

function originOf(p: Obj): PublishedOperation['origin'] {
  const origin = p['x-portico-origin'];
  return origin === 'imported' || origin === 'manual' ? origin : undefined;
}

export function parseOperation(json: unknown, what = 'operation'): OperationDetail {
  const { name, properties: p } = entity(json, what);
  const origin = originOf(p);
  const { ['x-portico-origin']: _origin, ...properties } = p;
  return {
    id: name,
    displayName: text(p.displayName) || name,
    method: text(p.method).toUpperCase(),
    urlTemplate: text(p.urlTemplate),
    description: text(p.description),
    ...(origin ? { origin } : {}),
    properties,
  };
}

export function parseOperationList(items: unknown[]): PublishedOperation[] {
  return items.map((item, i) => {
    const {
      properties: _p,
      description: _d,
      ...summary
    } = parseOperation(item, `operation list (value[${i}])`);
    return summary;
  });
}

// ---- products ----

export interface AdminProduct extends ApimProduct {
  subscriptionsLimit: number | null;
}

export interface ProductFormValues {
  displayName: string;
  description: string;
  terms: string;
  approvalRequired: boolean;
  /** Empty for no limit. */
  subscriptionsLimit: string;
  published: boolean;
}

export function emptyProductForm(): ProductFormValues {
  return {
    displayName: '',
    description: '',
    terms: '',
    approvalRequired: false,
    subscriptionsLimit: '',
    published: true,
  };
}

export function parseAdminProduct(json: unknown, what = 'product'): AdminProduct {
  const product = parseProduct(json, what);
  const limit = isObj(json) && isObj(json.properties) ? json.properties.subscriptionsLimit : null;
  return { ...product, subscriptionsLimit: typeof limit === 'number' ? limit : null };
}

export function productFormToContract(values: ProductFormValues): { properties: Obj } {
  const limit = values.subscriptionsLimit.trim();
  return {
    properties: {
      displayName: values.displayName.trim(),
      description: values.description.trim(),
      terms: values.terms.trim(),
      subscriptionRequired: true,
      approvalRequired: values.approvalRequired,
      subscriptionsLimit: limit === '' ? null : Number(limit),
      state: values.published ? 'published' : 'notPublished',
    },
  };
}

export function productToForm(product: AdminProduct): ProductFormValues {
  return {
    displayName: product.displayName,
    description: product.description,
    terms: product.terms,
    approvalRequired: product.approvalRequired,
    subscriptionsLimit:
      product.subscriptionsLimit === null ? '' : String(product.subscriptionsLimit),
    published: product.state === 'published',
  };
}

/** The policy document's text from a PolicyContract. */
export function parsePolicy(json: unknown): string {
  if (!isObj(json) || !isObj(json.properties))
    return fail('policy', 'properties', 'must be an object');
  return text(json.properties.value);
}
