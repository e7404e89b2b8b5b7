import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BesContext } from '../../core/batch/bes-calls';
import type { WatchStep } from '../../core/batch/job-watch';
import { jobStatusQuery, jobWatchSchedule, type JobStatusData } from '../../queries/job-queries';

export interface JobStatusView {
  data: JobStatusData | undefined;
  /** When the next read is due, for the "next check in..." line; undefined before the first. */
  watch: WatchStep | undefined;
  /** Read now and start the backoff over (after Start, or "Check now"). */
  restart: () => void;
}

/** A job's status from the shared cache entry; polling while `enabled`. */
export function useJobStatus(
  context: BesContext | undefined,
  jobId: string,
  enabled: boolean,
): JobStatusView {
  const client = useQueryClient();
  const options = jobStatusQuery(context, jobId);
  const { data } = useQuery({ ...options, enabled });
  const hash = hashKey(options.queryKey);
  const restart = useCallback(() => {
    jobWatchSchedule.reset(hash);
    void client.refetchQueries({ predicate: (query) => query.queryHash === hash });
  }, [client, hash]);
  return {
    data,
    watch: data
      ? jobWatchSchedule.after(hash, data.readAt, data.outcome, data.rateWindowMs)
      : undefined,
    restart,
  };
}
