/**
 * History in IndexedDB (through idb), shared by every tab of the portal: a change is announced
 * on a BroadcastChannel so the other tabs re-read their list.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { entriesOverLimit, HISTORY_LIMIT, type HistoryEntry } from './history-entry';

interface HistorySchema extends DBSchema {
  entries: {
    key: string;
    value: HistoryEntry;
    indexes: { 'by-api': string };
  };
}

const DB_NAME = 'portico-history';
const CHANNEL = 'portico-history';

let dbPromise: Promise<IDBPDatabase<HistorySchema>> | undefined;

function db(): Promise<IDBPDatabase<HistorySchema>> {
  dbPromise ??= openDB<HistorySchema>(DB_NAME, 1, {
    upgrade(database) {
      const store = database.createObjectStore('entries', { keyPath: 'id' });
      store.createIndex('by-api', 'apiId');
    },
  });
  return dbPromise;
}

type Listener = (apiId: string | undefined) => void;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function announce(apiId: string | undefined): void {
  for (const listener of listeners) listener(apiId);
  channel?.postMessage({ apiId });
}

/** Calls back when this tab or another changes the history (apiId undefined: everything). */
export function onHistoryChange(listener: Listener): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<{ apiId?: string }>) => {
      for (const l of listeners) l(e.data.apiId);
    };
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The API's entries, newest first. */
export async function listHistory(apiId: string): Promise<HistoryEntry[]> {
  const entries = await (await db()).getAllFromIndex('entries', 'by-api', apiId);
  return entries.sort((a, b) => b.at - a.at);
}

export async function getHistoryEntry(id: string): Promise<HistoryEntry | undefined> {
  return (await db()).get('entries', id);
}

/** Adds an (already redacted) entry and drops the API's oldest beyond the limit. */
export async function addHistoryEntry(entry: HistoryEntry): Promise<void> {
  const database = await db();
  const tx = database.transaction('entries', 'readwrite');
  await tx.store.put(entry);
  const all = await tx.store.index('by-api').getAll(entry.apiId);
  for (const id of entriesOverLimit(all, HISTORY_LIMIT)) await tx.store.delete(id);
  await tx.done;
  announce(entry.apiId);
}

export async function deleteHistoryEntry(entry: Pick<HistoryEntry, 'id' | 'apiId'>): Promise<void> {
  await (await db()).delete('entries', entry.id);
  announce(entry.apiId);
}

/** Clears one operation's entries, or the whole API's when no slug is given. */
export async function clearHistory(apiId: string, operationSlug?: string): Promise<void> {
  const database = await db();
  const tx = database.transaction('entries', 'readwrite');
  const all = await tx.store.index('by-api').getAll(apiId);
  for (const entry of all) {
    if (operationSlug === undefined || entry.operationSlug === operationSlug) {
      await tx.store.delete(entry.id);
    }
  }
  await tx.done;
  announce(apiId);
}
