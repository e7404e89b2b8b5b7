import { parseBlobReference, type BlobReference, type ResultLocation } from './blob-refs';
import { ServiceError, echo } from './errors';
import type { HashingSettings } from './feature-hashing';
import { BIT_SIZE_PARAMETER, parseGlobalParameters } from './hashing-parameters';
import { INPUT_NAME, OUTPUT_NAME } from './score';

export const JOB_STATUSES = ['NotStarted', 'Running', 'Failed', 'Cancelled', 'Finished'] as const;
export type JobStatusCode = (typeof JOB_STATUSES)[number];

/**
 * A batch job writes one CSV row per input row, 2^k + 1 cells wide: 16 bits (65,537 columns)
 * keeps a row's memory bounded while streaming.
 */
export const MAX_BATCH_BIT_SIZE = 16;

/** A job as it is persisted (JSON blob). References are kept as submitted and re-parsed. */
export interface StoredJob {
  id: string;
  status: JobStatusCode;
  settings: HashingSettings;
  input: unknown;
  /** null: the service's own default result location. */
  output: unknown;
  submittedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** How many times a run began; a restart mid-run resumes until the limit. */
  attempts: number;
  rowsProcessed: number;
  details: string | null;
  results: Record<string, ResultLocation> | null;
}

/** The documented status body: StatusCode, Results (null until Finished), Details. */
export interface JobStatusBody {
  StatusCode: JobStatusCode;
  Results: Record<string, ResultLocation> | null;
  Details: string | null;
}

export interface SubmitRequest {
  input: unknown;
  output: unknown;
  settings: HashingSettings;
}

export function isJobId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/** Checks a reference beyond its form (e.g. that its storage is trusted); throws to refuse it. */
export type AcceptReference = (ref: BlobReference, field: string) => void;

/** Validates a BES submit body (`Inputs`, or the legacy single `Input`). */
export function parseSubmitBody(body: unknown, accept: AcceptReference = () => {}): SubmitRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      'The request body must be a JSON object with "Inputs", "Outputs" and "GlobalParameters".',
    );
  }
  const request = body as Record<string, unknown>;
  if (request.Inputs !== undefined && request.Input !== undefined) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      'Send either "Inputs" or the older single "Input", not both.',
    );
  }
  let input: unknown;
  if (request.Input !== undefined && request.Input !== null) {
    input = request.Input;
    accept(parseBlobReference(input, 'Input'), 'Input');
  } else {
    const inputs = readNamedReferences(request.Inputs, 'Inputs', INPUT_NAME, accept);
    if (inputs === undefined) {
      throw new ServiceError(
        'BadArgument',
        'BatchJobInputsNotSpecified',
        `The job has no input. Send "Inputs": {"${INPUT_NAME}": {"ConnectionString": "...", "RelativeLocation": "/container/input.csv"}}.`,
      );
    }
    input = inputs;
  }
  const output = readNamedReferences(request.Outputs, 'Outputs', OUTPUT_NAME, accept) ?? null;

  const settings = parseGlobalParameters(request.GlobalParameters);
  if (settings.bitSize > MAX_BATCH_BIT_SIZE) {
    throw new ServiceError(
      'BadArgument',
      'BadParameterValue',
      `Global parameter '${BIT_SIZE_PARAMETER}' can be at most ${MAX_BATCH_BIT_SIZE} for a batch job of this demo service (2^${MAX_BATCH_BIT_SIZE} columns per row); got ${settings.bitSize}.`,
    );
  }
  return { input, output, settings };
}

/** Returns the single named reference, validated; undefined when the section is absent or empty. */
function readNamedReferences(
  section: unknown,
  field: string,
  name: string,
  accept: AcceptReference,
): unknown {
  if (section === undefined || section === null) return undefined;
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      `"${field}" must be a JSON object keyed by name.`,
    );
  }
  const entries = Object.entries(section as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  for (const [key] of entries) {
    if (key !== name) {
      throw new ServiceError(
        'BadArgument',
        'UnexpectedParameter',
        `Unexpected name '${echo(key)}' in "${field}". This web service has one, '${name}'.`,
      );
    }
  }
  const ref = (section as Record<string, unknown>)[name];
  accept(parseBlobReference(ref, `${field}.${name}`), `${field}.${name}`);
  return ref;
}

export function inputReference(job: StoredJob): BlobReference {
  return parseBlobReference(job.input, 'Inputs.input1');
}

export function toStatusBody(job: StoredJob): JobStatusBody {
  return { StatusCode: job.status, Results: job.results, Details: job.details };
}
