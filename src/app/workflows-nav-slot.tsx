import { lazyModule } from '../core/util/lazy-module';
import { useLazyModule } from '../hooks/use-lazy-module';
import { paths } from './api-paths';

// The sidebar's workflows (with the Arazzo loader) stay off the first load: preloadViews fetches
// them once the page is idle; a workflows page fetches them at once.
const workflowsNav = lazyModule(() => import('./workflows-nav-route'));

export const preloadWorkflowsNav = (): Promise<unknown> => workflowsNav.load();

export function WorkflowsNavSlot({
  location,
  onNavigate,
}: {
  location: string;
  onNavigate: () => void;
}) {
  const m = useLazyModule(workflowsNav, location.startsWith(paths.workflows));
  return m ? <m.WorkflowsNavRoute location={location} onNavigate={onNavigate} /> : null;
}
