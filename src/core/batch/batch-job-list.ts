/**
 * The jobs a user has submitted from this browser, kept in localStorage so that a reload
 * loses nothing and watching resumes. Only what identifies a job and what was observed is
 * kept: never a key, never a SAS (parseStoredJobs rebuilds each entry field by field, so
 * nothing else can leak in or out).
 */
import { formatElapsed } from './batch-elapsed';
import { isTerminalState, parseJobState, type JobState } from './batch-job-state';

export const JOB_LIST_STORAGE_KEY = 'portico.batch-jobs.v1';
export const MAX_STORED_JOBS = 50;

export interface TimelineEntry {
  state: JobState;
  /** Client-observed time (ms since epoch): the service reports no timestamps. */
  at: number;
  /**
   * The last read that still saw this state. Between it and the next entry nobody looked (a
   * paced or throttled watch): that wait is not the job's.
   */
  lastSeenAt?: number;
}

export interface StoredJob {
  jobId: string;
  apiId: string;
  environmentId: string;
  /** Path parameters the job's calls use. */
  workspace: string;
  service: string;
  /** Input file name as chosen, for people (not a location). */
  fileName?: string;
  /** RelativeLocations, without SAS. */
  inputs: string[];
  outputs: string[];
  submittedAt: number;
  timeline: TimelineEntry[];
  /** The service's Details when the job failed. */
  details?: string;
}

export function currentState(job: StoredJob): JobState {
  return job.timeline.at(-1)?.state ?? 'NotStarted';
}

export function isJobDone(job: StoredJob): boolean {
  return isTerminalState(currentState(job));
}

/**
 * Appends the state when it differs from the last one (a repeat moves the last one's
 * lastSeenAt); a terminal state is final.
 */
export function recordState(
  job: StoredJob,
  state: JobState,
  at: number,
  details?: string | null,
): StoredJob {
  const last = job.timeline.at(-1);
  if (last && (last.state === state || isTerminalState(last.state))) {
    let next = job;
    if (last.state === state && !isTerminalState(state) && at > (last.lastSeenAt ?? last.at)) {
      next = { ...job, timeline: [...job.timeline.slice(0, -1), { ...last, lastSeenAt: at }] };
    }
    if (details && !job.details && last.state === state) return { ...next, details };
    return next;
  }
  const next: StoredJob = { ...job, timeline: [...job.timeline, { state, at }] };
  if (details) next.details = details;
  return next;
}

/**
 * What the job memory keeps of a job just submitted, wherever it was submitted (the Batch jobs
 * view or the BES Submit operation): its place, its files, and NotStarted as of `at`.
 */
export function submittedJob(
  job: Omit<StoredJob, 'submittedAt' | 'timeline' | 'details'>,
  at: number,
): StoredJob {
  return { ...job, submittedAt: at, timeline: [{ state: 'NotStarted', at }] };
}

/** Newest first; replaces an entry with the same job id; keeps at most MAX_STORED_JOBS. */
export function upsertJob(list: readonly StoredJob[], job: StoredJob): StoredJob[] {
  const others = list.filter((j) => j.jobId !== job.jobId);
  return [job, ...others].sort((a, b) => b.submittedAt - a.submittedAt).slice(0, MAX_STORED_JOBS);
}

export function removeJob(list: readonly StoredJob[], jobId: string): StoredJob[] {
  return list.filter((j) => j.jobId !== jobId);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parseEntry(value: unknown): StoredJob | undefined {
  if (!isRecord(value)) return undefined;
  const { jobId, apiId, environmentId, workspace, service, submittedAt } = value;
  if (
    typeof jobId !== 'string' ||
    !/^[A-Za-z0-9-]{1,64}$/.test(jobId) ||
    typeof apiId !== 'string' ||
    typeof environmentId !== 'string' ||
    typeof workspace !== 'string' ||
    typeof service !== 'string' ||
    typeof submittedAt !== 'number'
  ) {
    return undefined;
  }
  const timeline: TimelineEntry[] = [];
  if (Array.isArray(value.timeline)) {
    for (const entry of value.timeline) {
      if (!isRecord(entry) || typeof entry.at !== 'number') continue;
      const state = parseJobState(entry.state);
      if (!state) continue;
      timeline.push(
        typeof entry.lastSeenAt === 'number'
          ? { state, at: entry.at, lastSeenAt: entry.lastSeenAt }
          : { state, at: entry.at },
      );
    }
  }
  const job: StoredJob = {
    jobId,
    apiId,
    environmentId,
    workspace,
    service,
    inputs: strings(value.inputs),
    outputs: strings(value.outputs),
    submittedAt,
    timeline,
  };
  if (typeof value.fileName === 'string') job.fileName = value.fileName;
  if (typeof value.details === 'string') job.details = value.details;
  return job;
}

/** Reads what serializeJobs wrote; anything unreadable is dropped, never thrown. */
export function parseStoredJobs(text: string | null): StoredJob[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const entries = isRecord(value) && Array.isArray(value.jobs) ? value.jobs : [];
  return entries.flatMap((e) => {
    const job = parseEntry(e);
    return job ? [job] : [];
  });
}

export function serializeJobs(list: readonly StoredJob[]): string {
  // Re-parsing each entry strips any field that is not part of StoredJob.
  const jobs = list.flatMap((j) => {
    const clean = parseEntry(j);
    return clean ? [clean] : [];
  });
  return JSON.stringify({ version: 1, jobs });
}

// Reads closer together than this are ordinary watching: the stay is then simply the gap.
const UNWATCHED_MS = 2000;

/**
 * How long the job stayed in `entry`, for the timeline: "took 5.0 s", "for 12 s" while it lasts,
 * or, when nobody looked for a while before the next state was seen (a paced or throttled
 * watch), the range it can have taken and the unwatched time, so that wait is never reported
 * as the job's. Undefined for an end state.
 */
export function stayText(
  entry: TimelineEntry,
  next: TimelineEntry | undefined,
  now: number,
): string | undefined {
  if (!next)
    return isTerminalState(entry.state) ? undefined : `for ${formatElapsed(now - entry.at)}`;
  const seen = entry.lastSeenAt ?? entry.at;
  const unwatched = next.at - seen;
  if (unwatched <= UNWATCHED_MS) return `took ${formatElapsed(next.at - entry.at)}`;
  return `took ${formatElapsed(seen - entry.at)}–${formatElapsed(next.at - entry.at)} (not checked for ${formatElapsed(unwatched)})`;
}
