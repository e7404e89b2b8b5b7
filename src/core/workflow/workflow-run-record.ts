/**
 * A workflow run as the workflows page shows it: the runner's events folded, one at a time, into
 * the attempts of each step (status, the call, criteria, a retry's wait and reason, a goto) and
 * the run's outcome. Requests are kept redacted from the start; a finished run is stored without
 * keys and comes back after a reload (storedRun / restoreRun).
 */
import type { ApiOperation } from '../definition/api-model';
import { redactRequest, redactSecretsInText } from '../request/redact-request';
import type { HttpRequest } from '../request/http-request';
import type { HttpResponse } from '../request/send-request';
import { HISTORY_RESPONSE_LIMIT } from '../history/history-entry';
import { isSensitiveHeaderName } from '../request/redact-request';
import { headerValue } from '../util/header-lookup';
import { maskResponseSecrets } from '../response/mask-response-secrets';
import type { CriterionResult, WorkflowEvent, WorkflowFailure } from './workflow-types';

export interface RetryWaitRecord {
  retry: number;
  retryLimit: number;
  ms: number;
  retryAfterHeader: boolean;
  action: string;
  reason: string;
  until: number;
}

export interface StepCallRecord {
  apiId: string;
  operationSlug: string;
  operationSummary: string;
  /** Redacted: keys, SAS signatures and credential headers masked. */
  request: HttpRequest;
  response?: HttpResponse;
}

export type AttemptStatus = 'running' | 'waiting' | 'passed' | 'failed';

