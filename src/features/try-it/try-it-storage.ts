/** sessionStorage can be blocked (privacy modes, sandboxed frames): then nothing was saved. */
export function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeSession(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage full or blocked: the values still live in the form for this visit.
  }
}
