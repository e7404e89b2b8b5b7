import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import type { JobResultRef, JobStatus } from '../core/batch/batch-job-state';
import { resultBlobUrl } from '../core/batch/batch-job-state';
import { recordState, upsertJob } from '../core/batch/batch-job-list';
import { PREVIEW_BYTES, previewCsv } from '../core/batch/batch-result-preview';
import { readJobStatus, type BesContext, type JobStatusRead } from '../core/batch/bes-calls';
import { readBlobHead } from '../core/batch/blob-storage';
import type { JobStore } from '../core/batch/job-store';
import { WatchSchedule } from '../core/batch/job-watch';

/**
 * Query keys of the jobs domain. A key names what is read and where (environment, service,
 * job), never a credential or a SAS: those live in the query function's closure.
 */
export const jobKeys = {
  all: ['jobs'] as const,
  statuses: () => [...jobKeys.all, 'status'] as const,
  status: (where: { environmentId: string; workspace: string; service: string }, jobId: string) =>
    [...jobKeys.statuses(), where.environmentId, where.workspace, where.service, jobId] as const,
  resultHead: (jobId: string, result: JobResultRef) =>
    [...jobKeys.all, 'result-head', jobId, result.output, result.relativeLocation] as const,
};

export interface JobStatusData extends JobStatusRead {
  /** The last status that could be read, kept across transient failures. */
  lastStatus: JobStatus | undefined;
  readAt: number;
  /** The key's product rate-limit window when read (BesContext.rateWindowMs). */
  rateWindowMs?: number;
}

/** The backoff of every watched job: asked after each read, reset by Start and "Check now". */
export const jobWatchSchedule = new WatchSchedule();

export type JobStatusKey = ReturnType<typeof jobKeys.status>;

export function jobStatusKey(context: BesContext, jobId: string): JobStatusKey {
  return jobKeys.status(
    {
      environmentId: context.environment.id,
      workspace: context.workspace,
      service: context.service,
    },
    jobId,
  );
}

/**
 * BES Status of one job, read by the job list and the job panel from the same cache entry. The
 * query function only reads; the interval comes from jobWatchSchedule, and the job list is
 * updated where results are consumed (recordJobStatuses).
 */
export function jobStatusQuery(context: BesContext | undefined, jobId: string) {
  const queryKey: JobStatusKey = context
    ? jobStatusKey(context, jobId)
    : jobKeys.status({ environmentId: '', workspace: '', service: '' }, jobId);
  return queryOptions({
    queryKey,
    queryFn: context
      ? async ({ signal, client, queryKey: key }): Promise<JobStatusData> => {
          const previous = client.getQueryData<JobStatusData>(key);
          const read = await readJobStatus(context, jobId, { signal });
          return {
            ...read,
            lastStatus: read.outcome.kind === 'status' ? read.outcome.status : previous?.lastStatus,
            readAt: Date.now(),
            ...(context.rateWindowMs !== undefined ? { rateWindowMs: context.rateWindowMs } : {}),
          };
        }
      : skipToken,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      return jobWatchSchedule.after(query.queryHash, data.readAt, data.outcome, data.rateWindowMs)
        .nextDelayMs;
    },
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
    // Each read may spend quota (APIM Starter: 100 calls a week): opening a job's panel reads
    // what the list already polls; a job nobody watches is dropped and read afresh next time.
    refetchOnMount: false,
    gcTime: 0,
  });
}

/** Whether a cached query's key is one of jobKeys.status (a job's status read). */
function isJobStatusKey(key: unknown): key is JobStatusKey {
  const prefix = jobKeys.statuses();
  // The prefix, then environment, workspace, service and job id.
  if (!Array.isArray(key) || key.length !== prefix.length + 4) return false;
  const parts: readonly unknown[] = key;
  return (
    parts[0] === prefix[0] &&
    parts[1] === prefix[1] &&
    parts.slice(2).every((part) => typeof part === 'string')
  );
}

/**
 * Writes each status read into the job list (the timeline people see, kept across reloads).
 * Subscribed where the list is shown; returns the unsubscribe.
 */
export function recordJobStatuses(client: QueryClient, store: JobStore): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    // The cache's events type every query's key and data as any: the key says which query it is.
    const key: unknown = event.query.queryKey;
    if (!isJobStatusKey(key)) return;
    // A job status key is only ever used by jobStatusQuery, whose data is a JobStatusData.
    const data = event.action.data as JobStatusData;
    if (data.outcome.kind !== 'status') return;
    const jobId = key[5];
    const { state, details } = data.outcome.status;
    store.update((list) => {
      const job = list.find((j) => j.jobId === jobId);
      if (!job) return list;
      const next = recordState(job, state, data.readAt, details);
      return next === job ? list : upsertJob(list, next);
    });
  });
}

/** The first rows of a result blob. The SAS is left out of the key: it changes with every status call, the blob does not. */
export function resultHeadQuery(jobId: string, result: JobResultRef) {
  return queryOptions({
    queryKey: jobKeys.resultHead(jobId, result),
    queryFn: async ({ signal }) => {
      const head = await readBlobHead(resultBlobUrl(result), PREVIEW_BYTES, signal);
      return { ...previewCsv(head.bytes, head.totalSize), totalSize: head.totalSize };
    },
    retry: false,
    staleTime: Infinity,
  });
}
