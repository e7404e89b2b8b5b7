/**
 * The Arazzo documents a user added in this browser (a URL, or a pasted or opened file, or a
 * workflow saved from History), kept in localStorage beside the config's: like an added API,
 * they stay until removed. A document holds no key: inputs marked secret are typed per run.
 */
import { readStored, writeStored, type StorageLike } from '../util/browser-storage';

export type AddedWorkflowDocument =
  | { id: string; title: string; kind: 'url'; url: string }
  | { id: string; title: string; kind: 'text'; fileName: string; text: string };

const KEY = 'portico.workflow-documents.v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored list; entries that are not whole (an old or hand-edited value) are skipped. */
export function parseAddedWorkflows(text: string | null): AddedWorkflowDocument[] {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : [];
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown): AddedWorkflowDocument[] => {
    if (!isRecord(item)) return [];
    const { id, title, kind } = item;
    if (typeof id !== 'string' || typeof title !== 'string') return [];
    if (kind === 'url' && typeof item.url === 'string') return [{ id, title, kind, url: item.url }];
    if (kind === 'text' && typeof item.text === 'string' && typeof item.fileName === 'string')
      return [{ id, title, kind, fileName: item.fileName, text: item.text }];
    return [];
  });
}

/** A small external store (read with useSyncExternalStore), written through at once. */
export class AddedWorkflowStore {
  private documents: AddedWorkflowDocument[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: StorageLike | undefined) {
    this.documents = parseAddedWorkflows(readStored(storage, KEY));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AddedWorkflowDocument[] => this.documents;

  /** Adds or replaces (same id); false when storage refused (kept for this tab only). */
  put(document: AddedWorkflowDocument): boolean {
    const others = this.documents.filter((d) => d.id !== document.id);
    return this.commit([...others, document]);
  }

  remove(id: string): boolean {
    return this.commit(this.documents.filter((d) => d.id !== id));
  }

  private commit(next: AddedWorkflowDocument[]): boolean {
    this.documents = next;
    const saved = writeStored(this.storage, KEY, JSON.stringify(next));
    for (const listener of this.listeners) listener();
    return saved;
  }
}
