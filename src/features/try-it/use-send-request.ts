import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiDefinition, ApiOperation } from '../../core/definition/api-model';
import { BES_OPERATION_IDS } from '../../core/batch/batch-operations';
import { buildRequest, type HttpRequest, type TryItValues } from '../../core/request/build-request';
import type { Environment } from '../../core/config/portal-config';
import { sendRequest } from '../../core/request/send-request';
import type { ResponseState } from '../../core/response/response-state';
import { checkSubmitBody, bodyLocations } from '../../core/batch/batch-submit-body';
import { upsertJob } from '../../core/batch/batch-job-list';
import { jobStore, useStoredJobs } from '../../hooks/use-stored-jobs';
import { jobIdFromSubmitBody } from './try-it-values';

interface SendVariables {
  request: HttpRequest;
  values: TryItValues;
  signal: AbortSignal;
}

export interface SendRequestOptions {
  api: ApiDefinition;
  operation: ApiOperation;
  environment: Environment | undefined;
  timeoutMs: number;
}

export interface SendRequest {
  /** Builds the request from the values and sends it; ignored while one is in flight. */
  send: (values: TryItValues) => void;
  cancel: () => void;
  pending: boolean;
  /** The request as sent: the response panel and code samples show this same object. */
  sent: HttpRequest | undefined;
  state: ResponseState;
  /** Job ids of this API in the browser's job memory (BES Submit here or Batch jobs), newest first. */
  jobIds: string[];
}

/** Sending, cancelling and the timeout of one console, and the job ids a BES submit returns. */
export function useSendRequest({
  api,
  operation,
  environment,
  timeoutMs,
}: SendRequestOptions): SendRequest {
  const jobs = useStoredJobs();
  const jobIds = useMemo(
    () => jobs.filter((j) => j.apiId === api.id).map((j) => j.jobId),
    [jobs, api.id],
  );
  const [sent, setSent] = useState<{ request: HttpRequest; startedAt: number } | undefined>();
  const abortRef = useRef<AbortController | undefined>(undefined);

  const mutation = useMutation({
    mutationFn: ({ request, signal }: SendVariables) => sendRequest(request, { signal, timeoutMs }),
    onSuccess: (response, { request, values }) => {
      if (!environment || operation.operationId !== BES_OPERATION_IDS.submit) return;
      if (response.status >= 300) return;
      // The answer is a short JSON string; a large body is not a job id anyway.
      const id = jobIdFromSubmitBody(new TextDecoder().decode(response.body.subarray(0, 512)));
      if (!id) return;
      const check = checkSubmitBody(request.body ?? '');
      const now = Date.now();
      jobStore().update((list) =>
        upsertJob(list, {
          jobId: id,
          apiId: api.id,
          environmentId: environment.id,
          workspace: values.path.workspace ?? '',
          service: values.path.service ?? '',
          ...(check.ok ? bodyLocations(check.value) : { inputs: [], outputs: [] }),
          submittedAt: now,
          timeline: [{ state: 'NotStarted', at: now }],
        }),
      );
    },
  });

  // Leaving the operation must not leave a request running that nobody will see.
  useEffect(() => () => abortRef.current?.abort(), []);

  const send = (values: TryItValues) => {
    if (!environment || mutation.isPending) return;
    const request = buildRequest(operation, values, environment, api.securitySchemes);
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setSent({ request, startedAt: performance.now() });
    mutation.mutate({ request, values, signal: controller.signal });
  };

  const state: ResponseState = mutation.isPending
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
  };
}
