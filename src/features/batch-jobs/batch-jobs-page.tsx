import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { removeJob, type StoredJob } from '../../core/batch/batch-job-list';
import { findBesOperations } from '../../core/batch/batch-operations';
import { defaultServicePath } from '../../core/batch/bes-step-values';
import type { BesContext, CallRecord } from '../../core/batch/bes-calls';
import { loadBlobSdk } from '../../core/batch/blob-storage';
import type { ApiDefinition } from '../../core/definition/api-model';
import type { Environment } from '../../core/config/portal-config';
import { useKeyProduct } from '../../hooks/use-key-product';
import { jobStore, rememberSubmittedJob, useStoredJobs } from '../../hooks/use-stored-jobs';
import { recordJobStatuses } from '../../queries/job-queries';
import { BatchIntro } from './batch-howto';
import { BatchFlowPicker, LazyBatchEndpointFlow, type BatchFlow } from './batch-flow-picker';
import { HttpCallList } from '../../components/http-call-list';
import { callCheckTargets } from './call-checks';
import { isMockEnvironment } from '../../core/mock/mock-environment';
import { JobDetail } from './job-detail';
import { JobList } from './job-list';
import { NewJobForm } from './new-job-form';
import type { SubmittedJob } from './new-job-values';
import { WorkflowScripts } from './workflow-scripts';
import './batch-jobs.css';

const NEW_JOB_CALLS = '__new__';
const MAX_CALLS_PER_JOB = 20;

/** Adds or replaces a call (a pending call is replaced by its outcome). */
function mergeCall(list: CallRecord[], record: CallRecord): CallRecord[] {
  const index = list.findIndex((r) => r.id === record.id);
  if (index >= 0) return list.map((r, i) => (i === index ? record : r));
  return [...list, record].slice(-MAX_CALLS_PER_JOB);
}

/**
 * The batch jobs view: upload a CSV to blob storage, submit, start and watch a BES job, and
 * read its results, with every HTTP call open to inspection. Jobs are remembered in this
 * browser (without secrets) so a reload resumes watching.
 */
