import { rememberJobId } from './try-it-values';

const JOB_IDS_KEY = 'portico.job-ids.v1';

/** sessionStorage can be blocked (privacy modes, sandboxed frames): then nothing was saved. */
export function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeSession(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage full or blocked: the values still live in the form for this visit.
  }
}

/** Job ids this tab's BES submissions returned, newest first; junk in storage reads as none. */
export function readJobIds(apiId: string): string[] {
  try {
    const v: unknown = JSON.parse(readSession(`${JOB_IDS_KEY}.${apiId}`) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds a returned job id to the front of the saved list and gives back the new list. */
export function saveJobId(apiId: string, previous: string[], jobId: string): string[] {
  const next = rememberJobId(previous, jobId);
  writeSession(`${JOB_IDS_KEY}.${apiId}`, JSON.stringify(next));
  return next;
}
