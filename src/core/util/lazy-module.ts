/**
 * A module downloaded on demand (a dynamic `import()`), kept once it has arrived so a view can
 * render it synchronously from then on. React.lazy cannot do that with a promise: its first
 * render always suspends, even when the chunk was prefetched, and a Suspense fallback then
 * shows; React holds the content back up to 300 ms after a fallback appeared (its throttle for
 * revealing Suspense content). `lazyDefault` gives React.lazy a loader that does not suspend
 * once the module is here.
 */
export interface LazyModule<M> {
  // Function properties rather than methods: useSyncExternalStore and callers take them off the
  // object (`lazy.subscribe`), so none of them may depend on `this`.
  /** Starts the download (once; again after a failure) and resolves with the module. */
  load: () => Promise<M>;
  /**
   * Starts the download ahead of use (when the page is idle); never rejects: a failure is left
   * for the view's own load() to try again and report.
   */
  preload: () => void;
  /** The module once it has arrived, else undefined. */
  get: () => M | undefined;
  /** Called when the module arrives. */
  subscribe: (listener: () => void) => () => void;
}

export function lazyModule<M>(importModule: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  const listeners = new Set<() => void>();
  const lazy: LazyModule<M> = {
    load: () => {
      if (loaded !== undefined) return Promise.resolve(loaded);
      pending ??= importModule().then(
        (module) => {
          loaded = module;
          for (const listener of listeners) listener();
          return module;
        },
        (error: unknown) => {
          // A chunk that failed to download (a dropped connection, a redeploy) can be retried.
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    preload: () => {
      lazy.load().catch(() => undefined);
    },
    get: () => loaded,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return lazy;
}

/** Adds a load to a preloadQueue; it settles when that load has been run and settled. */
export type PreloadQueue = (load: () => Promise<unknown>) => Promise<void>;

/** An idle period of the page (or the next task where there is no requestIdleCallback). */
function whenPageIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve());
    else setTimeout(resolve, 0);
  });
}

/**
 * Runs the loads it is given one at a time, each from an idle period after the one before has
 * settled. A dynamic import runs its chunk and every chunk it pulls in within one task: started
 * together, the views preloaded after the first paint ran in 110-190 ms tasks, which a user who
 * clicked at once had to wait for. One at a time, the page runs one view's modules per task and
 * handles input between them. A failed load is skipped (the view's own load() reports it).
 */
export function preloadQueue(whenIdle: () => Promise<void> = whenPageIdle): PreloadQueue {
  let tail = Promise.resolve();
  return (load) => {
    tail = tail
      .then(whenIdle)
      .then(load)
      .then(
        () => undefined,
        () => undefined,
      );
    return tail;
  };
}

/**
 * A loader for React.lazy: `{ default: pick(module) }`, handed over at once (a promise whose
 * `then` calls back synchronously, which React.lazy takes without suspending) when the module
 * has arrived, else when its download ends. React.lazy calls it on its first render only, so
 * prefetching the module (`load()`) before then is what keeps that render from suspending.
 */
export function lazyDefault<M, T>(
  module: LazyModule<M>,
  pick: (module: M) => T,
): () => Promise<{ default: T }> {
  return () => {
    const loaded = module.get();
    return loaded === undefined
      ? module.load().then((m) => ({ default: pick(m) }))
      : settled({ default: pick(loaded) });
  };
}

/**
 * A promise already fulfilled with `value` whose `then` calls back before it returns (what
 * it returns is an ordinary promise). Never rejected, so `onRejected` is never called; as with
 * a promise, an error thrown by `onFulfilled` rejects what `then` returns.
 */
function settled<T>(value: T): Promise<T> {
  const resolved = Promise.resolve(value);
  return {
    then<R1 = T, R2 = never>(
      onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    ): Promise<R1 | R2> {
      if (!onFulfilled) return resolved as unknown as Promise<R1>;
      try {
        return Promise.resolve(onFulfilled(value));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    catch: () => resolved,
    finally: (onFinally) => resolved.finally(onFinally),
    [Symbol.toStringTag]: 'Promise',
  } as Promise<T>;
}
