import { lazy, Suspense, useDeferredValue, useEffect, useMemo, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { ApiCatalog, ApiDefinition } from '../core/definition/api-model';
import { isDefinitionError } from '../core/definition/definition-error';
import { ViewErrorBoundary } from '../components/view-error-boundary';
import { OperationHeader, OperationReference } from '../features/catalog/operation-docs';
import { OverviewPage } from '../features/overview/overview-page';
import { findBesOperations, hasBesOperations } from '../core/batch/batch-operations';
import { handOffForm } from '../core/history/form-handoff';
import { decodeShareState } from '../core/request/share-link';
import { paths, safeDecode } from './api-paths';
import { usePortal } from './portal-context';
import type { ApiSource } from './queries';
import {
  useApiDefinition,
  useApiOperations,
  useDefinitionWarnings,
  useReloadDefinition,
} from './use-api-definition';
import { useApiEnvironments } from './use-api-environments';
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
const HistoryPage = lazy(() =>
  import('../features/history/history-page').then((m) => ({ default: m.HistoryPage })),
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
  children: (api: ApiCatalog, source: ApiSource) => ReactNode;
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

function OverviewRoute({ api, source }: { api: ApiCatalog; source: ApiSource }) {
  useTitle(api.title);
  const warnings = useDefinitionWarnings(source, api);
  const reload = useReloadDefinition(source);
  if (warnings.isError) {
    return <DefinitionFailure api={source} error={warnings.error} onRetry={reload} />;
  }
  return (
    <OverviewPage
      api={warnings.data ? { ...api, warnings: warnings.data } : api}
      batchHref={hasBesOperations(api) ? paths.batch(api.id) : undefined}
      operationHref={(op) => paths.operation(api.id, op.slug)}
    />
  );
}

function OperationRoute({
  api,
  source,
  slug,
}: {
  api: ApiCatalog;
  source: ApiSource;
  slug: string;
}) {
  const { store, settings, apis } = usePortal();
  const { active: activeEnvironment } = useApiEnvironments(
    apis.find((a) => a.id === api.id),
    api.servers,
  );
  const summary = api.operations.find((o) => o.slug === slug);
  const details = useApiOperations(source, api, summary ? [slug] : []);
  useTitle(summary?.summary ?? 'Not found');
  if (!summary) {
    return (
      <NotFound>
        {api.title} has no operation <code>{slug}</code>. It may have been renamed; pick one from
        the list.
      </NotFound>
    );
  }
  if (details.error !== undefined) {
    return <DefinitionFailure api={source} error={details.error} onRetry={details.retry} />;
  }
  const operation = details.operations[0];
  if (!operation) return <Loading what={summary.summary} />;
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
          historyHref={paths.history(api.id)}
          onCredentialChange={(schemeId, value) => {
            if (activeEnvironment) store.setCredential(activeEnvironment.id, schemeId, value);
          }}
        />
      </Suspense>
      <OperationReference operation={operation} />
    </article>
  );
}

function BatchRoute({ api, source }: { api: ApiCatalog; source: ApiSource }) {
  const { apis } = usePortal();
  const { active: activeEnvironment } = useApiEnvironments(
    apis.find((a) => a.id === api.id),
    api.servers,
  );
  useTitle(`Batch jobs · ${api.title}`);
  const lookup = findBesOperations(api);
  const details = useApiOperations(
    source,
    api,
    lookup.ok ? Object.values(lookup.operations).map((op) => op.slug) : [],
  );
  if (!lookup.ok) {
    return <NotFound>{api.title} has no batch (BES) operations.</NotFound>;
  }
  if (!activeEnvironment) {
    return (
      <NotFound>
        Choose or add an environment first: <Link href={paths.settings}>manage environments</Link>.
      </NotFound>
    );
  }
  if (details.error !== undefined) {
    return <DefinitionFailure api={source} error={details.error} onRetry={details.retry} />;
  }
  if (details.operations.length < 4) return <Loading what="the batch jobs view" />;
  // The page sees the definition narrowed to the operations it uses, in full.
  const definition: ApiDefinition = { ...api, operations: details.operations };
  return (
    <Suspense fallback={<Loading what="the batch jobs view" />}>
      <BatchJobsPage api={definition} environment={activeEnvironment} />
    </Suspense>
  );
}

function HistoryRoute({ api }: { api: ApiCatalog }) {
  const [, navigate] = useLocation();
  useTitle(`History · ${api.title}`);
  return (
    <Suspense fallback={<Loading what="History" />}>
      <HistoryPage
        api={api}
        operationHref={(slug) => paths.operation(api.id, slug)}
        navigate={navigate}
      />
    </Suspense>
  );
}

/** A share link: fills the operation's form from the fragment and opens it; never sends. */
function SharedFormRoute({
  api,
  slug,
  payload,
}: {
  api: ApiCatalog;
  slug: string;
  payload: string;
}) {
  const [, navigate] = useLocation();
  const form = useMemo(() => decodeShareState(payload), [payload]);
  const known = api.operations.some((o) => o.slug === slug);
  useEffect(() => {
    if (!form || !known) return;
    handOffForm({
      apiId: api.id,
      operationSlug: slug,
      form,
      notice:
        'Opened from a shared link: nothing was sent. Keys are never in a link: check that yours are set, then press Send.',
    });
    navigate(paths.operation(api.id, slug), { replace: true });
  }, [form, known, api.id, slug, navigate]);
  useTitle('Shared link');
  if (!known) {
    return (
      <NotFound>
        {api.title} has no operation <code>{slug}</code>.
      </NotFound>
    );
  }
  if (!form) {
    return (
      <NotFound>
        This shared link is damaged or incomplete (it may have been cut when it was pasted). Ask for
        it again, or <Link href={paths.operation(api.id, slug)}>open the operation</Link>.
      </NotFound>
    );
  }
  return <Loading what="the shared request" />;
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
              {(api) => <SharedFormRoute api={api} slug={safeDecode(p.slug)} payload={p.payload} />}
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
