import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Environment } from '../../core/config/portal-config';
import type { ApiDefinition, ApiOperation } from '../../core/definition/api-model';
import { describeError } from '../../core/errors/describe-error';
import type { HttpRequest } from '../../core/request/http-request';
import type { HttpResponse } from '../../core/request/send-request';
import { formatDuration } from '../../core/response/response-size';
import { abortableSleep } from '../../core/workflow/abortable-sleep';
import {
  declaredRetryAfter,
  workflowInputsSchema,
  workflowSources,
} from '../../core/workflow/bound-workflow-facts';
import { isMockEnvironment } from '../../core/mock/mock-environment';
import { inputFields } from '../../core/workflow/workflow-input-fields';
import type { WorkflowRunRecord } from '../../core/workflow/workflow-run-record';
import type { ArazzoWorkflow, BoundArazzo, BoundSource } from '../../core/workflow/workflow-types';
import type { ApiSource } from '../../queries/definition-queries';
import { boundWorkflowQuery, workflowDocumentQuery } from '../../queries/workflow-queries';
import { DocumentProblems } from './document-problems';
import { useWorkflowDocuments, type ConfigWorkflowEntry } from './workflow-documents';
import { WorkflowInputsForm, type WorkflowInputs } from './workflow-inputs-form';
import type { WorkflowLinks } from './workflow-links';
import { shownValue, WorkflowTimeline, type StepFacts } from './workflow-timeline';
import type { ResponseCheckTarget } from '../../components/response/response-check-summary';
import { useWorkflowRun } from './use-workflow-run';
import './workflows.css';

export interface ApiEnvironmentsOf {
  environments: Environment[];
  active: Environment | undefined;
}

export interface WorkflowPageProps {
  documentId: string;
  workflowId: string;
  /** A step to show first (a sidebar link to it). */
  stepId: string | undefined;
  configEntries: readonly ConfigWorkflowEntry[];
  apis: readonly ApiSource[];
  links: WorkflowLinks;
  /** An API's environments as the console has them, and the one in use for it. */
  environmentsOf: (apiId: string, definition: ApiDefinition) => ApiEnvironmentsOf;
  /** The console's sender, the Mock environment's answers (from these operations) included. */
  sendFor: (
    operations: readonly ApiOperation[],
  ) => (request: HttpRequest, signal: AbortSignal) => Promise<HttpResponse>;
}

function environmentLabel(env: Environment): string {
  return isMockEnvironment(env) ? env.name : `${env.name} (${env.baseUrl})`;
}

export function WorkflowPage(props: WorkflowPageProps) {
  const { documentId, configEntries, apis } = props;
  const documents = useWorkflowDocuments(configEntries);
  const doc = documents.find((d) => d.id === documentId);
  const loaded = useQuery({ ...workflowDocumentQuery(doc ?? placeholderDoc), enabled: !!doc });
  const bound = useQuery({
    ...boundWorkflowQuery(doc ?? placeholderDoc, apis),
    enabled: !!doc && loaded.data?.ok === true,
  });
  if (!doc) {
    return (
      <div className="workflow-page">
        <h1>Workflow not found</h1>
        <p>
          There is no workflow document <code>{documentId}</code> in this browser.{' '}
          <Link href={props.links.workflows}>See every workflow document</Link>.
        </p>
      </div>
    );
  }
  const failure = loaded.error ?? bound.error;
  if (failure) {
    const described = describeError(failure);
    return (
      <div className="workflow-page">
        <h1>{doc.title}</h1>
        <div className="alert" role="alert">
          <p className="alert__title">{described.title}</p>
          {described.message && <p className="alert__message">{described.message}</p>}
        </div>
      </div>
    );
  }
  if (loaded.data && !loaded.data.ok)
    return (
      <div className="workflow-page">
        <h1>{doc.title}</h1>
        <DocumentProblems problems={loaded.data.errors} title="Not a valid Arazzo document" />
      </div>
    );
  if (bound.data && !bound.data.ok)
    return (
      <div className="workflow-page">
        <h1>{doc.title}</h1>
        <DocumentProblems problems={bound.data.errors} title="Does not match its APIs" />
      </div>
    );
  if (!bound.data) {
    return (
      <div className="view-loading" role="status">
        <span className="view-loading__spinner" aria-hidden="true" />
        Loading the workflow…
      </div>
    );
  }
  const workflow = bound.data.bound.document.workflows.find(
    (w) => w.workflowId === props.workflowId,
  );
  if (!workflow) {
    return (
      <div className="workflow-page">
        <h1>Workflow not found</h1>
        <p>
          {doc.title} has no workflow <code>{props.workflowId}</code>.{' '}
          <Link href={props.links.workflows}>See every workflow document</Link>.
        </p>
      </div>
    );
  }
  return (
    <WorkflowView
      key={`${documentId}/${workflow.workflowId}`}
      {...props}
      arazzo={bound.data.bound}
      workflow={workflow}
    />
  );
}

