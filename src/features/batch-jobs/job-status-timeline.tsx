import { formatElapsed } from '../../core/batch/batch-elapsed';
import type { TimelineEntry } from '../../core/batch/batch-job-list';
import { isTerminalState } from '../../core/batch/batch-job-state';

const STATE_LABELS: Record<TimelineEntry['state'], string> = {
  NotStarted: 'Submitted (NotStarted)',
  Running: 'Running',
  Failed: 'Failed',
  Cancelled: 'Cancelled',
  Finished: 'Finished',
};

/**
 * Each state the job was seen in, when it was first seen (the service reports no times, so
 * these are the browser's observations), the elapsed time since submit, and how long the
 * job stayed in it.
 */
export function JobStatusTimeline({
  timeline,
  submittedAt,
  now,
}: {
  timeline: TimelineEntry[];
  submittedAt: number;
  now: number;
}) {
  return (
    <ol className="batch-timeline" aria-label="Job status timeline">
      {timeline.map((entry, index) => {
        const next = timeline[index + 1];
        const terminal = isTerminalState(entry.state);
        const stayed = next ? next.at - entry.at : terminal ? undefined : now - entry.at;
        return (
          <li
            key={`${entry.state}-${entry.at}`}
            className={`batch-timeline__entry batch-state--${entry.state}${next ? '' : ' batch-timeline__entry--current'}`}
          >
            <span className="batch-timeline__dot" aria-hidden="true" />
            <span className="batch-timeline__state">{STATE_LABELS[entry.state]}</span>
            <time className="batch-timeline__time" dateTime={new Date(entry.at).toISOString()}>
              {new Date(entry.at).toLocaleTimeString()}
            </time>
            <span className="batch-timeline__elapsed">
              +{formatElapsed(entry.at - submittedAt)}
            </span>
            {stayed !== undefined && (
              <span className="batch-timeline__stayed">
                {next ? `took ${formatElapsed(stayed)}` : `for ${formatElapsed(stayed)}`}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
