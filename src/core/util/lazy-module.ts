/**
 * A module downloaded on demand (a dynamic `import()`), kept once it has arrived so a view can
 * render it synchronously from then on. React.lazy cannot do that: its first render always
 * suspends, even when the chunk was prefetched, and a Suspense fallback then shows for a moment.
 */
export interface LazyModule<M> {
  /** Starts the download (once; again after a failure) and resolves with the module. */
  load(): Promise<M>;
  /** The module once it has arrived, else undefined. */
  get(): M | undefined;
  /** Called when the module arrives. */
  subscribe(listener: () => void): () => void;
}

export function lazyModule<M>(importModule: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  const listeners = new Set<() => void>();
  return {
    load() {
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
    get: () => loaded,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
