import { useQueries, useQuery } from '@tanstack/react-query';
import type { ApiCatalog, ApiOperation } from '../core/definition/api-model';
import { definitionQuery, operationQuery, type ApiSource } from './queries';

/** The catalog of `api`, or an idle query when there is no API to show. */
export function useApiDefinition(api: ApiSource | undefined) {
  return useQuery({
    ...definitionQuery(
      api ?? { id: '', title: '', origin: 'config', source: { text: '', fileName: '' } },
    ),
    enabled: api !== undefined,
  });
}

/**
 * The details of the operations a view shows (`slugs`, all in `catalog`): every one once all
 * have arrived, else none; the first error, if any; and a retry for it.
 */
export function useApiOperations(
  api: ApiSource,
  catalog: ApiCatalog,
  slugs: readonly string[],
): { operations: ApiOperation[]; error: unknown; retry: () => void } {
  return useQueries({
    queries: slugs.map((slug) => operationQuery(api, catalog, slug)),
    combine: (results) => {
      const failed = results.find((r) => r.isError);
      const operations = results.map((r) => r.data);
      return {
        operations: operations.every((op) => op) ? (operations as ApiOperation[]) : [],
        error: failed?.error ?? undefined,
        retry: () => void failed?.refetch(),
      };
    },
  });
}
