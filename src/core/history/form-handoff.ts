/**
 * A form to open an operation with, handed from one view to the console it navigates to
 * (History's "Restore", a share link). Kept in memory: it only crosses one navigation.
 */
import type { FormSnapshot, HistoryResponse } from './history-entry';

export interface FormHandoff {
  apiId: string;
  operationSlug: string;
  form: FormSnapshot;
  /** A past response to show with it (History's restore with response). */
  response?: { entryUrl: string; method: string; response: HistoryResponse; durationMs?: number };
  /** Said once the console shows the form, e.g. "Opened from a shared link: nothing was sent." */
  notice?: string;
}

let pending: FormHandoff | undefined;

export function handOffForm(handoff: FormHandoff): void {
  pending = handoff;
}

/** The handoff for this operation, if any; read without clearing, clear once shown. */
export function peekFormHandoff(apiId: string, operationSlug: string): FormHandoff | undefined {
  return pending && pending.apiId === apiId && pending.operationSlug === operationSlug
    ? pending
    : undefined;
}

export function clearFormHandoff(handoff: FormHandoff): void {
  if (pending === handoff) pending = undefined;
}