export interface StepAttempt {
  /** Unique within the run: React's key and the step's anchor. */
  key: string;
  workflowId: string;
  stepId: string;
  attempt: number;
  startedAt: number;
  endedAt?: number;
  status: AttemptStatus;
  call?: StepCallRecord;
  criteria?: { results: CriterionResult[]; passed: boolean };
  retryWait?: RetryWaitRecord;
  goto?: { action: string; to: { stepId: string } | { workflowId: string } };
  outputs?: Record<string, unknown>;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface WorkflowRunRecord {
  workflowId: string;
  /** The inputs without secrets. */
  inputs: Record<string, unknown>;
  environmentName: string;
  startedAt: number;
  endedAt?: number;
  status: RunStatus;
  attempts: StepAttempt[];
  outputs?: Record<string, unknown>;
  failure?: WorkflowFailure | { kind: 'error'; message: string };
  /** Set on a run read back from storage: its responses are the kept text, not live. */
  restored?: boolean;
}

export function newRunRecord(
  workflowId: string,
  inputs: Record<string, unknown>,
  environmentName: string,
  at: number,
): WorkflowRunRecord {
  return { workflowId, inputs, environmentName, startedAt: at, status: 'running', attempts: [] };
}

/** The index of the latest attempt of this step, if it has one. */
function latest(record: WorkflowRunRecord, workflowId: string, stepId: string): number {
  for (let i = record.attempts.length - 1; i >= 0; i--) {
    const a = record.attempts[i];
    if (a?.workflowId === workflowId && a.stepId === stepId) return i;
  }
  return -1;
}

function updateLatest(
  record: WorkflowRunRecord,
  workflowId: string,
  stepId: string,
  change: (attempt: StepAttempt) => StepAttempt,
): WorkflowRunRecord {
  const at = latest(record, workflowId, stepId);
  const attempt = record.attempts[at];
  if (!attempt) return record;
  const attempts = [...record.attempts];
  attempts[at] = change(attempt);
  return { ...record, attempts };
}

function summaryOf(operation: ApiOperation): string {
  return operation.summary || operation.operationId || operation.slug;
}

/** The record after one more event of the run. */
export function applyRunEvent(record: WorkflowRunRecord, event: WorkflowEvent): WorkflowRunRecord {
  switch (event.type) {
    case 'workflow-start':
      return record;
    case 'step-start':
      return {
        ...record,
        attempts: [
          // The retry it waited for is this attempt: the one before it failed.
          ...record.attempts.map((a) =>
            a.status === 'waiting' && a.workflowId === event.workflowId && a.stepId === event.stepId
              ? { ...a, status: 'failed' as const }
              : a,
          ),
          {
            key: `${event.workflowId}/${event.stepId}/${record.attempts.length}`,
            workflowId: event.workflowId,
            stepId: event.stepId,
            attempt: event.attempt,
            startedAt: event.at,
            status: 'running',
          },
        ],
      };
    case 'request':
      return updateLatest(record, event.workflowId, event.stepId, (a) => ({
        ...a,
        call: {
          apiId: event.apiId,
          operationSlug: event.operation.slug,
          operationSummary: summaryOf(event.operation),
          request: redactRequest(event.request),
        },
      }));
    case 'response':
      return updateLatest(record, event.workflowId, event.stepId, (a) =>
        a.call ? { ...a, call: { ...a.call, response: event.response } } : a,
      );
    case 'criteria':
      return updateLatest(record, event.workflowId, event.stepId, (a) => ({
        ...a,
        criteria: { results: event.results, passed: event.passed },
      }));
    case 'retry-wait':
      return updateLatest(record, event.workflowId, event.stepId, (a) => ({
        ...a,
        status: 'waiting',
        retryWait: {
          retry: event.retry,
          retryLimit: event.retryLimit,
          ms: event.ms,
          retryAfterHeader: event.retryAfterHeader,
          action: event.action,
          reason: event.reason,
          until: event.until,
        },
      }));
    case 'goto':
      return updateLatest(record, event.workflowId, event.fromStepId, (a) => ({
        ...a,
        goto: { action: event.action, to: event.to },
      }));
    case 'step-end':
      return updateLatest(record, event.workflowId, event.stepId, (a) => ({
        ...a,
        status: event.passed ? 'passed' : 'failed',
        endedAt: event.at,
        outputs: event.outputs,
      }));
    case 'workflow-end': {
      if (event.workflowId !== record.workflowId) return record;
      const attempts = record.attempts.map((a) =>
        // A retry that was waiting when the run ended never happened: that attempt failed.
        a.status === 'running' || a.status === 'waiting'
          ? { ...a, status: 'failed' as const, endedAt: event.at }
          : a,
      );
      return event.outcome.kind === 'success'
        ? {
            ...record,
            attempts,
            status: 'succeeded',
            endedAt: event.at,
            outputs: event.outcome.outputs,
          }
        : {
            ...record,
            attempts,
            status: event.outcome.failure.kind === 'cancelled' ? 'cancelled' : 'failed',
            endedAt: event.at,
            failure: event.outcome.failure,
          };
    }
  }
}

function seconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}

/**
 * Why a retry waits as long as it does: the response's Retry-After, and the action's own
 * retryAfter when the header overruled it (the specification lets the header win), e.g.
 * "Retry-After: 3 s overruled retryAfter 5 s".
 */
export function retryWaitExplanation(
  wait: Pick<RetryWaitRecord, 'ms' | 'retryAfterHeader'>,
  declaredRetryAfter: number | undefined,
): string {
  if (wait.retryAfterHeader) {
    return declaredRetryAfter === undefined
      ? `Retry-After: ${seconds(wait.ms)}`
      : `Retry-After: ${seconds(wait.ms)} overruled retryAfter ${seconds(declaredRetryAfter * 1000)}`;
  }
  return declaredRetryAfter === undefined
    ? 'no retryAfter given: retrying at once'
    : `retryAfter ${seconds(declaredRetryAfter * 1000)}`;
}

/**
 * The run ended without the runner saying so: cancelled (the signal aborted) or an error thrown
 * out of the run. A run that already ended keeps its outcome.
 */
