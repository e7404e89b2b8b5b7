/**
 * The four BES calls and the demo SAS call, each built with core buildRequest (or, for the
 * demo-only SAS endpoint that no definition describes, as the same HttpRequest shape) and sent
 * with core sendRequest. Every call is also reported as a CallRecord so the view can show it
 * in the same request and response panels as the console.
 */
import type { ApiDefinition } from '../../core/definition/api-model';
import type { BesOperations, BesStep } from '../../core/batch/batch-operations';
import { stepValues } from '../../core/batch/batch-operations';
import { parseJobStatus, type JobStatus } from '../../core/batch/batch-job-state';
import { buildRequest, type HttpRequest } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import { summarizeErrorBody } from '../../core/response/response-error-summary';
import { sendRequest, type HttpResponse } from '../../core/request/send-request';
import { demoSasEndpointUrl } from '../../core/batch/demo-sas-endpoint';
import { isTemporaryRefusal } from '../../core/batch/batch-poll-policy';

export type CallState =
  | { status: 'pending'; startedAt: number }
  | { status: 'success'; response: HttpResponse }
  | { status: 'error'; error: unknown };

export interface CallRecord {
  id: string;
  label: string;
  /** What is shown: the sent request with any SAS in its body hidden. */
  request: HttpRequest;
  state: CallState;
  at: number;
}

export type CallListener = (record: CallRecord) => void;

