import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSession, writeSession } from './try-it-storage';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('try-it storage', () => {
  beforeEach(() => vi.stubGlobal('sessionStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('reads back what was written', () => {
    writeSession('k', 'v');
    expect(readSession('k')).toBe('v');
    expect(readSession('other')).toBeNull();
  });

  it('treats blocked storage as empty and does not throw on write', () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    });
    expect(readSession('k')).toBeNull();
    expect(() => writeSession('k', 'v')).not.toThrow();
  });
});