const placeholderDoc = {
  id: '',
  title: '',
  origin: 'added',
  source: { text: '', fileName: '' },
} as const;

function WorkflowView({
  documentId,
  stepId,
  arazzo,
  workflow,
  apis,
  environmentsOf,
  sendFor,
}: WorkflowPageProps & { arazzo: BoundArazzo; workflow: ArazzoWorkflow }) {
  const uid = useId();
  const fields = useMemo(
    () => inputFields(workflowInputsSchema(arazzo.document, workflow)),
    [arazzo.document, workflow],
  );
  const sources = useMemo(
    () => workflowSources(arazzo, workflow.workflowId, (id) => apis.some((a) => a.id === id)),
    [arazzo, workflow, apis],
  );
  const primary = sources[0];
  const primaryEnvironments = primary
    ? environmentsOf(primary.apiId, primary.definition)
    : { environments: [], active: undefined };
  const [pickedId, setPickedId] = useState(primaryEnvironments.active?.id);
  const picked =
    primaryEnvironments.environments.find((e) => e.id === pickedId) ?? primaryEnvironments.active;
  // A source whose API the picked environment does not serve (blob storage beside the web
  // service, say) is called where the user points it: its own environments, chosen per source.
  const [perSource, setPerSource] = useState<Record<string, string>>({});
  const run = useWorkflowRun(documentId, workflow.workflowId);
  const steps = arazzo.steps.get(workflow.workflowId) ?? [];

  useEffect(() => {
    if (stepId)
      document.getElementById(`${uid}-step-${stepId}`)?.scrollIntoView({ block: 'center' });
  }, [stepId, uid]);

  // Each step's response is checked against the operation it called, as in the console.
  const checkOf = (workflowId: string, stepId: string): ResponseCheckTarget | undefined => {
    const step = arazzo.steps.get(workflowId)?.find((s) => s.step.stepId === stepId);
    return step?.kind === 'operation'
      ? { operation: step.operation, specVersion: step.source.definition.specVersion }
      : undefined;
  };

  const retryAfterOf = (workflowId: string, stepId: string, action: string) =>
    declaredRetryAfter(arazzo.document, workflowId, stepId, action);
  const facts: StepFacts = { checkOf, retryAfterOf };

  const environmentFor = (source: BoundSource): Environment | undefined => {
    const own = environmentsOf(source.apiId, source.definition);
    const chosen = perSource[source.name];
    return (
      (chosen !== undefined ? own.environments.find((e) => e.id === chosen) : undefined) ??
      (picked && own.environments.find((e) => e.id === picked.id)) ??
      own.active
    );
  };
  const otherSources = sources.slice(1);

  const start = (inputs: WorkflowInputs) => {
    if (!picked) return;
    run.start({
      bound: arazzo,
      inputs: inputs.values,
      shownInputs: inputs.shown,
      environmentName: picked.name,
      deps: {
        send: sendFor(arazzo.sources.flatMap((s) => s.definition.operations)),
        environment: (source) => environmentFor(source) ?? { baseUrl: '', credentials: {} },
        sleep: abortableSleep,
        now: () => Date.now(),
      },
    });
  };

  return (
    <article className="workflow-page" aria-labelledby={`${uid}-title`}>
      <p className="workflow-page__kind">Workflow · {arazzo.document.info.title}</p>
      <h1 id={`${uid}-title`}>{workflow.summary ?? workflow.workflowId}</h1>
      {workflow.description && <p className="workflow-page__description">{workflow.description}</p>}
      <section className="card" aria-labelledby={`${uid}-steps`}>
        <h2 id={`${uid}-steps`}>Steps</h2>
        <ol className="workflow-steps">
          {steps.map((s) => (
            <li
              key={s.step.stepId}
              id={`${uid}-step-${s.step.stepId}`}
              className={
                s.step.stepId === stepId
                  ? 'workflow-steps__item workflow-steps__item--highlighted'
                  : 'workflow-steps__item'
              }
            >
              <span className="workflow-steps__id">{s.step.stepId}</span>{' '}
              {s.kind === 'operation' ? (
                <code>
                  {s.operation.method.toUpperCase()} {s.operation.path}
                </code>
              ) : (
                <span>runs workflow {s.workflowId}</span>
              )}
              {s.step.description && (
                <p className="workflow-steps__description">{s.step.description}</p>
              )}
            </li>
          ))}
        </ol>
      </section>
      <WorkflowInputsForm fields={fields} running={run.running} onRun={start}>
        <label className="workflow-inputs__env">
          <span>
            {otherSources.length > 0 && primary ? `Environment (${primary.name})` : 'Environment'}
          </span>
          <select
            className="input"
            aria-label={`Environment for ${primary?.name ?? 'the workflow'}`}
            value={picked?.id ?? ''}
            onChange={(e) => setPickedId(e.target.value)}
            disabled={run.running}
          >
            {primaryEnvironments.environments.length === 0 && (
              <option value="">No environments</option>
            )}
            {primaryEnvironments.environments.map((env) => (
              <option key={env.id} value={env.id}>
                {environmentLabel(env)}
              </option>
            ))}
          </select>
        </label>
        {otherSources.map((source) => {
          const own = environmentsOf(source.apiId, source.definition);
          const current = environmentFor(source);
          return (
            <label key={source.name} className="workflow-inputs__env">
              <span>
                {source.name} ({source.definition.title})
              </span>
              <select
                className="input"
                aria-label={`Environment for ${source.name}`}
                value={current?.id ?? ''}
                onChange={(e) => setPerSource((m) => ({ ...m, [source.name]: e.target.value }))}
                disabled={run.running}
              >
                {own.environments.length === 0 && <option value="">No environments</option>}
                {own.environments.map((env) => (
                  <option key={env.id} value={env.id}>
                    {environmentLabel(env)}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        {run.running && (
          <button type="button" className="button button--danger" onClick={run.cancel}>
            Cancel
          </button>
        )}
      </WorkflowInputsForm>
      {run.record && <RunResult record={run.record} stepId={stepId} facts={facts} />}
    </article>
  );
}

function RunSummary({ record }: { record: WorkflowRunRecord }) {
  const took =
    record.endedAt !== undefined ? ` in ${formatDuration(record.endedAt - record.startedAt)}` : '';
  switch (record.status) {
    case 'running':
      return <>Running on {record.environmentName}…</>;
    case 'succeeded':
      return (
        <>
          Succeeded{took} on {record.environmentName}.
        </>
      );
    case 'cancelled':
      return <>Cancelled{took}.</>;
    case 'failed':
      return (
        <>
          Failed{took}: {record.failure?.message ?? 'the run stopped.'}
        </>
      );
  }
}

function RunResult({
  record,
  stepId,
  facts,
}: {
  record: WorkflowRunRecord;
  stepId: string | undefined;
  facts: StepFacts;
}) {
  const uid = useId();
  return (
    <section className="card workflow-run" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{record.restored ? 'Last run' : 'Run'}</h2>
      <p className={`workflow-run__status workflow-run__status--${record.status}`} role="status">
        <RunSummary record={record} />
      </p>
      {record.restored && (
        <p className="muted">
          Kept from {new Date(record.startedAt).toLocaleString()} in this browser, without keys.
        </p>
      )}
      <WorkflowTimeline record={record} highlightStepId={stepId} facts={facts} />
      {record.outputs && Object.keys(record.outputs).length > 0 && (
        <>
          <h3>Outputs</h3>
          <dl className="workflow-outputs" aria-label="Workflow outputs">
            {Object.entries(record.outputs).map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  <code>{shownValue(name, value)}</code>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
