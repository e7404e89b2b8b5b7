import type { ReactNode } from 'react';
import type { LazyModule } from '../core/util/lazy-module';
import { useLazyModule } from '../hooks/use-lazy-module';
import { Loading } from './route-states';

/**
 * A view whose code loads on demand: "Loading …" until its module has arrived, then the view,
 * at once when it was preloaded. Not React.lazy + Suspense: a lazy component's first render
 * suspends even when its chunk is here, React then holds the view back for up to 300 ms after
 * the fallback appeared, and a chunk that failed to download stays failed. Here a failed
 * download reaches the view's error boundary, whose "Reload view" fetches it again.
 */
export function LazyView<M>({
  module,
  what,
  children,
}: {
  module: LazyModule<M>;
  /** Named in "Loading …". */
  what: string;
  children: (module: M) => ReactNode;
}) {
  const loaded = useLazyModule(module);
  return loaded ? <>{children(loaded)}</> : <Loading what={what} />;
}
