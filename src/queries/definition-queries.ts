import { queryOptions, skipToken } from '@tanstack/react-query';
import { loadDefinition } from '../core/definition/load-definition';
import { loadPortalConfig } from '../core/config/load-portal-config';
import { earlyConfigFetch } from '../core/config/early-config-fetch';

/** One API the portal lists: from the deployer's config or added by the user in Settings. */
export interface ApiSource {
  id: string;
  title: string;
  origin: 'config' | 'added';
  source: { url: string } | { text: string; fileName: string };
}

/**
 * Query keys of the definitions domain: the portal config and each API's definition. Every
 * domain has such a factory in src/queries (jobs, snippets, ...): features never write a key
 * inline, so invalidation and prefetching name the same thing the views read.
 */
export const definitionKeys = {
  config: () => ['portal-config'] as const,
  all: ['definition'] as const,
  api: (apiId: string) => [...definitionKeys.all, apiId] as const,
  document: (api: ApiSource) =>
    [
      ...definitionKeys.api(api.id),
      'url' in api.source ? api.source.url : `${api.source.fileName}:${api.source.text.length}`,
    ] as const,
};

export const portalConfigQuery = () =>
  queryOptions({
    queryKey: definitionKeys.config(),
    queryFn: () => loadPortalConfig(undefined, earlyConfigFetch()),
    staleTime: Infinity,
    retry: 1,
  });

/**
 * The key names the document itself (URL or file name + size) so an edited source reloads.
 * Without an API (none configured yet) the query is skipped, not pointed at a dummy source.
 */
export const definitionQuery = (api: ApiSource | undefined) =>
  queryOptions({
    queryKey: api ? definitionKeys.document(api) : definitionKeys.all,
    // Definitions a user adds are also checked against the OpenAPI schemas, so their problems show as warnings.
    queryFn: api
      ? ({ signal }) =>
          loadDefinition(api.source, { id: api.id, signal, validate: api.origin === 'added' })
      : skipToken,
    staleTime: Infinity,
    // Resolved definitions contain cycles (circular $refs): react-query's deep compare would never end.
    structuralSharing: false,
    // A broken definition stays broken on retry; show the message at once.
    retry: false,
  });
