import { QueryClient } from '@tanstack/react-query';
import { apiIdFromLocation, slugFromLocation } from './api-paths';
import {
  definitionQuery,
  operationQuery,
  portalConfigQuery,
  type ApiSource,
} from '../queries/definition-queries';

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
  const location = hash.replace(/^#/, '');
  const apiId = apiIdFromLocation(location);
  const slug = slugFromLocation(location);
  void client
    .fetchQuery(portalConfigQuery())
    .then((config) => {
      const entry = apiId === undefined ? config.apis[0] : config.apis.find((a) => a.id === apiId);
      if (!entry) return;
      const api: ApiSource = {
        id: entry.id,
        title: entry.title,
        origin: 'config',
        source: { url: entry.url },
      };
      return Promise.all([
        client.prefetchQuery(definitionQuery(api)),
        // A deep link to an operation: its details are asked for the moment the list arrives,
        // while the worker can still read them from the operation's own path item, not once
        // the page has rendered (by then it is resolving the whole document).
        slug === undefined ? undefined : client.prefetchQuery(operationQuery(api, slug)),
      ]);
    })
    .catch(() => {
      // The views run the same queries and show the error where it belongs.
    });
}
