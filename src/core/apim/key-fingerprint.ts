/**
 * A short, non-reversible tag for a key (FNV-1a, 32 bits), so a cache entry can follow a key
 * change without the key itself sitting in a query key that tools can display.
 */
export function keyFingerprint(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
