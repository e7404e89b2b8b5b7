import { useEffect, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { TryItFormValues } from './try-it-values';

/**
 * Whether the form changed since the response on screen was asked for, so an old answer is
 * not read as the answer to what the form says now.
 */
export function useStaleResponse(
  form: UseFormReturn<TryItFormValues>,
  sent: object | undefined,
): boolean {
  const [staleFor, setStaleFor] = useState<object | undefined>();
  useEffect(() => {
    if (!sent) return;
    return form.subscribe({
      formState: { values: true },
      callback: () => setStaleFor(sent),
    });
  }, [form, sent]);
  return sent !== undefined && staleFor === sent;
}
