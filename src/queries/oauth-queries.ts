import { queryOptions } from '@tanstack/react-query';
import { discoverProvider } from '../core/auth/sign-in';
import { environmentOAuth } from '../core/auth/oauth-config';

export const oauthKeys = {
  all: ['oauth'] as const,
  clients: (environmentId: string) => [...oauthKeys.all, 'clients', environmentId] as const,
  discovery: (openIdConnectUrl: string) =>
    [...oauthKeys.all, 'discovery', openIdConnectUrl] as const,
};

/**
 * The environment's sign-in clients (its `oauth` block), read from portico.config.json when a
 * sign-in panel opens, not by the first page's loader. Keys hold ids and URLs, never a token.
 */
export function oauthClientsQuery(environmentId: string) {
  return queryOptions({
    queryKey: oauthKeys.clients(environmentId),
    queryFn: async ({ signal }) => {
      const response = await fetch('portico.config.json', { signal, cache: 'no-store' });
      const config: unknown = response.ok ? await response.json().catch(() => null) : null;
      return environmentOAuth(config, environmentId);
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** A provider's discovery document (openIdConnect schemes). */
export function oauthDiscoveryQuery(openIdConnectUrl: string) {
  return queryOptions({
    queryKey: oauthKeys.discovery(openIdConnectUrl),
    queryFn: ({ signal }) => discoverProvider(openIdConnectUrl, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
