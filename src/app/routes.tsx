import { lazy, Suspense, useDeferredValue, useEffect, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { ApiDefinition } from '../core/definition/api-model';
import { isDefinitionError } from '../core/definition/load-definition';
import { ViewErrorBoundary } from '../components/view-error-boundary';
import { OperationHeader, OperationReference } from '../features/catalog/operation-docs';
import { OverviewPage } from '../features/overview/overview-page';
import { hasBesOperations } from '../core/batch/batch-operations';
import { paths, safeDecode } from './api-paths';
import { usePortal } from './portal-context';
import type { ApiSource } from './queries';
import { useApiDefinition } from './use-api-definition';
import './routes.css';

// Heavier views load on demand so the first page stays small; preloadViews() fetches them
// while the browser is idle, so a click rarely waits.
const loadTryIt = () => import('../features/try-it/try-it-console');
const loadSettings = () => import('./settings-route');
const TryItConsole = lazy(() => loadTryIt().then((m) => ({ default: m.TryItConsole })));
const SettingsRoute = lazy(() => loadSettings().then((m) => ({ default: m.SettingsRoute })));

export function preloadViews(): void {
  void loadTryIt();
  void loadSettings();
}

const loadApiManagement = () => import('./api-management-route');
const ApiManagementRoute = lazy(() =>
  loadApiManagement().then((m) => ({ default: m.ApiManagementRoute })),
);
// Usage (and uPlot with it) loads only when its route opens.
const UsageRoute = lazy(() => import('./usage-route').then((m) => ({ default: m.UsageRoute })));
const CallPlanNote = lazy(() =>
  import('../features/api-management/components/call-plan-note').then((m) => ({
    default: m.CallPlanNote,
  })),
);

// The batch view pulls in the storage SDK: it loads only when its route opens.
const BatchJobsPage = lazy(() =>
  import('../features/batch-jobs/batch-jobs-page').then((m) => ({ default: m.BatchJobsPage })),
);

function useTitle(title: string | undefined) {
  const { config } = usePortal();
  useEffect(() => {
    document.title = title ? `${title} · ${config.title}` : config.title;
  }, [title, config.title]);
}

function Loading({ what }: { what: string }) {
  return (
    <div className="view-loading" role="status">
      <span className="view-loading__spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

function NotFound({ children }: { children: ReactNode }) {
  useTitle('Not found');
  return (
    <div className="view-empty">
      <h1>Not found</h1>
      <p>{children}</p>
      <Link href="/" className="button">
        Go to the first API
      </Link>
    </div>
  );
}

function DefinitionFailure({
  api,
  error,
  onRetry,
}: {
  api: ApiSource;
  error: unknown;
  onRetry: () => void;
}) {
  useTitle(api.title);
  const message = error instanceof Error ? error.message : String(error);
  const location = isDefinitionError(error) ? error.location : undefined;
  return (
    <div className="view-empty">
      <h1>{api.title}</h1>
      <div className="alert" role="alert">
        <p className="alert__title">This API definition could not be loaded</p>
        <p className="definition-error__message">{message}</p>
        {location && (
          <p className="definition-error__location">
            Where: <code>{location}</code>
          </p>
        )}
      </div>
      <p className="muted">
        {api.origin === 'config'
          ? 'Check the entry for this API in portico.config.json. '
          : 'You added this API in Settings; fix its source there or remove it. '}
        The rest of the portal keeps working.
      </p>
      <div className="view-empty__actions">
        <button type="button" className="button button--primary" onClick={onRetry}>
          Try again
        </button>
        <Link href={paths.settings} className="button">
          Manage APIs
        </Link>
      </div>
    </div>
  );
}

/** Resolves the API for a route and shows loading and failure in place of the view. */
function WithDefinition({
  apiId,
  children,
}: {
  apiId: string | undefined;
  children: (api: ApiDefinition, source: ApiSource) => ReactNode;
}) {
  const { apis } = usePortal();
  const source = apiId === undefined ? apis[0] : apis.find((a) => a.id === apiId);
  const query = useApiDefinition(source);
  // The sidebar shows a freshly loaded definition first; the page follows in a render of its
  // own, so the list is on screen (and the filter usable) without waiting for the page.
  const data = useDeferredValue(query.data);
  if (!source) {
    return apiId === undefined ? (
      <NoApis />
    ) : (
      <NotFound>
        There is no API with the id <code>{apiId}</code>.
      </NotFound>
    );
  }
  if (query.isError) {
    return (
      <DefinitionFailure api={source} error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  if (!data || data.id !== source.id) return <Loading what={source.title} />;
  return <>{children(data, source)}</>;
}

function NoApis() {
  const { configError } = usePortal();
  useTitle(undefined);
  return (
    <div className="view-empty">
      <h1>No APIs to show</h1>
      {configError !== undefined && (
        <div className="alert" role="alert">
          <p className="alert__title">The portal configuration could not be loaded</p>
          <p>{configError instanceof Error ? configError.message : String(configError)}</p>
        </div>
      )}
      <p>Add an API from a URL or a file in Settings.</p>
      <Link href={paths.settings} className="button button--primary">
        Add an API
      </Link>
    </div>
  );
}

function OverviewRoute({ api }: { api: ApiDefinition }) {
  useTitle(api.title);
  return (
    <OverviewPage
      api={api}
      batchHref={hasBesOperations(api) ? paths.batch(api.id) : undefined}
      operationHref={(op) => paths.operation(api.id, op.slug)}
    />
  );
}

function OperationRoute({ api, slug }: { api: ApiDefinition; slug: string }) {
  const { activeEnvironment, store, settings } = usePortal();
  const operation = api.operations.find((o) => o.slug === slug);
  useTitle(operation?.summary ?? 'Not found');
  if (!operation) {
    return (
      <NotFound>
        {api.title} has no operation <code>{slug}</code>. It may have been renamed; pick one from
        the list.
      </NotFound>
    );
  }
  return (
    <article className="operation-page">
      <OperationHeader operation={operation} baseUrl={activeEnvironment?.baseUrl} />
      {activeEnvironment?.apim && (
        <Suspense fallback={null}>
          <CallPlanNote
            api={api}
            operation={operation}
            environment={activeEnvironment}
            subscriptionsHref={paths.subscriptions}
          />
        </Suspense>
      )}
      <Suspense fallback={<Loading what="the console" />}>
        <TryItConsole
          key={`${api.id}/${operation.slug}`}
          api={api}
          operation={operation}
          environment={activeEnvironment}
          timeoutMs={settings.timeoutMs}
          onCredentialChange={(schemeId, value) => {
            if (activeEnvironment) store.setCredential(activeEnvironment.id, schemeId, value);
          }}
        />
      </Suspense>
      <OperationReference operation={operation} />
    </article>
  );
}

function BatchRoute({ api }: { api: ApiDefinition }) {
  const { activeEnvironment } = usePortal();
  useTitle(`Batch jobs · ${api.title}`);
  if (!hasBesOperations(api)) {
    return <NotFound>{api.title} has no batch (BES) operations.</NotFound>;
  }
  if (!activeEnvironment) {
    return (
      <NotFound>
        Choose or add an environment first: <Link href={paths.settings}>manage environments</Link>.
      </NotFound>
    );
  }
  return (
    <Suspense fallback={<Loading what="the batch jobs view" />}>
      <BatchJobsPage api={api} environment={activeEnvironment} />
    </Suspense>
  );
}

function SettingsView() {
  useTitle('Settings');
  return (
    <Suspense fallback={<Loading what="Settings" />}>
      <SettingsRoute />
    </Suspense>
  );
}

function ApiManagementView({ page, title }: { page: 'products' | 'subscriptions'; title: string }) {
  useTitle(title);
  return (
    <Suspense fallback={<Loading what={title} />}>
      <ApiManagementRoute page={page} />
    </Suspense>
  );
}

function UsageView() {
  useTitle('Usage');
  return (
    <Suspense fallback={<Loading what="Usage" />}>
      <UsageRoute />
    </Suspense>
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
          <WithDefinition apiId={undefined}>{(api) => <OverviewRoute api={api} />}</WithDefinition>,
        )}
      </Route>
      <Route path="/apis/:apiId">
        {(p) =>
          guard(
            'the API overview',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api) => <OverviewRoute api={api} />}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/operations/:slug">
        {(p) =>
          guard(
            'the operation page',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api) => <OperationRoute api={api} slug={safeDecode(p.slug)} />}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/apis/:apiId/batch">
        {(p) =>
          guard(
            'the batch jobs view',
            <WithDefinition apiId={safeDecode(p.apiId)}>
              {(api) => <BatchRoute api={api} />}
            </WithDefinition>,
          )
        }
      </Route>
      <Route path="/settings">{guard('Settings', <SettingsView />)}</Route>
      <Route path="/products">
        {guard('Products', <ApiManagementView page="products" title="Products" />)}
      </Route>
      <Route path="/subscriptions">
        {guard('Subscriptions', <ApiManagementView page="subscriptions" title="Subscriptions" />)}
      </Route>
      <Route path="/usage">{guard('Usage', <UsageView />)}</Route>
      <Route>{guard('this page', <NotFound>There is no page at {location}.</NotFound>)}</Route>
    </Switch>
  );
}
