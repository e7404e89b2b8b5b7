/**
 * localStorage and sessionStorage, typed and safe: privacy modes, sandboxed frames and policies
 * can make them throw on access or on write. Callers then keep working in memory.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type StorageKind = 'local' | 'session';

/** The storage when it can be written to (probed once), otherwise undefined. */
export function safeStorage(get: () => StorageLike): StorageLike | undefined {
  try {
    const s = get();
    s.setItem('portico.probe', '1');
    s.removeItem('portico.probe');
    return s;
  } catch {
    return undefined;
  }
}

/** The browser's local or session storage, when this page may use it. */
export function browserStorage(kind: StorageKind): StorageLike | undefined {
  return safeStorage(() => (kind === 'local' ? window.localStorage : window.sessionStorage));
}

/** The stored text, or null when absent or unreadable. */
export function readStored(storage: StorageLike | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** False when the value could not be written (storage full or blocked). */
export function writeStored(storage: StorageLike | undefined, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the value; a storage that refuses leaves nothing to do. */
export function removeStored(storage: StorageLike | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Blocked: nothing could have been kept there either.
  }
}
