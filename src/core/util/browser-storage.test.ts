import { describe, expect, it } from 'vitest';
import {
  readStored,
  removeStored,
  safeStorage,
  writeStored,
  type StorageLike,
} from './browser-storage';

function memoryStorage(): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const blocked: StorageLike = {
  getItem: () => {
    throw new Error('blocked');
  },
  setItem: () => {
    throw new Error('blocked');
  },
  removeItem: () => {
    throw new Error('blocked');
  },
};

describe('browser storage', () => {
  it('reads, writes and removes, leaving no probe behind', () => {
    const memory = memoryStorage();
    const storage = safeStorage(() => memory);
    expect(writeStored(storage, 'k', 'v')).toBe(true);
    expect(readStored(storage, 'k')).toBe('v');
    removeStored(storage, 'k');
    expect(readStored(storage, 'k')).toBeNull();
    expect([...memory.items]).toEqual([]);
  });

  it('treats blocked or missing storage as empty and never throws', () => {
    expect(safeStorage(() => blocked)).toBeUndefined();
    for (const storage of [undefined, blocked]) {
      expect(readStored(storage, 'k')).toBeNull();
      expect(writeStored(storage, 'k', 'v')).toBe(false);
      expect(() => removeStored(storage, 'k')).not.toThrow();
    }
  });
});
