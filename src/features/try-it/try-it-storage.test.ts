import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readJobIds, readSession, saveJobId, writeSession } from './try-it-storage';

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

  it('saves job ids per API, newest first, and reads them back', () => {
    expect(readJobIds('demo')).toEqual([]);
    const first = saveJobId('demo', [], 'job-1');
    expect(saveJobId('demo', first, 'job-2')).toEqual(['job-2', 'job-1']);
    expect(readJobIds('demo')).toEqual(['job-2', 'job-1']);
    expect(readJobIds('other')).toEqual([]);
  });

  it('reads junk in storage as no job ids', () => {
    writeSession('portico.job-ids.v1.demo', '{not json');
    expect(readJobIds('demo')).toEqual([]);
    writeSession('portico.job-ids.v1.demo', '["a", 3, null]');
    expect(readJobIds('demo')).toEqual(['a']);
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
    expect(readJobIds('demo')).toEqual([]);
  });
});
