import { useMemo, useSyncExternalStore } from 'react';
import { AddedWorkflowStore } from '../../core/workflow/added-workflow-documents';
import { browserStorage } from '../../core/util/browser-storage';
import type { WorkflowDocumentSource } from '../../queries/workflow-queries';

/** A workflow document the deployer's config lists (portico.config.json `workflows`). */
export interface ConfigWorkflowEntry {
  id: string;
  title: string;
  url: string;
}

let store: AddedWorkflowStore | undefined;

/** The documents added in this browser: one store for every view of the tab. */
export function addedWorkflowStore(): AddedWorkflowStore {
  store ??= new AddedWorkflowStore(browserStorage('local'));
  return store;
}

/** The config's workflow documents, then the ones added in this browser. */
export function useWorkflowDocuments(
  configEntries: readonly ConfigWorkflowEntry[],
): WorkflowDocumentSource[] {
  const added = addedWorkflowStore();
  const mine = useSyncExternalStore(added.subscribe, added.getSnapshot);
  return useMemo(
    () => [
      ...configEntries.map((e): WorkflowDocumentSource => ({
        id: e.id,
        title: e.title,
        origin: 'config',
        source: { url: e.url },
      })),
      ...mine
        // A config document keeps its id: an added one with the same id would be unreachable.
        .filter((d) => !configEntries.some((e) => e.id === d.id))
        .map((d): WorkflowDocumentSource => ({
          id: d.id,
          title: d.title,
          origin: 'added',
          source: d.kind === 'url' ? { url: d.url } : { text: d.text, fileName: d.fileName },
        })),
    ],
    [configEntries, mine],
  );
}
