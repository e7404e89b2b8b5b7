import { useQuery } from '@tanstack/react-query';
import { definitionQuery, type ApiSource } from '../queries/definition-queries';

/** The definition of `api`, or an idle query when there is no API to show. */
export function useApiDefinition(api: ApiSource | undefined) {
  return useQuery(definitionQuery(api));
}
