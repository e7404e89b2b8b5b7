/**
 * Azure ML batch endpoints from the browser: invoke (`POST <scoringUri>/jobs`... see below) and
 * poll a job, with an Entra ID bearer token for https://ml.azure.com. Each call is one
 * HttpRequest, sent and reported through sendRecorded like the BES calls, so the Batch jobs
 * view shows both flows' calls in one panel. docs/reference/azureml-batch-endpoints.md.
 */
import type { HttpRequest } from '../request/http-request';
import { sendRequest, type HttpResponse } from '../request/send-request';
import { BesCallError } from './bes-call-error';
import {
  besFailure,
  sendRecorded,
  type CallListener,
  type CallRecord,
  type SendOptions,
} from './bes-calls';

export const BATCH_INVOKE_LABEL = 'Batch endpoint invoke';
export const BATCH_JOB_LABEL = 'Batch endpoint job';
/** The file an MLflow batch deployment writes into its output folder. */
export const PREDICTIONS_FILE = 'predictions.csv';
export const BATCH_ENDPOINT_STATES = [
  'NotStarted',
  'Queued',
  'Preparing',
  'Running',
  'Completed',
  'Failed',
  'Canceled',
] as const;
export type BatchEndpointState = (typeof BATCH_ENDPOINT_STATES)[number];

export function isBatchEndpointTerminal(state: BatchEndpointState): boolean {
  return state === 'Completed' || state === 'Failed' || state === 'Canceled';
}

export interface BatchInvokeInput {
  /** The endpoint's scoring URI, e.g. https://<endpoint>.<region>.inference.ml.azure.com/jobs. */
  jobsUrl: string;
  token: string;
  inputUri: string;
  inputKind: 'UriFile' | 'UriFolder';
  /** The output folder; absent: the endpoint's default. */
  outputFolderUri?: string;
  /** `azureml-model-deployment`; absent: the endpoint's default deployment. */
  deployment?: string;
  /** `repeatability-request-id`: a retry of the same invoke gets the same job. */
  requestId: string;
}

/** A job as the portal reads it from the job resource. */
export interface BatchEndpointJob {
  name: string;
  state: BatchEndpointState;
  deployment: string | null;
  /** The output folder (no SAS) and its name, where predictions.csv is written. */
  outputName: string;
  outputFolder: string | null;
  error: string | null;
}

/** `.../jobs` whether the user pasted the scoring URI with or without it. */
export function jobsUrlOf(scoringUri: string): string {
  const trimmed = scoringUri.trim().replace(/\/+$/, '');
  return /\/jobs$/i.test(trimmed) ? trimmed : `${trimmed}/jobs`;
}

function bearer(token: string) {
  return { name: 'Authorization', value: `Bearer ${token.trim()}`, secret: true } as const;
}

/** The invoke body in the documented PascalCase, one input and (optionally) one output. */
export function buildInvokeRequest(input: BatchInvokeInput): HttpRequest {
  const body = {
    properties: {
      InputData: { input: { JobInputType: input.inputKind, Uri: input.inputUri } },
      ...(input.outputFolderUri
        ? { OutputData: { score: { JobOutputType: 'UriFolder', Uri: input.outputFolderUri } } }
        : {}),
    },
  };
  return {
    method: 'POST',
    url: input.jobsUrl,
    headers: [
      bearer(input.token),
      { name: 'Content-Type', value: 'application/json' },
      { name: 'repeatability-request-id', value: input.requestId },
      ...(input.deployment?.trim()
        ? [{ name: 'azureml-model-deployment', value: input.deployment.trim() }]
        : []),
    ],
    body: JSON.stringify(body, null, 2),
  };
}

export function jobRequest(jobsUrl: string, name: string, token: string): HttpRequest {
  return {
    method: 'GET',
    url: `${jobsUrl}/${encodeURIComponent(name)}`,
    headers: [bearer(token)],
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Reads a job resource (`{ name, properties: { status, outputData, error } }`). */
export function parseBatchJob(value: unknown): BatchEndpointJob {
  const job = record(value);
  const properties = record(job?.properties);
  const name = job?.name;
  const status = properties?.status;
  if (typeof name !== 'string' || name === '' || typeof status !== 'string') {
    throw new Error('The answer is not a job resource (it has no "name" and "properties.status").');
  }
  const state = BATCH_ENDPOINT_STATES.find((s) => s.toLowerCase() === status.toLowerCase());
  if (!state) throw new Error(`The job reports an unknown status "${status}".`);
  const outputs = Object.entries(record(properties?.outputData) ?? {});
  const [outputName, output] = outputs[0] ?? ['score', undefined];
  const uri = record(output)?.uri;
  const error = record(properties?.error);
  const deployment = properties?.deploymentName;
  return {
    name,
    state,
    deployment: typeof deployment === 'string' ? deployment : null,
    outputName,
    outputFolder: typeof uri === 'string' ? uri : null,
    error: error && typeof error.message === 'string' ? error.message : null,
  };
}

function readJob(label: string, response: HttpResponse): BatchEndpointJob {
  if (response.status < 200 || response.status > 299) throw besFailure(label, response);
  try {
    return parseBatchJob(JSON.parse(new TextDecoder().decode(response.body)));
  } catch (error) {
    throw new BesCallError(
      label,
      `${label} answered ${response.status}, but: ${(error as Error).message}`,
      response.status,
      response,
    );
  }
}

export async function invokeBatchEndpoint(
  input: BatchInvokeInput,
  listener: CallListener,
  options?: SendOptions,
): Promise<BatchEndpointJob> {
  const request = buildInvokeRequest(input);
  const response = await sendRecorded(BATCH_INVOKE_LABEL, request, request, listener, options);
  return readJob(BATCH_INVOKE_LABEL, response);
}

/** One read of a job and the call that made it: no listener, so a query function can use it. */
export interface BatchJobRead {
  job: BatchEndpointJob;
  call: CallRecord;
}

let pollCounter = 0;

/** GET <jobs>/<name>; a refusal or an unreadable answer is thrown (a BesCallError). */
export async function pollBatchJob(
  jobsUrl: string,
  name: string,
  token: string,
  options: SendOptions = {},
): Promise<BatchJobRead> {
  pollCounter += 1;
  const request = jobRequest(jobsUrl, name, token);
  const response = await sendRequest(request, { ...options, timeoutMs: 30_000 });
  const call: CallRecord = {
    id: `batch-poll-${pollCounter}`,
    label: BATCH_JOB_LABEL,
    request,
    state: { status: 'success', response },
    at: Date.now(),
  };
  return { job: readJob(BATCH_JOB_LABEL, response), call };
}

/** Where predictions.csv of a job is, in the container the SAS opens, or undefined if elsewhere. */
export function predictionsInContainer(
  outputFolder: string,
  containerUrl: string,
): { relativeLocation: string; baseLocation: string } | undefined {
  const folder = outputFolder.endsWith('/') ? outputFolder : `${outputFolder}/`;
  const container = containerUrl.replace(/\/+$/, '');
  if (!folder.startsWith(`${container}/`)) return undefined;
  const slash = container.lastIndexOf('/');
  return {
    baseLocation: container.slice(0, slash + 1),
    relativeLocation: `${container.slice(slash + 1)}/${decodeURIComponent(folder.slice(container.length + 1))}${PREDICTIONS_FILE}`,
  };
}
