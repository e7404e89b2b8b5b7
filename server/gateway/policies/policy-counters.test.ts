import { describe, expect, it } from 'vitest';
import { CounterStore, SlidingWindow, storageKey } from './policy-counters';

describe('SlidingWindow', () => {
  it('keeps the newest entries it is asked for and counts those after a time', () => {
    const window = new SlidingWindow();
    for (let t = 1; t <= 10; t += 1) window.add(t * 1000, 1, 5);
    expect(window.entries()).toEqual([6000, 7000, 8000, 9000, 10000]);
    expect(window.countAfter(7000, 5)).toBe(3);
    expect(window.countAfter(7000, 2)).toBe(2);
    expect(window.newest(5)).toBe(6000);
    expect(window.newest(6)).toBeUndefined();
    // A larger limit later grows the ring from then on.
    window.add(11_000, 3, 8);
    expect(window.entries()).toEqual([6000, 7000, 8000, 9000, 10000, 11000, 11000, 11000]);
  });

  it('never unsorts when the clock steps back', () => {
    const window = new SlidingWindow();
    window.add(5000, 1, 3);
    window.add(4000, 1, 3);
    expect(window.entries()).toEqual([5000, 5000]);
  });
});

describe('storageKey', () => {
  it('is readable for plain ids, escaped otherwise, hashed when too long', () => {
    expect(storageKey(['rl', 'product', 'starter', 'sub_1'])).toBe('rl-product-starter-sub_1');
    expect(storageKey(['rlk', '10.0.0.1/é'])).toBe('rlk-10.2E0.2E0.2E1.2F.C3.A9');
    const long = storageKey(['rlk', 'x'.repeat(600)]);
    expect(long).toMatch(/^h-[0-9a-f]{64}$/);
    expect(storageKey(['rlk', 'x'.repeat(600)])).toBe(long);
  });
});

describe('CounterStore persistence', () => {
  it('writes a large window rounded up to the second when it would not fit', () => {
    const now = 1_000_000_000;
    const store = new CounterStore(() => now);
    const window = store.sliding('k', undefined);
    for (let i = 0; i < 20_000; i += 1) window.add(now - 250_000 + i * 7, 1, 20_000);
    store.touch('k');
    const [[key, value] = ['', '']] = store.takeDirty();
    expect(value.length).toBeLessThan(30_000);
    const restored = new CounterStore(() => now);
    restored.restore([[key, value]]);
    const back = restored.sliding('k', undefined);
    expect(back.entries()).toHaveLength(20_000);
    // Rounded up: never younger than the calls they stand for.
    expect(back.newest()).toBe(Math.ceil((now - 250_000 + 19_999 * 7) / 1000) * 1000);
    expect(back.countAfter(now - 300_000, 20_000)).toBe(20_000);
  });

  it('ignores values it cannot read', () => {
    const store = new CounterStore(() => 0);
    store.restore([
      ['a', '{"v":2,"p":0,"c":1}'],
      ['b', '{"v":1,"w":"zz*-1"}'],
      ['c', '{"v":1,"p":0,"c":-1}'],
      ['d', '['],
    ]);
    store.markDirty(['a', 'b', 'c', 'd']);
    expect(store.takeDirty()).toEqual([]);
  });
});
