import { QueryClient } from '@tanstack/react-query';
import { apiIdFromLocation } from './api-paths';
import { definitionQuery, portalConfigQuery } from '../queries/definition-queries';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Starts fetching the config and then the definition the address points at before React has
 * rendered anything, so the network and the first render overlap instead of queueing. The
 * queries use the same keys as the views, which pick up the results (or the errors).
 */
export function prefetchFirstView(client: QueryClient, hash: string): void {
  const apiId = apiIdFromLocation(hash.replace(/^#/, ''));
  void client
    .fetchQuery(portalConfigQuery())
    .then((config) => {
      const entry = apiId === undefined ? config.apis[0] : config.apis.find((a) => a.id === apiId);
      if (!entry) return;
      return client.prefetchQuery(
        definitionQuery({
          id: entry.id,
          title: entry.title,
          origin: 'config',
          source: { url: entry.url },
        }),
      );
    })
    .catch(() => {
      // The views run the same queries and show the error where it belongs.
    });
}
