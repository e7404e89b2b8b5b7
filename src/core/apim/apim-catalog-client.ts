/**
 * The API Management catalog source: lists the APIs an instance publishes (current revisions,
 * every page) and, when one is opened, asks for its OpenAPI export link. The same calls read
 * the local gateway with the demo's admin key and a real APIM through Azure Resource Manager
 * with a token the user pasted; the credential travels in a header only.
 */

import type { ApimApiSource } from '../config/portal-config';
import { parseApiPage, parseExportLink, type ApimApi } from './apim-api-contracts';
import { ApimCatalogError } from './apim-catalog-error';
import { ARM_API_VERSION, ARM_TOKEN_COMMAND, isArmManagementUrl } from './arm-token-store';
import { isDefinitionError } from '../definition/definition-error';

/** How the catalog reaches a management root. */
export interface ApimAccess {
  managementUrl: string;
  /** Sent as `Authorization: Bearer`; never in a URL. */
  secret: string;
  /** Where the secret came from, for what a refusal should advise. */
  credential: 'demo-admin-key' | 'token';
  arm: boolean;
}

export interface ApimCallOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** The portal's origin, named when CORS may be what failed. */
  portalOrigin?: string;
}

/** Pages followed at most: 100 APIs a page. */
const MAX_PAGES = 50;

/** The access for `source`: the demo's admin key, else the pasted token, else a clear refusal. */
export function apimAccess(source: ApimApiSource, pastedToken: string): ApimAccess {
  const arm = isArmManagementUrl(source.managementUrl);
  const base = { managementUrl: source.managementUrl, arm };
  if (source.demoAdminKey)
    return { ...base, secret: source.demoAdminKey, credential: 'demo-admin-key' };
  const token = pastedToken.trim().replace(/^Bearer\s+/i, '');
  if (token) return { ...base, secret: token, credential: 'token' };
  throw new ApimCatalogError(
    'no-credential',
    `The APIs come from API Management at ${new URL(source.managementUrl).origin}, which needs an access token to list them.`,
    arm
      ? `Paste a token from ${ARM_TOKEN_COMMAND} (it needs the API Management Service Reader role).`
      : "Paste the gateway's admin key as the token, or start the demo stack with npm start, whose served config carries it.",
  );
}

function refusalHint(access: ApimAccess): string {
  if (access.credential === 'demo-admin-key')
    return "The demo stack's admin key was refused: restart it with npm start, and reload the page.";
  return access.arm
    ? `Tokens last about an hour: paste a new token from ${ARM_TOKEN_COMMAND}. It needs read access to the API Management service (the API Management Service Reader role).`
    : 'Paste a new token: the gateway takes its admin key (APIM_ADMIN_KEY) as the bearer token.';
}

async function armMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown }; message?: unknown };
    const message = body.error?.message ?? body.message;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // Not JSON: the status line says enough.
  }
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

async function call(
  access: ApimAccess,
  url: URL,
  what: string,
  notFound: { message: string; hint: string },
  options: ApimCallOptions,
): Promise<unknown> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { Authorization: `Bearer ${access.secret}`, Accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    const portal = options.portalOrigin ? ` (${options.portalOrigin})` : '';
    throw new ApimCatalogError(
      'unreachable',
      `${what} at ${url.origin} could not be reached: the request failed before any answer.`,
      access.arm
        ? `Azure Resource Manager answers browsers from any origin, so check this browser's network or proxy, and that ${url.origin} is reachable.`
        : `Is the gateway running (npm start)? ${url.origin} must allow this portal's origin${portal} by CORS.`,
    );
  }
  if (response.ok) {
    try {
      return await response.json();
    } catch {
      throw new ApimCatalogError(
        'contract',
        `${what} at ${url.origin} answered with something that is not JSON.`,
        "Check apiSource.managementUrl in portico.config.json: it must be the API Management service's management root.",
        response.status,
      );
    }
  }
  const message = await armMessage(response);
  if (response.status === 401 || response.status === 403)
    throw new ApimCatalogError(
      'refused',
      `API Management at ${url.origin} refused the ${access.credential === 'token' ? 'token' : 'admin key'} (${response.status}): ${message}`,
      refusalHint(access),
      response.status,
    );
  if (response.status === 404)
    throw new ApimCatalogError(
      'not-found',
      `${notFound.message} (${message}).`,
      notFound.hint,
      404,
    );
  throw new ApimCatalogError(
    'failed',
    `${what} at ${url.origin} failed (${response.status}): ${message}`,
    'Try again in a moment.',
    response.status,
  );
}

function withVersion(url: URL): URL {
  if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', ARM_API_VERSION);
  return url;
}

/**
 * Every current API the instance publishes, following `nextLink` on the management root's own
 * origin only (the credential is never sent anywhere else).
 */
export async function listApimApis(
  access: ApimAccess,
  options: ApimCallOptions = {},
): Promise<ApimApi[]> {
  const first = new URL(`${access.managementUrl}/apis`);
  first.searchParams.set('$filter', 'isCurrent eq true');
  first.searchParams.set('$top', '100');
  withVersion(first);
  const apis: ApimApi[] = [];
  let url: URL | undefined = first;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const json = await call(
      access,
      url,
      'The API list',
      {
        message: `API Management has no API list at ${first.origin}${first.pathname}`,
        hint: access.arm
          ? 'Check apiSource.managementUrl in portico.config.json: the subscription, resource group and service name.'
          : 'Check apiSource.managementUrl in portico.config.json.',
      },
      options,
    );
    const { apis: found, nextLink } = parseApiPage(json);
    apis.push(...found);
    const next: URL | undefined = nextLink ? new URL(nextLink, first) : undefined;
    url = next && next.origin === first.origin ? withVersion(next) : undefined;
  }
  return apis;
}

/**
 * A short-lived link (a read-only SAS, 5 minutes on the local gateway) to the API's OpenAPI 3
 * JSON export: asked for when the API is opened, never kept.
 */
export async function apimExportLink(
  access: ApimAccess,
  apiId: string,
  options: ApimCallOptions = {},
): Promise<string> {
  const url = new URL(`${access.managementUrl}/apis/${encodeURIComponent(apiId)}`);
  url.searchParams.set('format', 'openapi+json-link');
  url.searchParams.set('export', 'true');
  withVersion(url);
  const json = await call(
    access,
    url,
    `The export of "${apiId}"`,
    {
      message: `API Management no longer publishes the API "${apiId}"`,
      hint: 'It may have been deleted or renamed: reload the page for the current list.',
    },
    options,
  );
  return parseExportLink(json);
}

/**
 * A failure to read the exported definition from its link, said as what it is: the link is
 * Azure Storage read by SAS, not the management API. Other errors (a definition that does not
 * parse) pass through unchanged.
 */
export function exportLinkFailure(error: unknown, link: string): unknown {
  if (!isDefinitionError(error) || !error.message.startsWith('Could not fetch')) return error;
  const { origin } = new URL(link);
  const status = /HTTP (\d{3})/.exec(error.message)?.[1];
  return new ApimCatalogError(
    'export-link',
    status
      ? `The exported definition could not be read from ${origin}: HTTP ${status}.`
      : `The exported definition could not be read from ${origin}: the request failed before any answer.`,
    status
      ? 'Export links last a few minutes: Try again asks API Management for a new one.'
      : `The link is Azure Storage, read by SAS: its account must allow this portal's origin by CORS (GET).`,
    status ? Number(status) : 0,
  );
}
