import { formatWait, remainingText } from '../../core/response/rate-limit';
import { useSecondsUntil } from '../../components/response/use-retry-wait';
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
  const nextAt = data && nextDelayMs !== false ? data.readAt + nextDelayMs : undefined;
  const secondsLeft = useSecondsUntil(nextAt);
  const remaining = outcome && outcome.kind !== 'network-error' ? outcome.remaining : undefined;
  // A live countdown: a wait of a minute that never moves reads as a hang.
  const countdown = (
    <span role="timer" aria-label="Time until the next check">
      {formatWait(secondsLeft)}
    </span>
  );

  return (
    <>
      {!done && (
        <p className="batch-muted batch-job__watch" role="status">
          {problem !== undefined ? null : !data ? (
            'Checking the status…'
          ) : data.lastStatus?.state === 'NotStarted' ? (
            `Checked at ${checkedAt}: not started. Watching begins when you start it.`
          ) : (
            <>
              Watching: checked at {checkedAt}
              {remaining !== undefined && ` (${remainingText(remaining)})`}
              {nextAt !== undefined && (
                <>
                  , next check in {countdown}
                  {watch?.step.reason === 'budget' &&
                    ', spread over the rate-limit window so no check is refused'}
                </>
              )}
              .
            </>
          )}
        </p>
      )}
      {!done && problem !== undefined && (
        <div role="alert" className="batch-alert batch-alert--warning">
          <p>
            <strong>Could not read the status.</strong> {problem}
          </p>
          <p>
            The job is kept; trying again in {nextAt !== undefined ? countdown : 'a moment'}.{' '}
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
