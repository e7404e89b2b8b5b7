import { formatElapsed } from '../../core/batch/batch-elapsed';
import { stayText, type TimelineEntry } from '../../core/batch/batch-job-list';

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
 * job stayed in it, apart from any time nobody checked.
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
        const stayed = stayText(entry, next, now);
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
            {stayed !== undefined && <span className="batch-timeline__stayed">{stayed}</span>}
          </li>
        );
      })}
    </ol>
  );
}
