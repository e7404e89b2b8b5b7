import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import { BES_OPERATION_IDS } from '../../core/batch/batch-operations';
import type { HttpRequest, TryItValues } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import { sendRequest, type HttpResponse } from '../../core/request/send-request';
import type { ResponseState } from '../../core/response/response-state';
import { describeError } from '../../core/errors/describe-error';
import { formSnapshotOf, makeHistoryEntry } from '../../core/history/history-entry';
import type { FormHandoff } from '../../core/history/form-handoff';
import { addHistoryEntry } from '../../core/history/history-store';
import { checkSubmitBody, bodyLocations } from '../../core/batch/batch-submit-body';
import { headerValue } from '../../core/util/header-lookup';
import { rememberSubmittedJob, useStoredJobs } from '../../hooks/use-stored-jobs';
import { jobIdFromSubmitBody } from './try-it-values';
import { createStreamAnswer, type StreamSnapshot } from '../../core/response/stream-answer';
import { isMockEnvironment } from '../../core/mock/mock-environment';
import type { MockChoice } from '../../core/mock/mock-status';
import { lazyModule } from '../../core/util/lazy-module';

// The Mock environment's answers (with openapi-sampler) load when the first mocked call is sent.
const mocks = lazyModule(() => import('../../core/mock/mock-response'));

export interface SendRequestOptions {
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment | undefined;
  timeoutMs: number;
  /** The declared status (and example) the Mock environment answers with; its defaults when absent. */
  mockChoice?: MockChoice;
}

export interface SendRequest {
  /**
   * Sends this request (the one the console shows, from useFormRequest) as it is; the values it
   * was built from go to History. Ignored while one is in flight.
   */
  send: (request: HttpRequest, values: TryItValues) => void;
  cancel: () => void;
  pending: boolean;
  /** The request as sent: the response panel and code samples show this same object. */
  sent: HttpRequest | undefined;
  state: ResponseState;
  /** Job ids of this API in the browser's job memory (BES Submit here or Batch jobs), newest first. */
  jobIds: string[];
  /** Sends the last request again, following the redirect it was answered with. */
  followRedirect: () => void;
  /** Shows a response kept in History, as it was (until the next send). */
  showPast: (past: NonNullable<FormHandoff['response']>) => void;
  /** A `text/event-stream` answer so far (live while it arrives), for the last send. */
  stream: StreamSnapshot | undefined;
}

type Sending = {
  request: HttpRequest;
  signal: AbortSignal;
  values: TryItValues;
  at: number;
  followRedirects?: boolean;
  /** Collects the events of a streamed answer of this send. */
  answer: ReturnType<typeof createStreamAnswer>;
};

// One redraw per frame however fast events come (a 5 MB answer is thousands of them).
const nextFrame = (draw: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(draw);
  else setTimeout(draw, 16);
};

function newId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function pastResponse(past: NonNullable<FormHandoff['response']>): HttpResponse {
  const body = new TextEncoder().encode(past.response.body ?? '');
  const contentType = headerValue(past.response.headers, 'content-type') ?? '';
  return {
    status: past.response.status,
    statusText: past.response.statusText,
    headers: past.response.headers,
    body,
    contentType,
    durationMs: past.durationMs ?? 0,
    // A kept response is not a live rate-limit answer: no countdown starts from it.
    receivedAt: 0,
    size: body.byteLength,
  };
}

