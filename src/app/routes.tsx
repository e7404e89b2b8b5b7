import type { ReactNode } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { ViewErrorBoundary } from '../components/view-error-boundary';
import { preloadShortcutsDialog } from '../features/keyboard/keyboard-shortcuts';
import { workflowsArea } from './workflows-nav-slot';
import { safeDecode } from './api-paths';
import {
  BatchRoute,
  HistoryRoute,
  OperationRoute,
  OverviewRoute,
  preloadOperationViews,
} from './api-routes';
import { lazyModule, preloadQueue } from '../core/util/lazy-module';
import { LazyView } from './lazy-view';
import { NotFound, useTitle, WithDefinition } from './route-states';
import './routes.css';

// Heavier views load on demand so the first page stays small; preloadViews() fetches them
// while the browser is idle, one view per idle period, so a click rarely waits, neither for a
// view nor for the preloading itself.
const settingsRoute = lazyModule(() => import('./settings-route'));

export function preloadViews(): void {
  const inTurn = preloadQueue();
  preloadOperationViews(inTurn);
  void inTurn(() => settingsRoute.load());
  void inTurn(() => workflowsArea.load());
  void inTurn(preloadShortcutsDialog);
}

const sharedFormRoute = lazyModule(() => import('./shared-form-route'));
const apiManagementRoute = lazyModule(() => import('./api-management-route'));
// Usage (and uPlot with it) loads only when its route opens.
const usageRoute = lazyModule(() => import('./usage-route'));
// The Publish area (forms, the policy XML reader) loads only when it opens.
const publishRoute = lazyModule(() => import('./publish-route'));

function SettingsView() {
  useTitle('Settings');
  return (
    <LazyView module={settingsRoute} what="Settings">
      {(m) => <m.SettingsRoute />}
    </LazyView>
  );
}

function ApiManagementView({ page, title }: { page: 'products' | 'subscriptions'; title: string }) {
  useTitle(title);
  return (
    <LazyView module={apiManagementRoute} what={title}>
      {(m) => <m.ApiManagementRoute page={page} />}
    </LazyView>
  );
}

function UsageView() {
  useTitle('Usage');
  return (
    <LazyView module={usageRoute} what="Usage">
      {(m) => <m.UsageRoute />}
    </LazyView>
  );
}

function PublishView({ rest }: { rest: string }) {
  useTitle('Publish');
  return (
    <LazyView module={publishRoute} what="Publish">
      {(m) => <m.PublishRoute rest={rest} />}
    </LazyView>
  );
}

function WorkflowsView({ rest }: { rest: string }) {
  return (
    <LazyView module={workflowsArea} what="Workflows">
      {(m) => <m.WorkflowsRoute rest={rest} />}
    </LazyView>
  );
}

export function AppRoutes() {
  const [location] = useLocation();
  const guard = (viewName: string, view: ReactNode) => (
    <ViewErrorBoundary viewName={viewName} resetKey={location}>
      {view}
    </ViewErrorBoundary>
  );
  return (
    <Switch>
      <Route path="/">
        {guard(
          'the API overview',
          <WithDefinition apiId={undefined}>
            {(api, source) => <OverviewRoute api={api} source={source} />}
          </WithDefinition>,
        )}
      </Route>
      <Route path="/apis/:apiId">
        {(p) =>
          guard(
            'the API overview',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api, source) => <OverviewRoute api={api} source={source} />}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/operations/:slug">
        {(p) =>
          guard(
            'the operation page',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api, source) => (
                <OperationRoute api={api} source={source} slug={safeDecode(p.slug)} />
              )}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/operations/:slug/share/:payload">
        {(p) =>
          guard(
            'the shared link',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api) => (
                <LazyView module={sharedFormRoute} what="the shared request">
                  {(m) => (
                    <m.SharedFormRoute api={api} slug={safeDecode(p.slug)} payload={p.payload} />
                  )}
                </LazyView>
              )}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/batch">
        {(p) =>
          guard(
            'the batch jobs view',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api, source) => <BatchRoute api={api} source={source} />}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/history">
        {(p) =>
          guard(
            'History',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api) => <HistoryRoute api={api} />}
            </WithDefinition>,
          )
        }
      </Route>
      {/* One route: the area reads its own sub-paths once it has loaded (workflowViewOf). */}
      <Route path="/workflows/*?">
        {(p) => guard('Workflows', <WorkflowsView rest={p['*'] ?? ''} />)}
      </Route>
      <Route path="/settings">{guard('Settings', <SettingsView />)}</Route>
      <Route path="/products">
        {guard('Products', <ApiManagementView page="products" title="Products" />)}
      </Route>
      <Route path="/subscriptions">
        {guard('Subscriptions', <ApiManagementView page="subscriptions" title="Subscriptions" />)}
      </Route>
      <Route path="/usage">{guard('Usage', <UsageView />)}</Route>
      {/* One route: the area reads its own sub-paths once it has loaded (publishViewOf). */}
      <Route path="/publish/*?">
        {(p) => guard('Publish', <PublishView rest={p['*'] ?? ''} />)}
      </Route>
      <Route>{guard('this page', <NotFound>There is no page at {location}.</NotFound>)}</Route>
    </Switch>
  );
}