export function endRun(
  record: WorkflowRunRecord,
  how: { kind: 'cancelled' } | { kind: 'error'; message: string },
  at: number,
): WorkflowRunRecord {
  if (record.status !== 'running') return record;
  const attempts = record.attempts.map((a) =>
    a.status === 'running' || a.status === 'waiting'
      ? { ...a, status: 'failed' as const, endedAt: at }
      : a,
  );
  return how.kind === 'cancelled'
    ? {
        ...record,
        attempts,
        status: 'cancelled',
        endedAt: at,
        failure: { kind: 'cancelled', message: 'The run was cancelled.' },
      }
    : { ...record, attempts, status: 'failed', endedAt: at, failure: how };
}

// ---- Kept across a reload ----

interface StoredResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  contentType: string;
  durationMs: number;
  size: number;
  /** UTF-8 text, when small enough to keep (History's limit). */
  body?: string;
}

type StoredAttempt = Omit<StepAttempt, 'call'> & {
  call?: Omit<StepCallRecord, 'response'> & { response?: StoredResponse };
};

export interface StoredRun extends Omit<WorkflowRunRecord, 'attempts' | 'restored'> {
  version: 1;
  attempts: StoredAttempt[];
}

/** Strings with SAS signatures and account keys masked, members named like keys dropped. */
function withoutKeys(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretsInText(value);
  if (Array.isArray(value)) return value.map(withoutKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([k, v]) =>
        isSensitiveHeaderName(k) ? [] : [[k, withoutKeys(v)]],
      ),
    );
  }
  return value;
}

function storedResponse(received: HttpResponse): StoredResponse {
  // As the panel shows it before a reveal: SAS members ("sasToken", "sig") and keys masked too.
  const response = maskResponseSecrets(received) ?? received;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers.filter(([name]) => !isSensitiveHeaderName(name)),
    contentType: response.contentType,
    durationMs: Math.round(response.durationMs),
    size: response.size,
    ...(response.body.byteLength <= HISTORY_RESPONSE_LIMIT
      ? { body: new TextDecoder().decode(response.body) }
      : {}),
  };
}

/** A finished run as it may be written to the browser's storage: no key, no SAS, no secret input. */
export function storedRun(record: WorkflowRunRecord): StoredRun {
  const { restored: _restored, ...rest } = record;
  return {
    ...rest,
    version: 1,
    inputs: withoutKeys(record.inputs) as Record<string, unknown>,
    ...(record.outputs ? { outputs: withoutKeys(record.outputs) as Record<string, unknown> } : {}),
    attempts: record.attempts.map((a): StoredAttempt => {
      const { call, outputs, ...attempt } = a;
      return {
        ...attempt,
        ...(outputs ? { outputs: withoutKeys(outputs) as Record<string, unknown> } : {}),
        ...(call
          ? {
              call: {
                apiId: call.apiId,
                operationSlug: call.operationSlug,
                operationSummary: call.operationSummary,
                request: redactRequest(call.request),
                ...(call.response ? { response: storedResponse(call.response) } : {}),
              },
            }
          : {}),
      };
    }),
  };
}

function restoredResponse(stored: StoredResponse): HttpResponse {
  const body = new TextEncoder().encode(stored.body ?? '');
  return {
    status: stored.status,
    statusText: stored.statusText,
    headers: stored.headers,
    body,
    contentType: stored.contentType || (headerValue(stored.headers, 'content-type') ?? ''),
    durationMs: stored.durationMs,
    size: stored.size,
    // A kept response is no live rate-limit answer: no countdown starts from it.
    receivedAt: 0,
  };
}

/** A stored run read back; undefined for anything that is not one (old, edited, foreign). */
export function restoreRun(value: unknown): WorkflowRunRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stored = value as Partial<StoredRun>;
  if (stored.version !== 1 || !Array.isArray(stored.attempts) || !stored.workflowId)
    return undefined;
  const { version: _version, attempts, ...rest } = stored as StoredRun;
  return {
    ...rest,
    restored: true,
    attempts: attempts.map((a): StepAttempt => {
      const { call, ...attempt } = a;
      if (!call) return attempt;
      const { response, ...request } = call;
      return {
        ...attempt,
        call: { ...request, ...(response ? { response: restoredResponse(response) } : {}) },
      };
    }),
  };
}
