import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onHistoryChange } from '../core/history/history-store';
import { historyKeys } from '../queries/history-queries';

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
