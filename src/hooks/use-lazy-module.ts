import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LazyModule } from '../core/util/lazy-module';

/**
 * A module downloaded on demand: undefined until it has arrived, then the module, from the first
 * render on once it was prefetched. With `start`, mounting starts the download and a failed one
 * is thrown during render, so the view's error boundary reports it (its "Reload view" mounts
 * the view again, which tries again). Without it, the caller starts the download itself.
 */
export function useLazyModule<M>(lazy: LazyModule<M>, start = true): M | undefined {
  const module = useSyncExternalStore(lazy.subscribe, lazy.get, lazy.get);
  const [failure, setFailure] = useState<{ error: unknown }>();
  useEffect(() => {
    if (!start) return;
    let live = true;
    lazy.load().catch((error: unknown) => {
      if (live) setFailure({ error });
    });
    return () => {
      live = false;
    };
  }, [lazy, start]);
  if (failure) throw failure.error;
  return module;
}
