import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { adviseOnFailure } from '../../core/batch/batch-failure-advice';
import { currentState, isJobDone, type StoredJob } from '../../core/batch/batch-job-list';
import { jobActions } from '../../core/batch/batch-job-state';
import {
  runJobStep,
  type BesContext,
  type CallListener,
  type CallRecord,
} from '../../core/batch/bes-calls';
import { ErrorMessage } from '../../components/error-message';
import { HttpCallList } from '../../components/http-call-list';
import type { ResponseCheckTarget } from '../../components/response/response-check-summary';
import { JobResults } from './job-results';
import { JobStatusTimeline } from './job-status-timeline';
import { JobWatchStatus } from './job-watch-status';
import { useJobStatus } from './use-job-status';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

type JobAction = 'start' | 'cancel' | 'delete';

const BUSY: Record<JobAction, string> = {
  start: 'Starting',
  cancel: 'Cancelling',
  delete: 'Deleting',
};

export function JobDetail({
  job,
  context,
  environmentLabel,
  unavailableReason,
  calls,
  checkOf,
  onCall,
  onRemove,
  focusOnMount = false,
}: {
  job: StoredJob;
  /** Undefined when the job cannot be watched from here (see unavailableReason). */
  context: BesContext | undefined;
  /** The name of the environment the job was submitted in, as shown (quoted). */
  environmentLabel: string;
  unavailableReason?: string;
  /** The calls this job's actions made (its status reads come with the status). */
  calls: CallRecord[];
  /** What each call's response is checked against (see callCheckTargets). */
  checkOf?: (record: CallRecord) => ResponseCheckTarget | undefined;
  onCall: CallListener;
  onRemove: () => void;
  /** Just submitted: bring the panel into view (it may be far below on a phone). */
  focusOnMount?: boolean;
}) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusOnMount) return;
    panel.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, [focusOnMount]);
  const state = currentState(job);
  const done = isJobDone(job);
  const actions = jobActions(state);
  const now = useNow(!done);
  // A finished job is read once more for its results (they come with its status).
  const status = useJobStatus(context, job.jobId, !done || state === 'Finished');

  const action = useMutation({
    mutationFn: async (what: JobAction) => {
      if (!context) return;
      await runJobStep(context, what === 'start' ? 'start' : 'delete', job.jobId, onCall);
    },
    // The status is checked at once rather than at the next poll; BES Delete on an ended job
    // removes it from the service, so it leaves the list too.
    onSuccess: (_, what) => (what === 'delete' ? onRemove() : status.restart()),
  });

  const latest = status.data?.lastStatus;
  const results = latest?.state === 'Finished' ? latest.results : [];
  const details = job.details ?? latest?.details ?? null;
  const statusCall = status.data?.call;
  const busy = !context || action.isPending;

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="batch-card batch-job"
      aria-label={`Job ${job.jobId}`}
    >
      <header className="batch-job__header">
        <div>
          <h3 className="batch-job__title">
            Job <code>{job.jobId}</code>
          </h3>
          <p className="batch-muted batch-job__meta">
            {job.fileName ? `${job.fileName} · ` : ''}
            {job.workspace}/{job.service} · environment {environmentLabel}
          </p>
        </div>
        <span className={`batch-badge batch-state--${state}`}>
          <span className="visually-hidden">State: </span>
          {state}
        </span>
      </header>

      {unavailableReason && (
        <p className="batch-alert batch-alert--warning" role="status">
          {unavailableReason}
        </p>
      )}

      <JobStatusTimeline timeline={job.timeline} submittedAt={job.submittedAt} now={now} />

      <div className="batch-job__actions">
        {actions.start && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => action.mutate('start')}
          >
            Start job
          </button>
        )}
        {actions.cancel && (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => action.mutate('cancel')}
          >
            Cancel job
          </button>
        )}
        {actions.delete && (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            title="BES Delete: removes the job from the service, then from this list"
            onClick={() => action.mutate('delete')}
          >
            Delete job
          </button>
        )}
        <button type="button" className="button batch-button--quiet" onClick={onRemove}>
          Remove from list
        </button>
        {action.isPending && <span className="batch-muted">{BUSY[action.variables]}…</span>}
      </div>
      {action.isError && <ErrorMessage error={action.error} />}

      {context && (
        <JobWatchStatus
          job={job}
          data={status.data}
          watch={status.watch}
          restart={status.restart}
        />
      )}

      {state === 'Failed' && (
        <div role="alert" className="batch-alert batch-alert--error batch-failure">
          <h4>Job failed</h4>
          <p className="batch-failure__label">Details from the service:</p>
          <pre className="batch-failure__details">{details ?? '(the service gave no details)'}</pre>
          <p>
            <strong>What to do: </strong>
            {adviseOnFailure(details)}
          </p>
        </div>
      )}
      {state === 'Cancelled' && (
        <p className="batch-muted">The job was cancelled; it wrote no results.</p>
      )}
      {state === 'Finished' &&
        (latest ? (
          <JobResults jobId={job.jobId} results={results} />
        ) : (
          context && <p className="batch-muted">Reading the results…</p>
        ))}

      <HttpCallList
        calls={statusCall ? [...calls, statusCall] : calls}
        title="HTTP calls for this job"
        {...(checkOf ? { checkOf } : {})}
      />
    </section>
  );
}
