import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import { definitionClient } from '../core/definition/definition-worker-client';
import type { ApiCatalog } from '../core/definition/api-model';
import { loadPortalConfig } from '../core/config/load-portal-config';
import { earlyConfigFetch } from '../core/config/early-config-fetch';

/** An API that API Management publishes: its definition is exported when it is opened. */
export interface ApimApiRef {
  managementUrl: string;
  apiId: string;
}

/**
 * One API the portal lists: from the deployer's config, from the API Management instance the
 * config names, or added by the user in Settings.
 */
export interface ApiSource {
  id: string;
  title: string;
  origin: 'config' | 'added' | 'apim';
  source: { url: string } | { text: string; fileName: string } | { apim: ApimApiRef };
  /** The environments the config lists for this API, if it lists any. */
  environmentIds?: string[];
}

/**
 * Query keys of the definitions domain: the portal config and each API's definition, with its
 * warnings and operation details under the document's key (resetting the document resets them
 * too). Every domain has such a factory in src/queries (jobs, snippets, ...): features never
 * write a key inline, so invalidation and prefetching name the same thing the views read.
 */
export const definitionKeys = {
  config: () => ['portal-config'] as const,
  all: ['definition'] as const,
  api: (apiId: string) => [...definitionKeys.all, apiId] as const,
  document: (api: ApiSource) =>
    [
      ...definitionKeys.api(api.id),
      'url' in api.source
        ? api.source.url
        : 'apim' in api.source
          ? `apim:${api.source.apim.managementUrl}/apis/${api.source.apim.apiId}`
          : `${api.source.fileName}:${api.source.text.length}`,
    ] as const,
  warnings: (api: ApiSource) => [...definitionKeys.document(api), 'warnings'] as const,
  operation: (api: ApiSource, slug: string) =>
    [...definitionKeys.document(api), 'operation', slug] as const,
  operations: (api: ApiSource, slugs: readonly string[]) =>
    [...definitionKeys.document(api), 'operations', ...slugs] as const,
};

export const portalConfigQuery = () =>
  queryOptions({
    queryKey: definitionKeys.config(),
    queryFn: () => loadPortalConfig(undefined, earlyConfigFetch()),
    staleTime: Infinity,
    retry: 1,
  });

/**
 * The catalog (operation summaries) of an API. The key names the document itself (URL or file
 * name + size) so an edited source reloads. Without an API (none configured yet) the query is
 * skipped, not pointed at a dummy source.
 */
export const definitionQuery = (api: ApiSource | undefined) =>
  queryOptions({
    queryKey: api ? definitionKeys.document(api) : definitionKeys.all,
    // Loaded in the definition worker, which answers with the catalog (operation summaries).
    // Definitions a user adds are also checked against the OpenAPI schemas, so their problems show as warnings.
    queryFn: api
      ? ({ signal, client }) => {
          const { source } = api;
          if ('apim' in source) return loadApimCatalog(client, source.apim, signal);
          return definitionClient().loadCatalog(source, {
            id: api.id,
            signal,
            validate: api.origin === 'added',
          });
        }
      : skipToken,
    staleTime: Infinity,
    // Resolved definitions contain cycles (circular $refs): react-query's deep compare would never end.
    structuralSharing: false,
    // A broken definition stays broken on retry; show the message at once.
    retry: false,
  });

/**
 * The definition's warnings, once the worker has resolved all of it (the catalog comes first).
 * Fails with the DefinitionError of a definition that lists but does not resolve. The catalog
 * is the worker's handle on the document, read from the cache under the same document key.
 */
export const definitionWarningsQuery = (api: ApiSource) =>
  queryOptions({
    queryKey: definitionKeys.warnings(api),
    queryFn: async ({ client }) =>
      definitionClient().loadWarnings(await client.ensureQueryData(definitionQuery(api))),
    staleTime: Infinity,
    retry: false,
  });

/** One operation's details, asked of the worker that loaded the catalog when the operation opens. */
export const operationQuery = (api: ApiSource, slug: string) =>
  queryOptions({
    queryKey: definitionKeys.operation(api, slug),
    // null, not undefined, for an operation the definition does not have: react-query wants data.
    queryFn: async ({ client, signal }) => {
      const catalog = await client.ensureQueryData(definitionQuery(api));
      return (await definitionClient().loadOperation(catalog, slug, signal)) ?? null;
    },
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });

/**
 * Several operations' details at once, each through its own operationQuery (so each is cached
 * once): every one, or null when one of them is not in the definition. One query rather than
 * useQueries keeps the queries observer out of the first page's chunk.
 */
export const operationsQuery = (api: ApiSource, slugs: readonly string[]) =>
  queryOptions({
    queryKey: definitionKeys.operations(api, slugs),
    queryFn: async ({ client }) => {
      const operations = await Promise.all(
        slugs.map((slug) => client.ensureQueryData(operationQuery(api, slug))),
      );
      const found = operations.filter((op) => op !== null);
      return found.length === slugs.length ? found : null;
    },
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });

/** An API from API Management: the loader comes with the catalog client, on demand. */
async function loadApimCatalog(
  client: QueryClient,
  ref: ApimApiRef,
  signal: AbortSignal,
): Promise<ApiCatalog> {
  const { apiSource } = await client.ensureQueryData(portalConfigQuery());
  if (apiSource?.managementUrl !== ref.managementUrl)
    throw new Error(
      `The portal configuration no longer names API Management at ${ref.managementUrl}.`,
    );
  const loader = await import('../core/apim/apim-catalog-loader');
  return loader.loadExportedCatalog(definitionClient(), apiSource, ref.apiId, signal);
}
