import type { CallListener } from '../batch/bes-calls';
import { redactRequest } from '../request/redact-request';
import { sendRequest, type HttpResponse } from '../request/send-request';
import { headerValue } from '../util/header-lookup';
import { parseArmError } from './management-error';
import {
  managementRequest,
  type ManagementCallSpec,
  type ManagementTarget,
} from './management-request';

export interface ManagementAnswer {
  status: number;
  json: unknown;
  etag?: string;
  location?: string;
  /** Seconds, from Retry-After. */
  retryAfter?: number;
}

export interface ManagementCallOptions {
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /** Hears the call when it starts and when it ends, request masked: the Publish area's log. */
  onCall?: CallListener;
}

// An inline import of a big definition is validated before the service answers.
const TIMEOUT_MS = 120_000;
let nextCallId = 0;

function bodyJson(response: HttpResponse): unknown {
  if (response.body.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    return undefined;
  }
}

/**
 * One management call: sent, reported to `onCall` (pending, then its response or failure),
 * and answered with its JSON, ETag and Location, or thrown as a ManagementError that reads
 * ARM's error body. `action` names what the user was doing, for the log and the error.
 */
export async function callManagement(
  target: ManagementTarget,
  spec: ManagementCallSpec,
  action: string,
  expected: readonly number[],
  options: ManagementCallOptions = {},
): Promise<ManagementAnswer> {
  const request = managementRequest(target, spec);
  const record = { id: `m${++nextCallId}`, label: action, request: redactRequest(request) };
  options.onCall?.({
    ...record,
    state: { status: 'pending', startedAt: performance.now() },
    at: Date.now(),
  });
  let response: HttpResponse;
  try {
    response = await sendRequest(request, {
      timeoutMs: TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
  } catch (error) {
    options.onCall?.({ ...record, state: { status: 'error', error }, at: Date.now() });
    throw error;
  }
  options.onCall?.({ ...record, state: { status: 'success', response }, at: Date.now() });
  const json = bodyJson(response);
  if (!expected.includes(response.status))
    throw parseArmError(action, response.status, response.statusText, json, target.kind);
  const etag = headerValue(response.headers, 'etag');
  const location = headerValue(response.headers, 'location');
  const retryAfter = Number(headerValue(response.headers, 'retry-after'));
  return {
    status: response.status,
    json,
    ...(etag ? { etag } : {}),
    ...(location ? { location } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
  };
}

export interface ImportProgress {
  /** Polls of the Location so far. */
  polls: number;
  elapsedMs: number;
}

/**
 * Follows a long import's `202 Accepted` + Location as ARM clients do: GET it again after its
 * Retry-After until it answers with the API (or the import's error).
 */
export async function waitForImport(
  target: ManagementTarget,
  accepted: ManagementAnswer,
  action: string,
  options: ManagementCallOptions & {
    onProgress?: (progress: ImportProgress) => void;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<ManagementAnswer> {
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const started = Date.now();
  let answer = accepted;
  for (let polls = 0; answer.status === 202; polls++) {
    if (!answer.location) throw new Error(`${action}: the service accepted it without a Location.`);
    options.onProgress?.({ polls, elapsedMs: Date.now() - started });
    await sleep((answer.retryAfter ?? 1) * 1000);
    options.signal?.throwIfAborted();
    answer = await callManagement(
      target,
      { method: 'GET', path: '', url: answer.location },
      `${action} (progress)`,
      [200, 201, 202],
      options,
    );
  }
  return answer;
}

/** Every page of a list, following nextLink. */
export async function listAll(
  target: ManagementTarget,
  path: string,
  action: string,
  options: ManagementCallOptions = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  let spec: ManagementCallSpec = { method: 'GET', path, query: { $top: '100' } };
  for (;;) {
    const { json } = await callManagement(target, spec, action, [200], options);
    const page = json as { value?: unknown; nextLink?: unknown } | undefined;
    if (Array.isArray(page?.value)) items.push(...(page.value as unknown[]));
    if (typeof page?.nextLink !== 'string' || page.nextLink === '') return items;
    spec = { method: 'GET', path, url: page.nextLink };
  }
}
