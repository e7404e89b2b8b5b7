import { browserStorage, readStored, writeStored } from '../../core/util/browser-storage';

/** This tab's saved try-it values; null when nothing was saved or storage is blocked. */
export function readSession(key: string): string | null {
  return readStored(browserStorage('session'), key);
}

/** Storage full or blocked: the values still live in the form for this visit. */
export function writeSession(key: string, value: string): void {
  writeStored(browserStorage('session'), key, value);
}
