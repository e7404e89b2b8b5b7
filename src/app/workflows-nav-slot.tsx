import { lazyModule } from '../core/util/lazy-module';
import { useLazyModule } from '../hooks/use-lazy-module';
import { paths } from './api-paths';

/**
 * The workflows area (the Arazzo loader and runner, the YAML editor) and the sidebar's workflows
 * with it: one module, off the first load. preloadViews fetches it once the page is idle; a
 * workflows page fetches it at once. One module rather than two keeps the first page's share
 * of it to one import.
 */
export const workflowsArea = lazyModule(() => import('./workflows-route'));

export function WorkflowsNavSlot({
  location,
  onNavigate,
}: {
  location: string;
  onNavigate: () => void;
}) {
  const m = useLazyModule(workflowsArea, location.startsWith(paths.workflows));
  return m ? <m.WorkflowsNavRoute location={location} onNavigate={onNavigate} /> : null;
}
