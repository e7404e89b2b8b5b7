import { describe, expect, it, vi } from 'vitest';
import { lazyDefault, lazyModule, preloadQueue } from './lazy-module';

/** An import that fails once (a dropped connection), then gives the module. */
function failingOnce() {
  const module = { ok: true };
  const importModule = vi
    .fn<() => Promise<typeof module>>()
    .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
    .mockResolvedValueOnce(module);
  return { module, importModule };
}

describe('lazyModule', () => {
  it('downloads once, however often it is asked, and keeps the module', async () => {
    const module = { answer: 42 };
    const importModule = vi.fn(() => Promise.resolve(module));
    const lazy = lazyModule(importModule);
    expect(lazy.get()).toBeUndefined();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toBe(module);
    expect(b).toBe(module);
    await expect(lazy.load()).resolves.toBe(module);
    expect(lazy.get()).toBe(module);
    expect(importModule).toHaveBeenCalledTimes(1);
  });

  it('tells its subscribers when the module arrives, and stops when they unsubscribe', async () => {
    const lazy = lazyModule(() => Promise.resolve({}));
    const kept = vi.fn();
    const dropped = vi.fn();
    lazy.subscribe(kept);
    lazy.subscribe(dropped)();
    await lazy.load();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('passes a failed download on and tries again on the next load', async () => {
    const { module, importModule } = failingOnce();
    const lazy = lazyModule(importModule);
    await expect(lazy.load()).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(lazy.get()).toBeUndefined();
    await expect(lazy.load()).resolves.toBe(module);
    expect(importModule).toHaveBeenCalledTimes(2);
  });
});

describe('lazyModule.preload', () => {
  it('starts the download without a rejection of its own; load() then tries again', async () => {
    const { module, importModule } = failingOnce();
    const lazy = lazyModule(importModule);
    lazy.preload();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(importModule).toHaveBeenCalledTimes(1);
    expect(lazy.get()).toBeUndefined();
    await expect(lazy.load()).resolves.toBe(module);
    expect(importModule).toHaveBeenCalledTimes(2);
  });
});

describe('lazyDefault', () => {
  it('calls back before then() returns once the module has arrived', async () => {
    const lazy = lazyModule(() => Promise.resolve({ Editor: 'editor' }));
    const loader = lazyDefault(lazy, (m) => m.Editor);
    await lazy.load();
    let seen: unknown;
    void loader().then((m) => {
      seen = m;
    });
    // Synchronously: React.lazy then renders the component without suspending.
    expect(seen).toEqual({ default: 'editor' });
  });

  it('waits for the download when the module has not arrived, and passes a failure on', async () => {
    const lazy = lazyModule(() => Promise.resolve({ Editor: 'editor' }));
    const loader = lazyDefault(lazy, (m) => m.Editor);
    let seen: unknown;
    const pending = loader().then((m) => {
      seen = m;
    });
    expect(seen).toBeUndefined();
    await pending;
    expect(seen).toEqual({ default: 'editor' });

    const failing = lazyModule<{ Editor: string }>(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    );
    await expect(lazyDefault(failing, (m) => m.Editor)()).rejects.toThrow('Failed to fetch');
  });

  it('rejects what then() returns when the callback throws, as a promise does', async () => {
    const lazy = lazyModule(() => Promise.resolve({}));
    await lazy.load();
    const onRejected = vi.fn();
    const chained = lazyDefault(lazy, () => 'x')().then(() => {
      throw new Error('boom');
    }, onRejected);
    await expect(chained).rejects.toThrow('boom');
    expect(onRejected).not.toHaveBeenCalled();
  });
});

describe('preloadQueue', () => {
  /** Idle periods handed out by the test, one at a time. */
  function idleSlots() {
    const waiting: Array<() => void> = [];
    return {
      whenIdle: () => new Promise<void>((resolve) => waiting.push(resolve)),
      async grant() {
        // Lets the queue's promise chain move to its next await, before and after.
        const settle = async () => {
          for (let i = 0; i < 10; i++) await Promise.resolve();
        };
        await settle();
        waiting.shift()?.();
        await settle();
      },
      get waiting() {
        return waiting.length;
      },
    };
  }

  it('runs one load per idle period, each after the one before has settled', async () => {
    const slots = idleSlots();
    const enqueue = preloadQueue(slots.whenIdle);
    const started: string[] = [];
    const finish: Record<string, () => void> = {};
    const load = (name: string) => () => {
      started.push(name);
      return new Promise<void>((resolve) => (finish[name] = resolve));
    };
    void enqueue(load('docs'));
    void enqueue(load('console'));
    await slots.grant();
    expect(started).toEqual(['docs']);
    // The first module is still on its way (or being run): nothing else starts.
    expect(slots.waiting).toBe(0);
    await slots.grant();
    expect(started).toEqual(['docs']);
    finish.docs?.();
    await slots.grant();
    expect(started).toEqual(['docs', 'console']);
  });

  it('goes on after a failed load, and runs loads added by a load after those already queued', async () => {
    const slots = idleSlots();
    const enqueue = preloadQueue(slots.whenIdle);
    const started: string[] = [];
    void enqueue(() => {
      started.push('console');
      void enqueue(() => Promise.resolve(started.push('its editor')));
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    });
    void enqueue(() => Promise.resolve(started.push('settings')));
    for (let i = 0; i < 3; i++) await slots.grant();
    expect(started).toEqual(['console', 'settings', 'its editor']);
  });
});
