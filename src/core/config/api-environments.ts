/**
 * Environments belong to an API. The config can name an API's environments; environments it
 * does not name serve the config's own APIs (as before per-API environments existed). An API
 * that gets none this way (one added in Settings, say) gets one per `servers` entry of its
 * definition, so it never sends to another API's server.
 */
import type { Environment } from './portal-config';

export interface ApiEnvironmentScope {
  id: string;
  origin: 'config' | 'added';
  /** Environment ids the config lists for this API, if it lists any. */
  environmentIds?: string[];
}

/** The id of the environment made from the API's n-th server. */
export function serverEnvironmentId(apiId: string, index: number): string {
  return `${apiId}~server-${index + 1}`;
}

function serverName(url: string, index: number, count: number): string {
  try {
    const { host } = new URL(url);
    return count > 1 ? `Server ${index + 1} (${host})` : `Server (${host})`;
  } catch {
    return `Server ${index + 1}`;
  }
}

export function environmentsForApi(
  api: ApiEnvironmentScope,
  environments: readonly Environment[],
  /** The definition's server URLs, absolute, variables filled with their defaults. */
  servers: readonly string[],
  /** Stored credentials by environment id (the server environments keep theirs there too). */
  credentials: Readonly<Record<string, Record<string, string> | undefined>> = {},
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
  const absolute = servers.filter((url) => /^https?:\/\//i.test(url));
  const fromServers = absolute.map((url, i): Environment => ({
    id: serverEnvironmentId(api.id, i),
    name: serverName(url, i, absolute.length),
    baseUrl: url,
    credentials: { ...credentials[serverEnvironmentId(api.id, i)] },
    builtIn: true,
    apiIds: [api.id],
  }));
  return [...fromServers, ...userMade];
}

/** The environment to use for this API: the chosen one if it serves it, else its first. */
export function activeEnvironmentForApi(
  environments: readonly Environment[],
  chosenId: string | undefined,
  defaultId: string | undefined,
): Environment | undefined {
  return (
    environments.find((e) => e.id === chosenId) ??
    environments.find((e) => e.id === defaultId) ??
    environments[0]
  );
}
