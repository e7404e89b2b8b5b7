import { queryOptions } from '@tanstack/react-query';
import { listHistory } from '../core/history/history-store';

/** Query keys of the history domain: all of it, or one API's requests. */
export const historyKeys = {
  all: ['history'] as const,
  api: (apiId: string) => [...historyKeys.all, apiId] as const,
};

export const historyQuery = (apiId: string) =>
  queryOptions({
    queryKey: historyKeys.api(apiId),
    queryFn: () => listHistory(apiId),
    staleTime: Infinity,
  });
