import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobStatus } from '../../core/batch/batch-job-state';
import type { ApiDefinition } from '../../core/definition/api-model';
import {
  currentState,
  isJobDone,
  recordState,
  removeJob,
  upsertJob,
  type StoredJob,
} from '../../core/batch/batch-job-list';
import { defaultServicePath, findBesOperations } from '../../core/batch/batch-operations';
import type { Environment } from '../../core/config/portal-config';
import type { BesContext, CallRecord } from './bes-calls';
import { HttpCallList } from './http-call-list';
import { JobDetail } from './job-detail';
import { JobWatcher, type WatchHandle } from './job-watcher';
import { NewJobForm, type SubmittedJob } from './new-job-form';
import { WorkflowScripts } from './workflow-scripts';
import { loadBlobSdk } from './storage-client';
import { useJobList } from './use-job-list';
import './batch-jobs.css';

const NEW_JOB_CALLS = '__new__';
const MAX_CALLS_PER_JOB = 20;

/** Adds or replaces a call; only the latest status call of a job is kept, polling makes many. */
function mergeCall(list: CallRecord[], record: CallRecord): CallRecord[] {
  const index = list.findIndex((r) => r.id === record.id);
  if (index >= 0) return list.map((r, i) => (i === index ? record : r));
  const kept = record.label === 'BES Status' ? list.filter((r) => r.label !== 'BES Status') : list;
  return [...kept, record].slice(-MAX_CALLS_PER_JOB);
}

/**
 * The batch jobs view: upload a CSV to blob storage, submit, start and watch a BES job, and
 * read its results, with every HTTP call open to inspection. Jobs are remembered in this
 * browser (without secrets) so a reload resumes watching.
 */