/** A non-2xx answer, with the service's own error sentence. */
export class BesCallError extends Error {
  override name = 'BesCallError';
  constructor(
    message: string,
    readonly status: number,
    readonly response: HttpResponse,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

let callCounter = 0;

function header(response: HttpResponse, name: string): string | null {
  const lower = name.toLowerCase();
  return response.headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

export function retryAfterOf(response: HttpResponse): string | null {
  return header(response, 'retry-after');
}

function bodyText(response: HttpResponse): string {
  return new TextDecoder().decode(response.body);
}

function bodyJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(bodyText(response));
  } catch {
    return undefined;
  }
}

function failure(label: string, response: HttpResponse): BesCallError {
  const summary = summarizeErrorBody(bodyJson(response), retryAfterOf(response));
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new BesCallError(
    `${label} was answered with ${statusLine}.${summary ? ` ${summary}` : ''}`,
    response.status,
    response,
  );
}

/** Sends a request and reports it (pending, then its outcome) to the listener. */
export async function sendRecorded(
  label: string,
  request: HttpRequest,
  shown: HttpRequest,
  listener: CallListener,
  signal?: AbortSignal,
): Promise<HttpResponse> {
  callCounter += 1;
  const base = { id: `call-${callCounter}`, label, request: shown, at: Date.now() };
  listener({ ...base, state: { status: 'pending', startedAt: performance.now() } });
  try {
    const response = await sendRequest(request, { signal, timeoutMs: REQUEST_TIMEOUT_MS });
    listener({ ...base, state: { status: 'success', response } });
    return response;
  } catch (error) {
    listener({ ...base, state: { status: 'error', error } });
    throw error;
  }
}

export interface BesContext {
  api: ApiDefinition;
  environment: Environment;
  operations: BesOperations;
  workspace: string;
  service: string;
}

const LABELS: Record<BesStep, string> = {
  submit: 'BES Submit',
  start: 'BES Start',
  status: 'BES Status',
  delete: 'BES Delete',
};

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

/** BES Submit: the job id, a JSON string. `shownBody` is the body with the SAS hidden. */
export async function submitJob(
  context: BesContext,
  body: string,
  shownBody: string,
  listener: CallListener,
): Promise<{ jobId: string }> {
  const request = besRequest(context, 'submit', undefined, body);
  const response = await sendRecorded(
    LABELS.submit,
    request,
    { ...request, body: shownBody },
    listener,
  );
  if (response.status < 200 || response.status > 299) throw failure(LABELS.submit, response);
  const value = bodyJson(response);
  const jobId = typeof value === 'string' ? value.trim() : '';
  if (!/^[A-Za-z0-9-]{1,64}$/.test(jobId)) {
    throw new BesCallError(
      `BES Submit answered ${response.status} but its body is not a job id (expected a JSON string such as "539d0bc2fde945b6ac986b851d0000f0").`,
      response.status,
      response,
    );
  }
  return { jobId };
}

async function simpleStep(
  context: BesContext,
  step: 'start' | 'delete',
  jobId: string,
  listener: CallListener,
): Promise<void> {
  // BES Start takes no body; the reference clients send "{}" or nothing, we send nothing.
  const request = besRequest(context, step, jobId);
  const response = await sendRecorded(LABELS[step], request, request, listener);
  if (response.status < 200 || response.status > 299) throw failure(LABELS[step], response);
}

export function startJob(
  context: BesContext,
  jobId: string,
  listener: CallListener,
): Promise<void> {
  return simpleStep(context, 'start', jobId, listener);
}

export function cancelJob(
  context: BesContext,
  jobId: string,
  listener: CallListener,
): Promise<void> {
  return simpleStep(context, 'delete', jobId, listener);
}

export type StatusOutcome =
  | { kind: 'status'; status: JobStatus; httpStatus: number; retryAfter: string | null }
  /** Worth trying again later: throttled, server error, timeout. */
  | { kind: 'transient'; httpStatus: number; retryAfter: string | null; message: string }
  /** The service refused in a way retrying will not fix (401, 404...). */
  | { kind: 'rejected'; httpStatus: number; message: string };

/** BES Status. Network failures are thrown (SendError) so the caller can back off. */
export async function fetchJobStatus(
  context: BesContext,
  jobId: string,
  listener: CallListener,
  signal?: AbortSignal,
): Promise<StatusOutcome> {
  const request = besRequest(context, 'status', jobId);
  const response = await sendRecorded(LABELS.status, request, request, listener, signal);
  const retryAfter = retryAfterOf(response);
  if (response.status >= 200 && response.status <= 299) {
    try {
      return {
        kind: 'status',
        status: parseJobStatus(bodyJson(response)),
        httpStatus: response.status,
        retryAfter,
      };
    } catch (err) {
      return {
        kind: 'transient',
        httpStatus: response.status,
        retryAfter,
        message: err instanceof Error ? err.message : String(err),
      };
    }
  }
  const message = failure(LABELS.status, response).message;
  if (isTemporaryRefusal(response.status, retryAfter)) {
    return { kind: 'transient', httpStatus: response.status, retryAfter, message };
  }
  return { kind: 'rejected', httpStatus: response.status, message };
}

export interface DemoSas {
  containerUrl: string;
  expiresOn: string;
}

/**
 * The Local demo's short-lived container SAS (a demo-only endpoint, not part of the API
 * definition), asked for with the environment's AzureML key.
 */
export async function requestDemoSas(
  environment: Environment,
  listener: CallListener,
): Promise<DemoSas> {
  const endpoint = environment.storage?.sasEndpoint;
  if (!endpoint) throw new Error('This environment hands out no demo SAS.');
  const key = environment.credentials.azureml ?? '';
  const request: HttpRequest = {
    method: 'POST',
    url: demoSasEndpointUrl(environment.baseUrl, endpoint),
    headers: [{ name: 'Authorization', value: `Bearer ${key}`, secret: true }],
  };
  const response = await sendRecorded('Demo SAS', request, request, listener);
  if (response.status < 200 || response.status > 299)
    throw failure('The demo SAS request', response);
  const value = bodyJson(response);
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DemoSas).containerUrl === 'string' &&
    typeof (value as DemoSas).expiresOn === 'string'
  ) {
    return {
      containerUrl: (value as DemoSas).containerUrl,
      expiresOn: (value as DemoSas).expiresOn,
    };
  }
  throw new Error('The demo SAS response has no "containerUrl".');
}
