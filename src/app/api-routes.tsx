import { Link, useLocation } from 'wouter';
import type { ApiCatalog, ApiDefinition } from '../core/definition/api-model';
import { OverviewPage } from '../features/overview/overview-page';
import { findBesOperations, hasBesOperations } from '../core/batch/batch-operations';
import { lazyModule, type PreloadQueue } from '../core/util/lazy-module';
import { useLazyModule } from '../hooks/use-lazy-module';
import type { ApiSource } from '../queries/definition-queries';
import { paths } from './api-paths';
import { usePortal } from './portal-context';
import { LazyView } from './lazy-view';
import { DefinitionFailure, Loading, NotFound, useTitle } from './route-states';
import { useApiOperations, useDefinitionWarnings, useReloadDefinition } from './use-api-definition';
import { useApiEnvironments } from './use-api-environments';

// The views of one API. The heavier ones load on demand so the first page stays small.
// The operation reference (schema trees, examples) downloads alongside the operation's details.
const operationDocs = lazyModule(() => import('../features/catalog/operation-docs'));
// The rest of an operation's page, fetched when the page is idle after the first view
// (preloadOperationViews) and then rendered at once: opening an operation shows no fallback.
// (With React.lazy, a first render suspends even when the chunk is here, and React holds the
// content back for up to 300 ms after a Suspense fallback appeared.)
const tryItConsole = lazyModule(() => import('../features/try-it/try-it-console'));
const callPlanNote = lazyModule(
  () => import('../features/api-management/components/call-plan-note'),
);

/** Fetches every part of an operation's page, one at a time (a failure is retried on use). */
export function preloadOperationViews(inTurn: PreloadQueue): void {
  void inTurn(() => operationDocs.load());
  void inTurn(() => callPlanNote.load());
  // The console's own parts once its code says which they are.
  void inTurn(() => tryItConsole.load().then((m) => m.preloadConsoleParts(inTurn)));
}
const historyPage = lazyModule(() => import('../features/history/history-page'));
// The batch view pulls in the storage SDK: it loads only when its route opens.
const batchJobsPage = lazyModule(() => import('../features/batch-jobs/batch-jobs-page'));

export function OverviewRoute({ api, source }: { api: ApiCatalog; source: ApiSource }) {
  useTitle(api.title);
  const warnings = useDefinitionWarnings(source);
  const reload = useReloadDefinition(source);
  const { apis } = usePortal();
  const { active } = useApiEnvironments(
    apis.find((a) => a.id === api.id),
    api,
  );
  if (warnings.isError) {
    return <DefinitionFailure api={source} error={warnings.error} onRetry={reload} />;
  }
  return (
    <OverviewPage
      api={warnings.data ? { ...api, warnings: warnings.data } : api}
      batchHref={hasBesOperations(api) ? paths.batch(api.id) : undefined}
      operationHref={(op) => paths.operation(api.id, op.slug)}
      serverInUse={active}
    />
  );
}

export function OperationRoute({
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
    api,
  );
  const summary = api.operations.find((o) => o.slug === slug);
  const details = useApiOperations(source, summary ? [slug] : []);
  const docs = useLazyModule(operationDocs);
  const tryIt = useLazyModule(tryItConsole);
  const planNote = useLazyModule(callPlanNote, Boolean(activeEnvironment?.apim));
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
  if (!operation || !docs) return <Loading what={summary.summary} />;
  const { OperationHeader, OperationReference } = docs;
  return (
    <article className="operation-page">
      <OperationHeader operation={operation} baseUrl={activeEnvironment?.baseUrl} />
      {activeEnvironment?.apim && !operation.webhook && planNote && (
        <planNote.CallPlanNote
          api={api}
          operation={operation}
          environment={activeEnvironment}
          subscriptionsHref={paths.subscriptions}
        />
      )}
      {tryIt ? (
        <tryIt.TryItConsole
          key={`${api.id}/${operation.slug}`}
          api={api}
          operation={operation}
          environment={activeEnvironment}
          timeoutMs={settings.timeoutMs}
          historyHref={paths.history(api.id)}
          settingsHref={paths.settings}
          subscriptionsHref={paths.subscriptions}
          onCredentialChange={(schemeId, value) => {
            if (activeEnvironment) store.setCredential(activeEnvironment.id, schemeId, value);
          }}
        />
      ) : (
        <Loading what="the console" />
      )}
      <OperationReference operation={operation} />
    </article>
  );
}

export function BatchRoute({ api, source }: { api: ApiCatalog; source: ApiSource }) {
  const { apis } = usePortal();
  const { active: activeEnvironment, environments } = useApiEnvironments(
    apis.find((a) => a.id === api.id),
    api,
  );
  useTitle(`Batch jobs · ${api.title}`);
  const lookup = findBesOperations(api);
  const details = useApiOperations(
    source,
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
    <LazyView module={batchJobsPage} what="the batch jobs view">
      {(m) => (
        <m.BatchJobsPage
          api={definition}
          environment={activeEnvironment}
          environments={environments}
        />
      )}
    </LazyView>
  );
}

export function HistoryRoute({ api }: { api: ApiCatalog }) {
  const [, navigate] = useLocation();
  useTitle(`History · ${api.title}`);
  return (
    <LazyView module={historyPage} what="History">
      {(m) => (
        <m.HistoryPage
          api={api}
          operationHref={(slug) => paths.operation(api.id, slug)}
          saveAsWorkflowHref={paths.saveAsWorkflow(api.id)}
          navigate={navigate}
        />
      )}
    </LazyView>
  );
}