export function BatchJobsPage({
  api,
  environment,
}: {
  api: ApiDefinition;
  environment: Environment;
}) {
  const lookup = useMemo(() => findBesOperations(api), [api]);
  const defaults = useMemo(
    () => (lookup.ok ? defaultServicePath(lookup.operations) : { workspace: '', service: '' }),
    [lookup],
  );
  const [workspace, setWorkspace] = useState(defaults.workspace);
  const [service, setService] = useState(defaults.service);
  const { jobs, updateJobs } = useJobList();
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [justSubmitted, setJustSubmitted] = useState<string | undefined>(undefined);
  const [calls, setCalls] = useState<Record<string, CallRecord[]>>({});

  const listenerFor = useCallback(
    (key: string) => (record: CallRecord) =>
      setCalls((all) => ({ ...all, [key]: mergeCall(all[key] ?? [], record) })),
    [],
  );
  const newJobListener = useMemo(() => listenerFor(NEW_JOB_CALLS), [listenerFor]);
  const [watches, setWatches] = useState<Record<string, WatchHandle | undefined>>({});
  const onWatch = useCallback((jobId: string, handle: WatchHandle | undefined) => {
    setWatches((all) => ({ ...all, [jobId]: handle }));
  }, []);
  const onStatus = useCallback(
    (jobId: string, status: JobStatus) =>
      updateJobs((list) => {
        const job = list.find((j) => j.jobId === jobId);
        return job
          ? upsertJob(list, recordState(job, status.state, Date.now(), status.details))
          : list;
      }),
    [updateJobs],
  );

  useEffect(() => {
    // Fetch the storage SDK while the user picks a file, so the upload starts at once; a
    // failure here is reported by the upload itself.
    loadBlobSdk().catch(() => undefined);
  }, []);

  const apiJobs = jobs.filter((j) => j.apiId === api.id);
  const selected = apiJobs.find((j) => j.jobId === selectedId) ?? apiJobs[0];

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

  const context: BesContext = {
    api,
    environment,
    operations: lookup.operations,
    workspace,
    service,
  };

  const contextFor = (job: StoredJob): { context?: BesContext; reason?: string } => {
    if (job.environmentId !== environment.id) {
      return {
        reason: `This job was submitted in environment "${job.environmentId}". Choose that environment in the Environment menu to watch it.`,
      };
    }
    return { context: { ...context, workspace: job.workspace, service: job.service } };
  };

  const onSubmitted = (submitted: SubmittedJob): void => {
    const now = Date.now();
    const job: StoredJob = {
      jobId: submitted.jobId,
      apiId: api.id,
      environmentId: environment.id,
      workspace: submitted.workspace,
      service: submitted.service,
      inputs: submitted.inputs,
      outputs: submitted.outputs,
      submittedAt: now,
      timeline: [{ state: 'NotStarted', at: now }],
    };
    if (submitted.fileName) job.fileName = submitted.fileName;
    updateJobs((list) => upsertJob(list, job));
    setCalls((all) => ({
      ...all,
      [submitted.jobId]:
        all[NEW_JOB_CALLS]?.filter((r) => r.label === 'BES Submit').slice(-1) ?? [],
    }));
    setSelectedId(submitted.jobId);
    setJustSubmitted(submitted.jobId);
  };

  const selectedContext = selected ? contextFor(selected) : undefined;
  // Every unfinished job of this environment is watched, the selected one also once finished
  // (its results come with its status).
  const watched = apiJobs.filter(
    (job) =>
      job.environmentId === environment.id &&
      (!isJobDone(job) || (job.jobId === selected?.jobId && currentState(job) === 'Finished')),
  );

  return (
    <div className="batch-page">
      {watched.map((job) => {
        const jobContext = contextFor(job).context;
        return (
          jobContext && (
            <JobWatcher
              key={`${job.jobId}-${environment.id}`}
              jobId={job.jobId}
              context={jobContext}
              onStatus={onStatus}
              onCall={listenerFor(job.jobId)}
              onWatch={onWatch}
            />
          )
        );
      })}
      <header className="batch-page__header">
        <h1>Batch jobs</h1>
        <p className="batch-lead">
          Score a whole CSV file with the Batch Execution Service: upload it to blob storage, submit
          a job that points at it, start it, and watch it until its results can be previewed and
          downloaded. Every step is a plain HTTP call you can open below it.
        </p>
        <details className="batch-howto">
          <summary>How a batch job works</summary>
          <ol>
            <li>
              The input CSV goes to a blob container (PUT, with a container SAS; the service never
              receives your file through the API).
            </li>
            <li>
              <strong>BES Submit</strong> sends blob references for the input and the output and
              returns a job id. The job waits in NotStarted.
            </li>
            <li>
              <strong>BES Start</strong> starts it; <strong>BES Status</strong> is polled until
              Finished, Failed or Cancelled (less often as time goes by, and as the server asks).
            </li>
            <li>
              When Finished, the status lists each output with a read-only SAS; the preview reads
              only the first 64 KB of it. <strong>BES Delete</strong> cancels a running job or
              deletes an ended one.
            </li>
          </ol>
        </details>
      </header>
      <div className="batch-layout">
        <div className="batch-layout__main">
          <NewJobForm
            environment={environment}
            context={context}
            workspace={workspace}
            service={service}
            onWorkspaceChange={setWorkspace}
            onServiceChange={setService}
            onCall={newJobListener}
            onSubmitted={onSubmitted}
          />
          <HttpCallList calls={calls[NEW_JOB_CALLS] ?? []} title="HTTP calls for the new job" />
          <WorkflowScripts context={context} />
        </div>
        <div className="batch-layout__side">
          <section className="batch-card" aria-labelledby="batch-jobs-list-title">
            <h2 id="batch-jobs-list-title" className="batch-card__title">
              Jobs
            </h2>
            {apiJobs.length === 0 ? (
              <p className="batch-muted">
                No jobs yet. Submitted jobs are listed here and kept across reloads.
              </p>
            ) : (
              <ul className="batch-job-list" aria-label="Jobs">
                {apiJobs.map((job) => {
                  const state = currentState(job);
                  const isSelected = job.jobId === selected?.jobId;
                  return (
                    <li key={job.jobId}>
                      <button
                        type="button"
                        className={`batch-job-list__item${isSelected ? ' batch-job-list__item--selected' : ''}`}
                        aria-current={isSelected ? 'true' : undefined}
                        onClick={() => setSelectedId(job.jobId)}
                      >
                        <span className="batch-job-list__name">{job.fileName ?? job.jobId}</span>
                        <code className="batch-job-list__id">{job.jobId.slice(0, 12)}…</code>
                        <span className={`batch-badge batch-state--${state}`}>{state}</span>
                        <span className="batch-job-list__time">
                          {new Date(job.submittedAt).toLocaleString()}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {selected && (
            <JobDetail
              key={`${selected.jobId}-${environment.id}`}
              job={selected}
              context={selectedContext?.context}
              unavailableReason={selectedContext?.reason}
              watch={watches[selected.jobId]}
              focusOnMount={justSubmitted === selected.jobId}
              calls={calls[selected.jobId] ?? []}
              onCall={listenerFor(selected.jobId)}
              onRemove={() => {
                updateJobs((list) => removeJob(list, selected.jobId));
                setSelectedId(undefined);
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
