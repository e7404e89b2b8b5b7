/**
 * The BES protocol: the four BES calls and the demo SAS call, each built with buildRequest (or,
 * for the demo-only SAS endpoint that no definition describes, as the same HttpRequest shape),
 * sent with sendRequest, and their answers read into plain values or typed errors. Every call is
 * also reported as a CallRecord so a view can show it in the same panels as the console.
 */
import type { ApiDefinition } from '../definition/api-model';
import type { BesOperations, BesStep } from './batch-operations';
import { stepValues } from './bes-step-values';
import { parseJobStatus, type JobStatus } from './batch-job-state';
import { buildRequest, type HttpRequest } from '../request/build-request';
import type { Environment } from '../config/portal-config';
import { summarizeErrorBody } from '../response/response-error-summary';
import { sendRequest, type HttpResponse } from '../request/send-request';
import { headerValue } from '../util/header-lookup';
import { BesCallError } from './bes-call-error';
import { demoSasEndpointUrl } from './demo-sas-endpoint';
import { isTemporaryRefusal } from './batch-poll-policy';
import { readRateLimit } from '../response/rate-limit';
import type { CallState } from '../response/response-state';

export interface CallRecord {
  id: string;
  label: string;
  /** What is shown: the sent request with any SAS in its body hidden. */
  request: HttpRequest;
  state: CallState;
  at: number;
}

export type CallListener = (record: CallRecord) => void;

export interface BesContext {
  api: ApiDefinition;
  environment: Environment;
  operations: BesOperations;
  workspace: string;
  service: string;
  /**
   * The rate-limit window of the key's product (ms), when the portal can see it: watching a
   * job spreads the calls left in it (see paceByBudget).
   */
  rateWindowMs?: number;
}

export const BES_LABELS: Record<BesStep, string> = {
  submit: 'BES Submit',
  start: 'BES Start',
  status: 'BES Status',
  delete: 'BES Delete',
};

export const DEMO_SAS_LABEL = 'Demo SAS';

const REQUEST_TIMEOUT_MS = 30_000;
const JOB_ID = /^[A-Za-z0-9-]{1,64}$/;

let callCounter = 0;

export function retryAfterOf(response: HttpResponse): string | null {
  return headerValue(response.headers, 'retry-after');
}

function bodyJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return undefined;
  }
}

function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status <= 299;
}

/** A non-2xx answer, with the service's own error sentence. */
export function besFailure(label: string, response: HttpResponse): BesCallError {
  const summary = summarizeErrorBody(bodyJson(response), retryAfterOf(response));
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new BesCallError(
    label,
    `${label} was answered with ${statusLine}.${summary ? ` ${summary}` : ''}`,
    response.status,
    response,
  );
}

export function besRequest(
  context: BesContext,
  step: BesStep,
  jobId?: string,
  body?: string,
): HttpRequest {
  const op = context.operations[step];
  const values = stepValues(op, { workspace: context.workspace, service: context.service, jobId });
  return buildRequest(
    op,
    {
      ...values,
      customHeaders: [],
      body,
      contentType: body === undefined ? undefined : 'application/json',
    },
    context.environment,
    context.api.securitySchemes,
  );
}

/** The job id BES Submit answers with: a JSON string. */
export function readSubmitResponse(response: HttpResponse): string {
  if (!isSuccess(response)) throw besFailure(BES_LABELS.submit, response);
  const value = bodyJson(response);
  const jobId = typeof value === 'string' ? value.trim() : '';
  if (!JOB_ID.test(jobId)) {
    throw new BesCallError(
      BES_LABELS.submit,
      `BES Submit answered ${response.status} but its body is not a job id (expected a JSON string such as "539d0bc2fde945b6ac986b851d0000f0").`,
      response.status,
      response,
    );
  }
  return jobId;
}

export type StatusOutcome = (
  | { kind: 'status'; status: JobStatus; httpStatus: number; retryAfter: string | null }
  /** Worth trying again later: throttled, over quota for now, server error, timeout. */
  | { kind: 'transient'; httpStatus: number; retryAfter: string | null; message: string }
  /** The service refused in a way retrying will not fix (401, 404...). */
  | { kind: 'rejected'; httpStatus: number; message: string }
) & {
  /** Calls left in the rate-limit window (API Management's X-RateLimit-Remaining), when sent. */
  remaining?: number;
};

/** What a BES Status answer means for watching the job. */
export function readStatusResponse(response: HttpResponse): StatusOutcome {
  const retryAfter = retryAfterOf(response);
  const { remaining } = readRateLimit(response.status, response.headers, response.receivedAt);
  const budget = remaining === undefined ? {} : { remaining };
  if (isSuccess(response)) {
    try {
      return {
        kind: 'status',
        status: parseJobStatus(bodyJson(response)),
        httpStatus: response.status,
        retryAfter,
        ...budget,
      };
    } catch (err) {
      return {
        kind: 'transient',
        httpStatus: response.status,
        retryAfter,
        message: err instanceof Error ? err.message : 'The status could not be read.',
        ...budget,
      };
    }
  }
  const message = besFailure(BES_LABELS.status, response).message;
  if (isTemporaryRefusal(response.status, retryAfter)) {
    return { kind: 'transient', httpStatus: response.status, retryAfter, message, ...budget };
  }
  return { kind: 'rejected', httpStatus: response.status, message, ...budget };
}

