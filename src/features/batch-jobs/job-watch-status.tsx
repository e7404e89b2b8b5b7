import { formatElapsed } from '../../core/batch/batch-elapsed';
import { currentState, isJobDone, type StoredJob } from '../../core/batch/batch-job-list';
import type { WatchStep } from '../../core/batch/job-watch';
import { describeError } from '../../core/errors/describe-error';
import type { JobStatusData } from '../../queries/job-queries';

/** The problem of the last read, when it had one, in one sentence with what to do. */
function readProblem(outcome: JobStatusData['outcome']): string | undefined {
  if (outcome.kind === 'transient') return outcome.message;
  if (outcome.kind !== 'network-error') return undefined;
  const { message, hint } = describeError(outcome.error);
  return hint ? `${message} ${hint}` : message;
}

/** How watching a job goes: when it was last checked, when next, and why it stopped. */
export function JobWatchStatus({
  job,
  data,
  watch,
  restart,
}: {
  job: StoredJob;
  data: JobStatusData | undefined;
  watch: WatchStep | undefined;
  restart: () => void;
}) {
  const done = isJobDone(job);
  const outcome = data?.outcome;
  const problem = outcome ? readProblem(outcome) : undefined;
  const nextDelayMs = watch?.nextDelayMs ?? false;
  const checkedAt = data ? new Date(data.readAt).toLocaleTimeString() : '';

  return (
    <>
      {!done && (
        <p className="batch-muted batch-job__watch" role="status">
          {problem !== undefined
            ? null
            : !data
              ? 'Checking the status…'
              : data.lastStatus?.state === 'NotStarted'
                ? `Checked at ${checkedAt}: not started. Watching begins when you start it.`
                : `Watching: checked at ${checkedAt}${
                    nextDelayMs !== false ? `, next check in ${formatElapsed(nextDelayMs)}` : ''
                  }.`}
        </p>
      )}
      {!done && problem !== undefined && (
        <div role="alert" className="batch-alert batch-alert--warning">
          <p>
            <strong>Could not read the status.</strong> {problem}
          </p>
          <p>
            The job is kept; trying again in{' '}
            {nextDelayMs !== false ? formatElapsed(nextDelayMs) : 'a moment'}.{' '}
            <button type="button" className="button batch-button--quiet" onClick={restart}>
              Check now
            </button>
          </p>
        </div>
      )}
      {outcome?.kind === 'rejected' && (!done || currentState(job) === 'Finished') && (
        <div role="alert" className="batch-alert batch-alert--error">
          <p>
            <strong>Watching stopped.</strong> {outcome.message}
          </p>
          <button type="button" className="button" onClick={restart}>
            Check again
          </button>
        </div>
      )}
    </>
  );
}
