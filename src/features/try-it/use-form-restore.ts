import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { ApiOperation } from '../../core/definition/api-model';
import { clearFormHandoff, type FormHandoff } from '../../core/history/form-handoff';
import type { HistoryEntry } from '../../core/history/history-entry';
import { writeSession } from './try-it-storage';
import { initialValues, toSaved, type TryItFormValues } from './try-it-values';

export interface FormRestoreOptions {
  form: UseFormReturn<TryItFormValues>;
  /** The handoff the console was opened with (its form is already the default values). */
  handoff: FormHandoff | undefined;
  operation: ApiOperation;
  storageKey: string;
  defaultBody: string;
  showPast: (past: NonNullable<FormHandoff['response']>) => void;
}

/**
 * Restoring a past or shared form: at mount from a handoff, or in place from the History
 * panel. Restored values are saved at once, so a reload keeps them. Nothing is sent.
 */
export function useFormRestore({
  form,
  handoff,
  operation,
  storageKey,
  defaultBody,
  showPast,
}: FormRestoreOptions): {
  notice: string | undefined;
  restore: (entry: HistoryEntry, withResponse: boolean) => void;
} {
  const [notice, setNotice] = useState(handoff?.notice);
  const showPastRef = useRef(showPast);
  useEffect(() => {
    showPastRef.current = showPast;
  });

  useEffect(() => {
    if (!handoff) return;
    clearFormHandoff(handoff);
    writeSession(storageKey, JSON.stringify(toSaved(operation, form.getValues())));
    if (handoff.response) showPastRef.current(handoff.response);
  }, [handoff, form, operation, storageKey]);

  const restore = (entry: HistoryEntry, withResponse: boolean) => {
    const values = initialValues(operation, entry.form, defaultBody);
    form.reset(values);
    writeSession(storageKey, JSON.stringify(toSaved(operation, values)));
    if (withResponse && entry.response) {
      showPast({
        entryUrl: entry.url,
        method: entry.method,
        response: entry.response,
        ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
      });
    }
    setNotice(
      `Restored the request of ${new Date(entry.at).toLocaleString()}${withResponse ? ' with its response' : ''}. Keys come from the environment; nothing was sent.`,
    );
  };

  return { notice, restore };
}
