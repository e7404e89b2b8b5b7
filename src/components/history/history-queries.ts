import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { listHistory, onHistoryChange } from '../../core/history/history-store';

export const historyKeys = {
  all: ['history'] as const,
  api: (apiId: string) => ['history', apiId] as const,
};

export const historyQueryOptions = (apiId: string) =>
  queryOptions({
    queryKey: historyKeys.api(apiId),
    queryFn: () => listHistory(apiId),
    staleTime: Infinity,
  });

/** Re-reads the list when this tab or another one changes the history. */
export function useHistorySync(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onHistoryChange(
        (apiId) =>
          void queryClient.invalidateQueries({
            queryKey: apiId === undefined ? historyKeys.all : historyKeys.api(apiId),
          }),
      ),
    [queryClient],
  );
}
