import { useCallback, useSyncExternalStore } from 'react';
import { readRateLimit, secondsUntil } from '../../core/response/rate-limit';
import type { HttpResponse } from '../../core/request/send-request';

/** When a rate-limited or over-quota response says the next call may succeed (epoch ms). */
export function retryAtOf(response: HttpResponse | undefined): number | undefined {
  if (!response) return undefined;
  return readRateLimit(response.status, response.headers, response.receivedAt).blocked?.retryAt;
}

/**
 * Whole seconds until `retryAt`, ticking while there are any left: 0 once the wait is over or
 * when there is nothing to wait for. The clock is an external store, read in whole seconds.
 */
export function useSecondsUntil(retryAt: number | undefined): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (retryAt === undefined) return () => {};
      // A quarter second keeps the shown number within a beat of the real clock.
      const timer = setInterval(() => {
        onChange();
        if (Date.now() >= retryAt) clearInterval(timer);
      }, 250);
      return () => clearInterval(timer);
    },
    [retryAt],
  );
  return useSyncExternalStore(subscribe, () =>
    retryAt === undefined ? 0 : secondsUntil(retryAt, Date.now()),
  );
}