/** Sending, cancelling and the timeout of one console, and the job ids a BES submit returns. */
export function useSendRequest({
  api,
  operation,
  environment,
  timeoutMs,
  mockChoice,
}: SendRequestOptions): SendRequest {
  const jobs = useStoredJobs();
  const jobIds = useMemo(
    () => jobs.filter((j) => j.apiId === api.id).map((j) => j.jobId),
    [jobs, api.id],
  );
  const [sent, setSent] = useState<{ request: HttpRequest; startedAt: number } | undefined>();
  const [past, setPast] = useState<HttpResponse | undefined>();
  const abortRef = useRef<AbortController | undefined>(undefined);
  const lastValues = useRef<TryItValues | undefined>(undefined);
  const [stream, setStream] = useState<StreamSnapshot | undefined>();
  const drawPending = useRef(false);

  // History is best effort: a blocked or full IndexedDB must never break a send.
  const record = (
    vars: Sending,
    outcome: Parameters<typeof makeHistoryEntry>[0]['outcome'],
    durationMs?: number,
  ) =>
    void addHistoryEntry(
      makeHistoryEntry({
        id: newId(),
        apiId: api.id,
        operationSlug: operation.slug,
        operationSummary: operation.summary || operation.slug,
        request: vars.request,
        form: formSnapshotOf(vars.values),
        at: vars.at,
        ...(durationMs !== undefined ? { durationMs } : {}),
        outcome,
      }),
    ).catch(() => undefined);

  const mutation = useMutation({
    mutationFn: async ({ request, signal, followRedirects, answer }: Sending) => {
      if (isMockEnvironment(environment)) {
        const { mockSender } = await mocks.load();
        return mockSender([operation], () => mockChoice)(request, signal);
      }
      return sendRequest(request, {
        signal,
        timeoutMs,
        followRedirects,
        onStreamEvent: (event) => {
          answer.add(event);
          if (drawPending.current) return;
          drawPending.current = true;
          nextFrame(() => {
            drawPending.current = false;
            // A newer send has its own stream: a late frame of this one must not show.
            if (abortRef.current?.signal === signal) setStream(answer.snapshot());
          });
        },
      });
    },
    onError: (error, vars) => record(vars, { kind: 'error', message: describeError(error).title }),
    onSuccess: (response, vars) => {
      const streamed = response.stream ? vars.answer.snapshot() : undefined;
      if (streamed) setStream(streamed);
      record(
        vars,
        {
          kind: 'response',
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          // History keeps what a person reads: the assembled answer, not the wire's events.
          body:
            streamed && streamed.deltas > 0
              ? new TextEncoder().encode(vars.answer.answer())
              : response.body,
          ...(response.stream
            ? { stream: { events: response.stream.events, stopped: response.stream.stopped } }
            : {}),
        },
        response.durationMs,
      );
      if (!environment || operation.operationId !== BES_OPERATION_IDS.submit) return;
      // A mocked job id names no job anywhere.
      if (isMockEnvironment(environment)) return;
      if (response.status >= 300) return;
      // The answer is a short JSON string; a large body is not a job id anyway.
      const id = jobIdFromSubmitBody(new TextDecoder().decode(response.body.subarray(0, 512)));
      if (!id) return;
      const check = checkSubmitBody(vars.request.body ?? '');
      rememberSubmittedJob({
        jobId: id,
        apiId: api.id,
        environmentId: environment.id,
        workspace: vars.values.path.workspace ?? '',
        service: vars.values.path.service ?? '',
        ...(check.ok ? bodyLocations(check.value) : { inputs: [], outputs: [] }),
      });
    },
  });

  // Leaving the operation must not leave a request running that nobody will see.
  useEffect(() => () => abortRef.current?.abort(), []);

  const start = (request: HttpRequest, values: TryItValues, followRedirects: boolean) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setSent({ request, startedAt: performance.now() });
    setPast(undefined);
    setStream(undefined);
    lastValues.current = values;
    mutation.mutate({
      request,
      signal: controller.signal,
      values,
      at: Date.now(),
      followRedirects,
      answer: createStreamAnswer(),
    });
  };

  const send = (request: HttpRequest, values: TryItValues) => {
    if (!environment || mutation.isPending) return;
    start(request, values, false);
  };

  const showPast = (entry: NonNullable<FormHandoff['response']>) => {
    abortRef.current?.abort();
    mutation.reset();
    setSent({
      request: { method: entry.method, url: entry.entryUrl, headers: [] },
      startedAt: performance.now(),
    });
    setPast(pastResponse(entry));
    setStream(undefined);
  };

  const state: ResponseState = past
    ? { status: 'success', response: past }
    : mutation.isPending
      ? { status: 'pending', startedAt: sent?.startedAt ?? 0 }
      : mutation.isSuccess
        ? { status: 'success', response: mutation.data }
        : mutation.isError
          ? { status: 'error', error: mutation.error }
          : { status: 'idle' };

  return {
    send,
    cancel: () => abortRef.current?.abort(),
    pending: mutation.isPending,
    sent: sent?.request,
    state,
    jobIds,
    followRedirect: () => {
      if (sent && lastValues.current && !mutation.isPending)
        start(sent.request, lastValues.current, true);
    },
    showPast,
    stream,
  };
}
