import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiOperation } from '../core/definition/api-model';
import {
  definitionKeys,
  definitionQuery,
  definitionWarningsQuery,
  operationsQuery,
  type ApiSource,
} from '../queries/definition-queries';

/** The catalog of `api`, or an idle query when there is no API to show. */
export function useApiDefinition(api: ApiSource | undefined) {
  return useQuery(definitionQuery(api));
}

/**
 * The details of the operations a view shows (`slugs`, all in the API's catalog): every one once
 * all have arrived, else none; the first error, if any; and a retry for it.
 */
export function useApiOperations(
  api: ApiSource,
  slugs: readonly string[],
): { operations: ApiOperation[]; error: unknown; retry: () => void } {
  const reload = useReloadDefinition(api);
  const details = useQuery({ ...operationsQuery(api, slugs), enabled: slugs.length > 0 });
  return {
    operations: details.data ?? [],
    error: details.isError ? details.error : undefined,
    retry: reload,
  };
}

/**
 * Loads the definition afresh, with its warnings and details: what "Try again" does after the
 * worker failed to resolve it (asking again would get the same failure).
 */
export function useReloadDefinition(api: ApiSource): () => void {
  const client = useQueryClient();
  return () => void client.resetQueries({ queryKey: definitionKeys.document(api) });
}

/** The warnings of the API's definition, found by the worker's full pass after the catalog. */
export function useDefinitionWarnings(api: ApiSource) {
  return useQuery(definitionWarningsQuery(api));
}
