import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import type { ApiCatalog, ApiDefinition, ApiOperation } from '../core/definition/api-model';
import type { HttpRequest } from '../core/request/http-request';
import { MOCK_BASE_URL, withMockEnvironment } from '../core/mock/mock-environment';
import { mockSender } from '../core/mock/mock-response';
import {
  activeEnvironmentForApi,
  apiServers,
  environmentsForApi,
} from '../core/config/api-environments';
import { sendRequest } from '../core/request/send-request';
import type { ApiSource } from '../queries/definition-queries';
import { WorkflowPage, type ApiEnvironmentsOf } from '../features/workflows/workflow-page';
import { WorkflowsPage } from '../features/workflows/workflows-page';
import { WorkflowsNav } from '../features/workflows/workflows-nav';
import { SaveAsWorkflowPage } from '../features/workflows/save-as-workflow-page';
import { paths } from './api-paths';
import { usePortal } from './portal-context';
import { configWorkflows, workflowLinks } from './workflow-config';
import { NotFound, useTitle, WithDefinition } from './route-states';
import { workflowViewOf } from '../features/workflows/workflow-paths';

/** Any API's environments as its console has them, for the sources a workflow calls. */
function useEnvironmentsOf(): (apiId: string, definition: ApiDefinition) => ApiEnvironmentsOf {
  const { apis, environments, settings, config, store } = usePortal();
  const { credentials } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return useCallback(
    (apiId, definition) => {
      const api = apis.find((a) => a.id === apiId);
      const own = withMockEnvironment(
        apiId,
        environmentsForApi(
          api
            ? {
                id: api.id,
                origin: api.origin,
                ...(api.environmentIds ? { environmentIds: api.environmentIds } : {}),
              }
            : // A source the portal does not list: only its definition's servers serve it.
              { id: apiId, origin: 'added' },
          environments,
          apiServers(definition),
          { credentials, serverVariables: settings.serverVariables },
        ),
      );
      return {
        environments: own,
        active: activeEnvironmentForApi(
          own,
          apiId,
          {
            byApi: settings.activeEnvironmentByApi,
            ...(settings.activeEnvironmentId ? { legacy: settings.activeEnvironmentId } : {}),
          },
          config.defaultEnvironment,
        ),
      };
    },
    [apis, environments, settings, config.defaultEnvironment, credentials],
  );
}

/** The workflows area: it reads its own sub-paths (workflowViewOf) once it has loaded. */
export function WorkflowsRoute({ rest }: { rest: string }) {
  const view = workflowViewOf(rest);
  switch (view.kind) {
    case 'list':
      return <WorkflowsListView />;
    case 'workflow':
      return (
        <WorkflowView
          documentId={view.documentId}
          workflowId={view.workflowId}
          stepId={view.stepId}
        />
      );
    case 'save':
      return (
        <WithDefinition apiId={view.apiId}>
          {(api, source) => <SaveAsWorkflowView api={api} source={source} />}
        </WithDefinition>
      );
    case 'not-found':
      return (
        <NotFound>
          There is no workflows page at{' '}
          <code>
            {paths.workflows}/{rest}
          </code>
          .
        </NotFound>
      );
  }
}

function WorkflowsListView() {
  useTitle('Workflows');
  const { config, apis } = usePortal();
  const entries = useMemo(() => configWorkflows(config), [config]);
  return (
    <WorkflowsPage
      configEntries={entries.entries}
      configError={entries.error}
      apis={apis}
      links={workflowLinks}
    />
  );
}

function WorkflowView({
  documentId,
  workflowId,
  stepId,
}: {
  documentId: string;
  workflowId: string;
  stepId: string | undefined;
}) {
  useTitle(workflowId);
  const { config, apis, settings } = usePortal();
  const entries = useMemo(() => configWorkflows(config), [config]);
  const environmentsOf = useEnvironmentsOf();
  const sendFor = useCallback(
    (operations: readonly ApiOperation[]) => {
      // A source run on Mock is answered in the browser from its definition; nothing is sent.
      const mock = mockSender(operations);
      return (request: HttpRequest, signal: AbortSignal) =>
        request.url.startsWith(MOCK_BASE_URL)
          ? mock(request, signal)
          : sendRequest(request, { signal, timeoutMs: settings.timeoutMs });
    },
    [settings.timeoutMs],
  );
  return (
    <WorkflowPage
      documentId={documentId}
      workflowId={workflowId}
      stepId={stepId}
      configEntries={entries.entries}
      apis={apis}
      links={workflowLinks}
      environmentsOf={environmentsOf}
      sendFor={sendFor}
    />
  );
}

function SaveAsWorkflowView({ api, source }: { api: ApiCatalog; source: ApiSource }) {
  useTitle(`Save as workflow · ${api.title}`);
  const { config } = usePortal();
  const [, navigate] = useLocation();
  const entries = useMemo(() => configWorkflows(config), [config]);
  return (
    <SaveAsWorkflowPage
      api={api}
      source={source}
      configEntries={entries.entries}
      links={workflowLinks}
      historyHref={paths.history(api.id)}
      navigate={navigate}
    />
  );
}

/** The sidebar's workflows (see workflows-nav-slot.tsx): this area's module carries them. */
export function WorkflowsNavRoute({
  location,
  onNavigate,
}: {
  location: string;
  onNavigate: () => void;
}) {
  const { config, apis } = usePortal();
  const entries = useMemo(() => configWorkflows(config), [config]);
  return (
    <WorkflowsNav
      configEntries={entries.entries}
      configError={entries.error}
      apis={apis}
      links={workflowLinks}
      location={location}
      onNavigate={onNavigate}
    />
  );
}
