/**
 * The last finished run of each workflow, kept in localStorage so a reload shows what happened
 * (History keeps calls the same way: without keys). Only storedRun's shape is written.
 */
import { readStored, removeStored, writeStored, type StorageLike } from '../util/browser-storage';
import { restoreRun, storedRun, type WorkflowRunRecord } from './workflow-run-record';

function keyOf(documentId: string, workflowId: string): string {
  return `portico.workflow-run.v1:${documentId}/${workflowId}`;
}

export function readLastRun(
  storage: StorageLike | undefined,
  documentId: string,
  workflowId: string,
): WorkflowRunRecord | undefined {
  const text = readStored(storage, keyOf(documentId, workflowId));
  if (!text) return undefined;
  try {
    return restoreRun(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Keeps a finished run (a running one is not a record yet); false when storage refused. */
export function writeLastRun(
  storage: StorageLike | undefined,
  documentId: string,
  record: WorkflowRunRecord,
): boolean {
  if (record.status === 'running') return false;
  return writeStored(
    storage,
    keyOf(documentId, record.workflowId),
    JSON.stringify(storedRun(record)),
  );
}

export function forgetLastRun(
  storage: StorageLike | undefined,
  documentId: string,
  workflowId: string,
): void {
  removeStored(storage, keyOf(documentId, workflowId));
}
