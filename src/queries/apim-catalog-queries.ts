import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import type { ApimApiSource } from '../core/config/portal-config';
import { definitionKeys } from './definition-queries';

/**
 * Query keys of the APIs an API Management instance publishes, per management root. The
 * credential is never part of a key: a new token refreshes the same entry.
 */
export const apimCatalogKeys = {
  all: ['apim-catalog'] as const,
  apis: (managementUrl: string) => [...apimCatalogKeys.all, managementUrl] as const,
};

/** The published APIs (current revisions). The client loads only when the config names APIM. */
export const apimCatalogQuery = (source: ApimApiSource | undefined) =>
  queryOptions({
    queryKey: source ? apimCatalogKeys.apis(source.managementUrl) : apimCatalogKeys.all,
    queryFn: source
      ? async ({ signal }) =>
          (await import('../core/apim/apim-catalog-loader')).listPublishedApis(source, signal)
      : skipToken,
    staleTime: 5 * 60_000,
    // A refused token stays refused: say so at once.
    retry: false,
  });

/**
 * Lists the published APIs again, e.g. after a publish; with `apiId` (an API imported again),
 * its definition is loaded afresh too. Definitions that failed (a refused token) are retried.
 */
export async function refreshApimCatalog(client: QueryClient, apiId?: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: apimCatalogKeys.all }),
    apiId === undefined ? undefined : client.resetQueries({ queryKey: definitionKeys.api(apiId) }),
    client.resetQueries({
      queryKey: definitionKeys.all,
      predicate: (query) => query.state.status === 'error',
    }),
  ]);
}