export function BatchJobsPage({
  api,
  environment,
  environments = [environment],
}: {
  api: ApiDefinition;
  environment: Environment;
  /** The API's environments, to name the one each job was submitted in. */
  environments?: readonly Environment[];
}) {
  const client = useQueryClient();
  const lookup = useMemo(() => findBesOperations(api), [api]);
  const checkOf = useMemo(() => callCheckTargets(api), [api]);
  const jobs = useStoredJobs();
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [justSubmitted, setJustSubmitted] = useState<string | undefined>(undefined);
  const [calls, setCalls] = useState<Record<string, CallRecord[]>>({});
  // Both flows stay mounted once opened, so switching loses nothing typed or watched.
  const [flow, setFlow] = useState<BatchFlow>('bes');
  const [endpointOpened, setEndpointOpened] = useState(false);
  // Watching spreads the calls left in the key's rate-limit window over it (paceByBudget).
  const { product } = useKeyProduct(
    api,
    lookup.ok ? lookup.operations.status : undefined,
    environment,
  );
  const rateWindowMs = product?.rateLimit ? product.rateLimit.renewalPeriod * 1000 : undefined;

  const listenerFor = useCallback(
    (key: string) => (record: CallRecord) =>
      setCalls((all) => ({ ...all, [key]: mergeCall(all[key] ?? [], record) })),
    [],
  );
  const newJobListener = useMemo(() => listenerFor(NEW_JOB_CALLS), [listenerFor]);

  // Status reads land in the job list where it is shown, not inside the query function.
  useEffect(() => recordJobStatuses(client, jobStore()), [client]);
  useEffect(() => {
    // Fetch the storage SDK while the user picks a file, so the upload starts at once; a
    // failure here is reported by the upload itself.
    loadBlobSdk().catch(() => undefined);
  }, []);

  if (!lookup.ok) {
    return (
      <div className="batch-page">
        <h1>Batch jobs</h1>
        <p role="alert" className="batch-alert batch-alert--error">
          {api.title} has no batch operations: {lookup.missing.join(', ')} missing from its
          definition.
        </p>
      </div>
    );
  }

  const apiJobs = jobs.filter((j) => j.apiId === api.id);
  const selected = apiJobs.find((j) => j.jobId === selectedId) ?? apiJobs[0];
  const operations = lookup.operations;
  const context: BesContext = {
    api,
    environment,
    operations,
    ...defaultServicePath(operations),
    ...(rateWindowMs !== undefined ? { rateWindowMs } : {}),
  };
  // A job is watched in the environment it was submitted in, and only there.
  const contextFor = (job: StoredJob): BesContext | undefined =>
    job.environmentId === environment.id
      ? { ...context, workspace: job.workspace, service: job.service }
      : undefined;

  // Jobs keep the id of their environment; people know it by its name.
  const environmentLabel = (id: string): string => {
    const name = (id === environment.id ? environment : environments.find((e) => e.id === id))
      ?.name;
    return name ? `“${name}”` : `“${id}” (no longer in Settings)`;
  };

  const onSubmitted = (submitted: SubmittedJob): void => {
    rememberSubmittedJob({
      jobId: submitted.jobId,
      apiId: api.id,
      environmentId: environment.id,
      workspace: submitted.workspace,
      service: submitted.service,
      inputs: submitted.inputs,
      outputs: submitted.outputs,
      ...(submitted.fileName ? { fileName: submitted.fileName } : {}),
    });
    setCalls((all) => ({
      ...all,
      [submitted.jobId]:
        all[NEW_JOB_CALLS]?.filter((r) => r.label === 'BES Submit').slice(-1) ?? [],
    }));
    setSelectedId(submitted.jobId);
    setJustSubmitted(submitted.jobId);
  };

  if (isMockEnvironment(environment)) {
    // A batch job lives in storage and on the service; a mocked call creates neither.
    return (
      <div className="batch-page">
        <BatchIntro />
        <p className="batch-muted">
          The Mock environment answers single calls in the console, from the definition; a batch job
          needs real storage and a real service. Choose another environment in the Environment menu
          to run batch jobs.
        </p>
      </div>
    );
  }
  return (
    <div className="batch-page">
      <BatchIntro />
      <BatchFlowPicker
        value={flow}
        onChange={(next) => {
          setFlow(next);
          if (next === 'endpoint') setEndpointOpened(true);
        }}
      />
      {endpointOpened && (
        <div className="batch-endpoint-flow" hidden={flow !== 'endpoint'}>
          <LazyBatchEndpointFlow environment={environment} />
        </div>
      )}
      <div className="batch-layout" hidden={flow !== 'bes'}>
        <div className="batch-layout__main">
          <NewJobForm
            environment={environment}
            context={context}
            onCall={newJobListener}
            onSubmitted={onSubmitted}
          />
          <HttpCallList
            calls={calls[NEW_JOB_CALLS] ?? []}
            title="HTTP calls for the new job"
            checkOf={checkOf}
          />
          <WorkflowScripts context={context} />
        </div>
        <div className="batch-layout__side">
          <JobList
            jobs={apiJobs}
            selectedId={selected?.jobId}
            contextFor={contextFor}
            onSelect={setSelectedId}
          />
          {selected && (
            <JobDetail
              key={`${selected.jobId}-${environment.id}`}
              job={selected}
              context={contextFor(selected)}
              environmentLabel={environmentLabel(selected.environmentId)}
              unavailableReason={
                contextFor(selected)
                  ? undefined
                  : `This job was submitted in environment ${environmentLabel(selected.environmentId)}. Choose that environment in the Environment menu to watch it.`
              }
              focusOnMount={justSubmitted === selected.jobId}
              calls={calls[selected.jobId] ?? []}
              checkOf={checkOf}
              onCall={listenerFor(selected.jobId)}
              onRemove={() => {
                jobStore().update((list) => removeJob(list, selected.jobId));
                setSelectedId(undefined);
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
