import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { chooseSecurityRequirement, securityParts } from './apply-security';
import type { HttpHeader, HttpRequest, TryItValues } from './http-request';
import type { Environment } from '../config/portal-config';
import { buildQueryString, expandPath, joinUrl, queryPairs, type QueryPair } from './url-parts';

export type { HttpHeader, HttpRequest, TryItValues } from './http-request';
import { isSensitiveHeaderName } from './redact-request';
export { redactRequest, redactUrl } from './redact-request';

// OpenAPI: header parameters with these names are ignored (the body and security set them).
const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * Builds the exact request the try-it console sends: URL from the environment's base URL and
 * the encoded path and query, headers from parameters, security schemes and custom headers,
 * and the body with its Content-Type.
 */
export function buildRequest(
  operation: ApiOperation,
  values: TryItValues,
  environment: Pick<Environment, 'baseUrl' | 'credentials'>,
  securitySchemes: Record<string, SecurityScheme>,
): HttpRequest {
  const credentials = { ...environment.credentials, ...values.credentials };
  const chosen = chooseSecurityRequirement(operation.security, credentials);
  const security = securityParts(chosen, securitySchemes, credentials);

  const query: QueryPair[] = [];
  const headers: HttpHeader[] = [];
  const cookies: Array<{ name: string; value: string }> = [];
  const known = { query: new Set<string>(), header: new Set<string>(), cookie: new Set<string>() };
  for (const param of operation.parameters) {
    if (param.in === 'path') continue;
    const source =
      param.in === 'query' ? values.query : param.in === 'header' ? values.headers : values.cookies;
    known[param.in].add(param.name);
    const value = source?.[param.name] ?? '';
    if (value === '' && !param.required) continue;
    if (param.in === 'query') query.push(...queryPairs(param, value));
    else if (param.in === 'header') {
      if (!RESERVED_HEADERS.has(param.name.toLowerCase())) {
        const secret = isSensitiveHeaderName(param.name);
        headers.push({ name: param.name, value, ...(secret ? { secret: true } : {}) });
      }
    } else cookies.push({ name: param.name, value });
  }
  // Values the form holds for parameters the operation does not declare (e.g. typed by hand).
  for (const [name, value] of Object.entries(values.query)) {
    if (!known.query.has(name) && name !== '' && value !== '') query.push({ name, value });
  }

  headers.push(...security.headers);
  cookies.push(...security.cookies);
  const secretCookies = new Set(security.cookies.map((c) => c.name));
  if (cookies.length > 0) {
    headers.push({
      name: 'Cookie',
      value: cookies.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join('; '),
      ...(secretCookies.size > 0 ? { secret: true } : {}),
    });
  }

  const method = operation.method.toUpperCase();
  const hasBody =
    values.body !== undefined && values.body !== '' && method !== 'GET' && method !== 'HEAD';
  if (hasBody) {
    const contentType =
      values.contentType ?? operation.requestBody?.content[0]?.contentType ?? 'application/json';
    headers.push({ name: 'Content-Type', value: contentType });
  }

  for (const custom of values.customHeaders) {
    const name = custom.name.trim();
    if (name === '') continue;
    // A custom header replaces one of the same name, so the user can override anything.
    const lower = name.toLowerCase();
    const existing = headers.filter((h) => h.name.toLowerCase() === lower);
    const wasSecret = existing.some((h) => h.secret);
    for (const h of existing) headers.splice(headers.indexOf(h), 1);
    const secret = wasSecret || isSensitiveHeaderName(name);
    headers.push({ name, value: custom.value, ...(secret ? { secret: true } : {}) });
  }

  query.push(...security.query);
  const queryString = buildQueryString(query);
  // A webhook goes to the receiver's own URL, which may hold a query; its name is no path.
  const url = operation.webhook
    ? environment.baseUrl.trim() +
      (queryString ? `${environment.baseUrl.includes('?') ? '&' : '?'}${queryString}` : '')
    : joinUrl(environment.baseUrl, expandPath(operation.path, values.path)) +
      (queryString ? `?${queryString}` : '');
  const request: HttpRequest = { method, url, headers };
  if (hasBody) request.body = values.body;
  if (security.query.length > 0) request.secretQuery = security.query.map((q) => q.name);
  return request;
}
