/**
 * The BES job state machine and the status body, as the classic Azure ML web service sends
 * them (docs/reference/azureml-web-service.md). Clients in the wild accept the numbers 0-4
 * as well as the names, so we do too.
 */

export const JOB_STATES = ['NotStarted', 'Running', 'Failed', 'Cancelled', 'Finished'] as const;

export type JobState = (typeof JOB_STATES)[number];

const TERMINAL: ReadonlySet<JobState> = new Set<JobState>(['Failed', 'Cancelled', 'Finished']);

export function isTerminalState(state: JobState): boolean {
  return TERMINAL.has(state);
}

/** A name (any letter case) or a number 0-4 (also as a numeric string); undefined otherwise. */
export function parseJobState(value: unknown): JobState | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? JOB_STATES[value] : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^[0-4]$/.test(trimmed)) return JOB_STATES[Number(trimmed)];
  const lower = trimmed.toLowerCase();
  return JOB_STATES.find((s) => s.toLowerCase() === lower);
}

/** Where a result blob can be read: BaseLocation + RelativeLocation + SasBlobToken. */
export interface JobResultRef {
  output: string;
  baseLocation: string;
  relativeLocation: string;
  sasBlobToken: string;
}

export interface JobStatus {
  state: JobState;
  results: JobResultRef[];
  details: string | null;
}

export class JobStatusError extends Error {
  override name = 'JobStatusError';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function optionalString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The service sends Details as text; some gateways wrap it in an object, so keep what we can. */
function detailsText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return JSON.stringify(value);
}

/** Parses a BES Status body (already JSON-decoded). Throws JobStatusError naming what is wrong. */
export function parseJobStatus(body: unknown): JobStatus {
  const record = asRecord(body);
  if (!record) throw new JobStatusError('The status response is not a JSON object.');
  if (!('StatusCode' in record)) {
    throw new JobStatusError('The status response has no "StatusCode" field.');
  }
  const state = parseJobState(record.StatusCode);
  if (!state) {
    throw new JobStatusError(
      `The status response has an unknown StatusCode ${JSON.stringify(record.StatusCode)}.`,
    );
  }
  const results: JobResultRef[] = [];
  const rawResults = asRecord(record.Results);
  if (rawResults) {
    for (const [output, ref] of Object.entries(rawResults)) {
      const r = asRecord(ref);
      if (!r) continue;
      results.push({
        output,
        baseLocation: optionalString(r.BaseLocation),
        relativeLocation: optionalString(r.RelativeLocation),
        sasBlobToken: optionalString(r.SasBlobToken),
      });
    }
  }
  return { state, results, details: detailsText(record.Details) };
}

/**
 * The URL a result blob is read from. BaseLocation may or may not end in "/" and
 * RelativeLocation may or may not start with one; the SAS may or may not start with "?".
 */
export function resultBlobUrl(
  ref: Pick<JobResultRef, 'baseLocation' | 'relativeLocation' | 'sasBlobToken'>,
): string {
  const base = ref.baseLocation.replace(/\/+$/, '');
  const relative = ref.relativeLocation.replace(/^\/+/, '');
  const sas =
    ref.sasBlobToken === '' || ref.sasBlobToken.startsWith('?')
      ? ref.sasBlobToken
      : `?${ref.sasBlobToken}`;
  return `${base}/${relative}${sas}`;
}

/** What a user may do with a job in a given state (the service refuses the rest). */
export function jobActions(state: JobState): { start: boolean; cancel: boolean; delete: boolean } {
  const terminal = isTerminalState(state);
  return { start: state === 'NotStarted', cancel: !terminal, delete: terminal };
}
