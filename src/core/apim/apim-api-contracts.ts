/**
 * API Management's API contracts as the catalog reads them: a page of the API list
 * (`{ value: [{ name, properties }], nextLink }`) and an export result
 * (`{ id, format, value: { link } }`). Strict about what the portal relies on, and says which
 * field is wrong, because the same code reads a real APIM instance.
 */

import { ApimCatalogError } from './apim-catalog-error';

/** One published API, as the portal lists it. */
export interface ApimApi {
  /** The API id (the contract's `name`), e.g. "azureml-demo". */
  id: string;
  title: string;
  description: string;
  /** The URL suffix on the gateway, "" for the root. */
  path: string;
  /** The backend, when APIM says (a consumer's view may leave it out). */
  serviceUrl?: string;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CONTRACT_HINT =
  "Check apiSource.managementUrl in portico.config.json: it must be the API Management service's management root.";

function fail(what: string, field: string, problem: string): never {
  throw new ApimCatalogError(
    'contract',
    `The ${what} answer is not what API Management sends: "${field}" ${problem}.`,
    CONTRACT_HINT,
  );
}

/**
 * One page of `GET {managementUrl}/apis`. Revisions that are not current are left out even if
 * the server ignored the `$filter`: they share the current revision's path.
 */
export function parseApiPage(json: unknown): { apis: ApimApi[]; nextLink?: string } {
  if (!isObj(json) || !Array.isArray(json.value))
    return fail('API list', 'value', 'must be a list');
  const apis: ApimApi[] = [];
  json.value.forEach((item: unknown, i) => {
    const at = `value[${i}]`;
    if (!isObj(item)) return fail('API list', at, 'must be an object');
    if (typeof item.name !== 'string' || item.name === '')
      fail('API list', `${at}.name`, 'must be the API id');
    const p = item.properties;
    if (!isObj(p)) return fail('API list', `${at}.properties`, 'must be an object');
    if (typeof p.path !== 'string') fail('API list', `${at}.properties.path`, 'must be a string');
    if (p.isCurrent === false) return;
    const id = item.name;
    apis.push({
      id,
      title: typeof p.displayName === 'string' && p.displayName !== '' ? p.displayName : id,
      description: typeof p.description === 'string' ? p.description : '',
      path: p.path.replace(/^\/+|\/+$/g, ''),
      ...(typeof p.serviceUrl === 'string' && p.serviceUrl !== ''
        ? { serviceUrl: p.serviceUrl }
        : {}),
    });
  });
  const next = json.nextLink;
  if (next !== undefined && next !== null && typeof next !== 'string')
    fail('API list', 'nextLink', 'must be a URL');
  return { apis, ...(typeof next === 'string' && next !== '' ? { nextLink: next } : {}) };
}

/** The link of `GET {managementUrl}/apis/{id}?format=openapi+json-link&export=true`. */
export function parseExportLink(json: unknown): string {
  const what = 'API export';
  if (!isObj(json)) return fail(what, '(root)', 'must be an object');
  const value = json.value;
  if (!isObj(value)) return fail(what, 'value', 'must be an object with "link"');
  const link = value.link;
  if (typeof link !== 'string' || !/^https?:\/\//i.test(link))
    return fail(what, 'value.link', 'must be an http(s) URL');
  return link;
}
