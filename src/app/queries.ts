import { queryOptions } from '@tanstack/react-query';
import type { ApiCatalog } from '../core/definition/api-model';
import { definitionClient } from '../core/definition/definition-worker-client';
import { loadPortalConfig } from '../core/config/load-portal-config';
import { earlyConfigFetch } from './early-config-fetch';

/** One API the portal lists: from the deployer's config or added by the user in Settings. */
export interface ApiSource {
  id: string;
  title: string;
  origin: 'config' | 'added';
  source: { url: string } | { text: string; fileName: string };
  /** The environments the config lists for this API, if it lists any. */
  environmentIds?: string[];
}

export const portalConfigQuery = () =>
  queryOptions({
    queryKey: ['portal-config'],
    queryFn: () => loadPortalConfig(undefined, earlyConfigFetch()),
    staleTime: Infinity,
    retry: 1,
  });

/** The key names the document itself (URL or file name + size) so an edited source reloads. */
export const definitionQuery = (api: ApiSource) =>
  queryOptions({
    queryKey: [
      'definition',
      api.id,
      'url' in api.source ? api.source.url : `${api.source.fileName}:${api.source.text.length}`,
    ],
    // Loaded in the definition worker, which answers with the catalog (operation summaries).
    // Definitions a user adds are also checked against the OpenAPI schemas, so their problems show as warnings.
    queryFn: ({ signal }) =>
      definitionClient().loadCatalog(api.source, {
        id: api.id,
        signal,
        validate: api.origin === 'added',
      }),
    staleTime: Infinity,
    // Resolved definitions contain cycles (circular $refs): react-query's deep compare would never end.
    structuralSharing: false,
    // A broken definition stays broken on retry; show the message at once.
    retry: false,
  });

/**
 * The definition's warnings, once the worker has resolved all of it (the catalog comes first).
 * Fails with the DefinitionError of a definition that lists but does not resolve.
 */
export const definitionWarningsQuery = (api: ApiSource, catalog: ApiCatalog) =>
  queryOptions({
    queryKey: [...definitionQuery(api).queryKey, 'warnings'],
    queryFn: () => definitionClient().loadWarnings(catalog),
    staleTime: Infinity,
    retry: false,
  });

/** One operation's details, asked of the worker that loaded `catalog` when the operation opens. */
export const operationQuery = (api: ApiSource, catalog: ApiCatalog, slug: string) =>
  queryOptions({
    queryKey: [...definitionQuery(api).queryKey, 'operation', slug],
    // null, not undefined, for an operation the definition does not have: react-query wants data.
    queryFn: async ({ signal }) =>
      (await definitionClient().loadOperation(catalog, slug, signal)) ?? null,
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });
