/**
 * Environments belong to an API. The config can name an API's environments; environments it
 * does not name serve the config's own APIs (as before per-API environments existed). An API
 * that gets none this way (one added in Settings, say) gets one per `servers` entry of its
 * definition, so it never sends to another API's server. Which environment is in use is
 * remembered per API.
 */
import type { ApiDefinitionHead, ApiServer } from '../definition/api-model';
import type { Environment } from './portal-config';

export interface ApiEnvironmentScope {
  id: string;
  origin: 'config' | 'added' | 'apim';
  /** Environment ids the config lists for this API, if it lists any. */
  environmentIds?: string[];
}

/** What the user stored for the environments made from servers, by environment id. */
export interface ServerEnvironmentState {
  credentials?: Readonly<Record<string, Record<string, string> | undefined>>;
  /** The values the user gave the servers' `{variables}`. */
  serverVariables?: Readonly<Record<string, Record<string, string> | undefined>>;
}

/** The id of the environment made from the API's n-th server. */
export function serverEnvironmentId(apiId: string, index: number): string {
  return `${apiId}~server-${index + 1}`;
}

/** The definition's servers with their variables; Swagger 2.0's (no variables) from `servers`. */
export function apiServers(
  head: Pick<ApiDefinitionHead, 'servers' | 'serverTemplates'>,
): ApiServer[] {
  return head.serverTemplates ?? head.servers.map((url) => ({ url, variables: {} }));
}

/**
 * The server's URL with its variables filled (the user's value, else the default), resolved
 * against the definition's URL when relative (`/v1`, `./api`), without a trailing slash so paths
 * join simply. Undefined when it cannot be made an absolute http(s) URL.
 */
export function serverUrl(
  server: ApiServer,
  values: Readonly<Record<string, string>> = {},
): string | undefined {
  const filled = server.url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const own = values[name]?.trim();
    if (own) return own;
    return Object.hasOwn(server.variables, name)
      ? (server.variables[name]?.default ?? whole)
      : whole;
  });
  let url: URL;
  try {
    url = new URL(filled, server.definitionUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

function serverName(url: string, index: number, count: number): string {
  const { host } = new URL(url);
  return count > 1 ? `Server ${index + 1} (${host})` : `Server (${host})`;
}

export function environmentsForApi(
  api: ApiEnvironmentScope,
  environments: readonly Environment[],
  servers: readonly ApiServer[],
  stored: ServerEnvironmentState = {},
): Environment[] {
  // The user's own environments (made in Settings) serve every API: they chose the address.
  const userMade = environments.filter((e) => e.builtIn !== true && !e.apiIds);
  const builtIn = environments.filter((e) => e.builtIn === true || e.apiIds);
  let own: Environment[];
  if (api.environmentIds) {
    const ids = new Set(api.environmentIds);
    own = builtIn.filter((e) => ids.has(e.id) || e.apiIds?.includes(api.id));
  } else {
    own = builtIn.filter((e) => (e.apiIds ? e.apiIds.includes(api.id) : api.origin === 'config'));
  }
  if (own.length > 0) return [...own, ...userMade];
  const usable = servers.flatMap((server, i) => {
    const id = serverEnvironmentId(api.id, i);
    const values = { ...stored.serverVariables?.[id] };
    const baseUrl = serverUrl(server, values);
    return baseUrl ? [{ server, id, values, baseUrl }] : [];
  });
  const fromServers = usable.map(({ server, id, values, baseUrl }, i): Environment => ({
    id,
    name: serverName(baseUrl, i, usable.length),
    baseUrl,
    credentials: { ...stored.credentials?.[id] },
    builtIn: true,
    apiIds: [api.id],
    ...(Object.keys(server.variables).length > 0 ? { server: { template: server, values } } : {}),
  }));
  return [...fromServers, ...userMade];
}

/** Which environment each API uses, as the user chose it. */
export interface EnvironmentChoice {
  byApi: Readonly<Record<string, string>>;
  /** The one choice stored for every API before choices were kept per API. */
  legacy?: string;
}

/**
 * The environment to use for this API: the one chosen for it if it still serves it, else the
 * one chosen before choices were per API, else the config's default, else its first.
 */
export function activeEnvironmentForApi(
  environments: readonly Environment[],
  apiId: string | undefined,
  choice: EnvironmentChoice,
  defaultId: string | undefined,
): Environment | undefined {
  const chosen = apiId === undefined ? undefined : choice.byApi[apiId];
  const find = (id: string | undefined) =>
    id === undefined ? undefined : environments.find((e) => e.id === id);
  return find(chosen) ?? find(choice.legacy) ?? find(defaultId) ?? environments[0];
}