/**
 * The Local demo's short-lived container SAS request (a demo-only endpoint, not part of the API
 * definition), asked for with the environment's AzureML key.
 */
export function demoSasRequest(environment: Environment): HttpRequest | undefined {
  const endpoint = environment.storage?.sasEndpoint;
  if (!endpoint) return undefined;
  const key = environment.credentials.azureml ?? '';
  return {
    method: 'POST',
    url: demoSasEndpointUrl(environment.baseUrl, endpoint),
    headers: [{ name: 'Authorization', value: `Bearer ${key}`, secret: true }],
  };
}

export interface DemoSas {
  containerUrl: string;
  expiresOn: string;
}

export function readDemoSasResponse(response: HttpResponse): DemoSas {
  if (!isSuccess(response)) throw besFailure('The demo SAS request', response);
  const value = bodyJson(response);
  if (typeof value === 'object' && value !== null) {
    const { containerUrl, expiresOn } = value as Record<string, unknown>;
    if (typeof containerUrl === 'string' && typeof expiresOn === 'string') {
      return { containerUrl, expiresOn };
    }
  }
  throw new BesCallError(
    DEMO_SAS_LABEL,
    'The demo SAS response has no "containerUrl".',
    response.status,
    response,
  );
}

export interface SendOptions {
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** Sends a request and reports it (pending, then its outcome) to the listener. */
export async function sendRecorded(
  label: string,
  request: HttpRequest,
  shown: HttpRequest,
  listener: CallListener,
  options: SendOptions = {},
): Promise<HttpResponse> {
  callCounter += 1;
  const base = { id: `call-${callCounter}`, label, request: shown, at: Date.now() };
  listener({ ...base, state: { status: 'pending', startedAt: performance.now() } });
  try {
    const response = await sendRequest(request, { ...options, timeoutMs: REQUEST_TIMEOUT_MS });
    listener({ ...base, state: { status: 'success', response } });
    return response;
  } catch (error) {
    listener({ ...base, state: { status: 'error', error } });
    throw error;
  }
}

/** BES Submit: the job id. `shownBody` is the body with the SAS hidden. */
export async function submitJob(
  context: BesContext,
  body: string,
  shownBody: string,
  listener: CallListener,
  options?: SendOptions,
): Promise<{ jobId: string }> {
  const request = besRequest(context, 'submit', undefined, body);
  const shown = { ...request, body: shownBody };
  const response = await sendRecorded(BES_LABELS.submit, request, shown, listener, options);
  return { jobId: readSubmitResponse(response) };
}

/** BES Start (no body: the reference clients send "{}" or nothing, we send nothing) or Delete. */
export async function runJobStep(
  context: BesContext,
  step: 'start' | 'delete',
  jobId: string,
  listener: CallListener,
  options?: SendOptions,
): Promise<void> {
  const request = besRequest(context, step, jobId);
  const response = await sendRecorded(BES_LABELS[step], request, request, listener, options);
  if (!isSuccess(response)) throw besFailure(BES_LABELS[step], response);
}

export type StatusRead =
  | StatusOutcome
  /** No answer at all (SendError): the job is kept and the caller backs off. */
  | { kind: 'network-error'; error: unknown };

/** One BES Status read: what it means and the call that was made. */
export interface JobStatusRead {
  outcome: StatusRead;
  call: CallRecord;
}

/**
 * BES Status without a listener: the answer and its call record come back as a value, so it
 * can be a side-effect-free query function. Only an abort is thrown.
 */
export async function readJobStatus(
  context: BesContext,
  jobId: string,
  options: SendOptions = {},
): Promise<JobStatusRead> {
  callCounter += 1;
  const request = besRequest(context, 'status', jobId);
  const base = { id: `call-${callCounter}`, label: BES_LABELS.status, request, at: Date.now() };
  try {
    const response = await sendRequest(request, { ...options, timeoutMs: REQUEST_TIMEOUT_MS });
    return {
      outcome: readStatusResponse(response),
      call: { ...base, state: { status: 'success', response } },
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      outcome: { kind: 'network-error', error },
      call: { ...base, state: { status: 'error', error } },
    };
  }
}

export async function requestDemoSas(
  environment: Environment,
  listener: CallListener,
  options?: SendOptions,
): Promise<DemoSas> {
  const request = demoSasRequest(environment);
  if (!request) {
    throw new BesCallError(DEMO_SAS_LABEL, 'This environment hands out no demo SAS.', 0, undefined);
  }
  const response = await sendRecorded(DEMO_SAS_LABEL, request, request, listener, options);
  return readDemoSasResponse(response);
}
