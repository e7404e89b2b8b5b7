import { useEffect, useRef, useState } from 'react';
import { formatElapsed } from '../../core/batch/batch-elapsed';
import { adviseOnFailure } from '../../core/batch/batch-failure-advice';
import { currentState, isJobDone, type StoredJob } from '../../core/batch/batch-job-list';
import { jobActions } from '../../core/batch/batch-job-state';
import { describeError } from '../../core/errors/describe-error';
import {
  cancelJob,
  startJob,
  type BesContext,
  type CallListener,
  type CallRecord,
} from './bes-calls';
import { HttpCallList } from './http-call-list';
import { JobResults } from './job-results';
import { JobStatusTimeline } from './job-status-timeline';
import type { WatchHandle } from './job-watcher';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function errorText(err: unknown): string {
  const described = describeError(err);
  return [described.message, described.hint].filter(Boolean).join(' ');
}

export function JobDetail({
  job,
  context,
  unavailableReason,
  watch,
  calls,
  onCall,
  onRemove,
  focusOnMount = false,
}: {
  job: StoredJob;
  /** Undefined when the job cannot be watched from here (see unavailableReason). */
  context: BesContext | undefined;
  unavailableReason?: string;
  /** The job's watcher, when it is being watched. */
  watch: WatchHandle | undefined;
  calls: CallRecord[];
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
  const [action, setAction] = useState<
    { status: 'idle' } | { status: 'busy'; what: string } | { status: 'error'; message: string }
  >({ status: 'idle' });

  /** Runs a job action; the job's status is then checked at once rather than at the next poll. */
  const run = async (what: string, call: (c: BesContext) => Promise<void>): Promise<void> => {
    if (!context) return;
    setAction({ status: 'busy', what });
    try {
      await call(context);
      setAction({ status: 'idle' });
      watch?.restart();
    } catch (err) {
      setAction({ status: 'error', message: errorText(err) });
    }
  };

  /** BES Delete on an ended job removes it from the service; then it leaves the list too. */
  const deleteJob = async (): Promise<void> => {
    if (!context) return;
    setAction({ status: 'busy', what: 'Deleting' });
    try {
      await cancelJob(context, job.jobId, onCall);
      onRemove();
    } catch (err) {
      setAction({ status: 'error', message: errorText(err) });
    }
  };

  const data = watch?.data;
  const outcome = data?.outcome;
  const latest = data?.lastStatus;
  const results = latest?.state === 'Finished' ? latest.results : [];
  const details = job.details ?? latest?.details ?? null;

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
            {job.workspace}/{job.service} · environment {job.environmentId}
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
            disabled={!context || action.status === 'busy'}
            onClick={() => void run('Starting', (c) => startJob(c, job.jobId, onCall))}
          >
            Start job
          </button>
        )}
        {actions.cancel && (
          <button
            type="button"
            className="button button--danger"
            disabled={!context || action.status === 'busy'}
            onClick={() => void run('Cancelling', (c) => cancelJob(c, job.jobId, onCall))}
          >
            Cancel job
          </button>
        )}
        {actions.delete && (
          <button
            type="button"
            className="button button--danger"
            disabled={!context || action.status === 'busy'}
            title="BES Delete: removes the job from the service, then from this list"
            onClick={() => void deleteJob()}
          >
            Delete job
          </button>
        )}
        <button type="button" className="button batch-button--quiet" onClick={onRemove}>
          Remove from list
        </button>
        {action.status === 'busy' && <span className="batch-muted">{action.what}…</span>}
      </div>
      {action.status === 'error' && (
        <p role="alert" className="batch-alert batch-alert--error">
          {action.message}
        </p>
      )}

      {context && !done && (
        <p className="batch-muted batch-job__watch" role="status">
          {outcome?.kind === 'network-error' || outcome?.kind === 'transient'
            ? null
            : !data
              ? 'Checking the status…'
              : data.lastStatus?.state === 'NotStarted'
                ? `Checked at ${new Date(data.checkedAt).toLocaleTimeString()}: not started. Watching begins when you start it.`
                : `Watching: checked at ${new Date(data.checkedAt).toLocaleTimeString()}${
                    data.nextDelayMs !== false
                      ? `, next check in ${formatElapsed(data.nextDelayMs)}`
                      : ''
                  }.`}
        </p>
      )}
      {context && !done && (outcome?.kind === 'network-error' || outcome?.kind === 'transient') && (
        <div role="alert" className="batch-alert batch-alert--warning">
          <p>
            <strong>Could not read the status.</strong> {outcome.message}
            {outcome.kind === 'network-error' && outcome.hint ? ` ${outcome.hint}` : ''}
          </p>
          <p>
            The job is kept; trying again in{' '}
            {data && data.nextDelayMs !== false ? formatElapsed(data.nextDelayMs) : 'a moment'}.{' '}
            <button
              type="button"
              className="button batch-button--quiet"
              onClick={() => watch?.restart()}
            >
              Check now
            </button>
          </p>
        </div>
      )}
      {outcome?.kind === 'rejected' && (!done || state === 'Finished') && (
        <div role="alert" className="batch-alert batch-alert--error">
          <p>
            <strong>Watching stopped.</strong> {outcome.message}
          </p>
          <button type="button" className="button" onClick={() => watch?.restart()}>
            Check again
          </button>
        </div>
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

      <HttpCallList calls={calls} title="HTTP calls for this job" />
    </section>
  );
}
