import { queryOptions } from '@tanstack/react-query';
import { discoverProvider } from '../core/auth/sign-in';
import { environmentOAuth } from '../core/auth/oauth-config';
import { portalConfigQuery } from './definition-queries';

export const oauthKeys = {
  all: ['oauth'] as const,
  clients: (environmentId: string) => [...oauthKeys.all, 'clients', environmentId] as const,
  discovery: (openIdConnectUrl: string) =>
    [...oauthKeys.all, 'discovery', openIdConnectUrl] as const,
};

/**
 * The environment's sign-in clients (its `oauth` block), checked from the loaded config's file
 * when a sign-in panel opens, not by the first page's loader. Keys hold ids and URLs, never a
 * token.
 */
export function oauthClientsQuery(environmentId: string) {
  return queryOptions({
    queryKey: oauthKeys.clients(environmentId),
    queryFn: async ({ client }) =>
      environmentOAuth((await client.ensureQueryData(portalConfigQuery())).file, environmentId),
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
