import { currentState, isJobDone, type StoredJob } from '../../core/batch/batch-job-list';
import type { BesContext } from '../../core/batch/bes-calls';
import { useJobStatus } from './use-job-status';

function JobListItem({
  job,
  context,
  selected,
  onSelect,
}: {
  job: StoredJob;
  context: BesContext | undefined;
  selected: boolean;
  onSelect: () => void;
}) {
  // Every unfinished job in the list is watched, whether or not its panel is open; each read
  // lands in the job's timeline, which the badge shows.
  useJobStatus(context, job.jobId, !isJobDone(job));
  const state = currentState(job);
  return (
    <li>
      <button
        type="button"
        className={`batch-job-list__item${selected ? ' batch-job-list__item--selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
      >
        <span className="batch-job-list__name">{job.fileName ?? job.jobId}</span>
        <code className="batch-job-list__id">{job.jobId.slice(0, 12)}…</code>
        <span className={`batch-badge batch-state--${state}`}>{state}</span>
        <span className="batch-job-list__time">{new Date(job.submittedAt).toLocaleString()}</span>
      </button>
    </li>
  );
}

/** The jobs of this API, newest first; choosing one opens its panel. */
export function JobList({
  jobs,
  selectedId,
  contextFor,
  onSelect,
}: {
  jobs: StoredJob[];
  selectedId: string | undefined;
  contextFor: (job: StoredJob) => BesContext | undefined;
  onSelect: (jobId: string) => void;
}) {
  return (
    <section className="batch-card" aria-labelledby="batch-jobs-list-title">
      <h2 id="batch-jobs-list-title" className="batch-card__title">
        Jobs
      </h2>
      {jobs.length === 0 ? (
        <p className="batch-muted">
          No jobs yet. Submitted jobs are listed here and kept across reloads.
        </p>
      ) : (
        <ul className="batch-job-list" aria-label="Jobs">
          {jobs.map((job) => (
            <JobListItem
              key={`${job.jobId}-${job.environmentId}`}
              job={job}
              context={contextFor(job)}
              selected={job.jobId === selectedId}
              onSelect={() => onSelect(job.jobId)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
