import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ApiOperation } from '../../core/definition/api-model';
import { writeSession } from './try-it-storage';
import { toSaved, type TryItFormValues } from './try-it-values';

/**
 * Saves the form shortly after the user types (and on leaving), so navigating away, a reload
 * or a failed send loses nothing; the pause keeps a large body from being serialised per key.
 */
export function useSavedFormValues(
  form: UseFormReturn<TryItFormValues>,
  storageKey: string,
  operation: ApiOperation,
): void {
  useEffect(() => {
    let pending: TryItFormValues | undefined;
    let timer: number | undefined;
    const flush = () => {
      if (pending) writeSession(storageKey, JSON.stringify(toSaved(operation, pending)));
      pending = undefined;
    };
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        pending = values;
        window.clearTimeout(timer);
        timer = window.setTimeout(flush, 250);
      },
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      window.clearTimeout(timer);
      flush();
    };
  }, [form, storageKey, operation]);
}
