import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../definition/api-model';
import type { HttpResponse } from '../request/send-request';
import {
  applyRunEvent,
  endRun,
  newRunRecord,
  restoreRun,
  retryWaitExplanation,
  storedRun,
  type WorkflowRunRecord,
} from './workflow-run-record';
import type { WorkflowEvent } from './workflow-types';

const operation: ApiOperation = {
  slug: 'BES_Status',
  operationId: 'BES_Status',
  method: 'get',
  path: '/jobs/{jobId}',
  summary: 'BES Status',
  tags: [],
  parameters: [],
  responses: [],
  security: [],
} as unknown as ApiOperation;

function response(
  status: number,
  body: string,
  headers: Array<[string, string]> = [],
): HttpResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    status,
    statusText: '',
    headers: [['content-type', 'application/json'], ...headers],
    body: bytes,
    contentType: 'application/json',
    durationMs: 12.4,
    size: bytes.byteLength,
    receivedAt: 5,
  };
}

const w = 'batch';

function run(events: WorkflowEvent[]): WorkflowRunRecord {
  return events.reduce(applyRunEvent, newRunRecord(w, { workspace: 'ws' }, 'Local demo', 1));
}

const poll: WorkflowEvent[] = [
  { type: 'workflow-start', workflowId: w, at: 1 },
  { type: 'step-start', workflowId: w, stepId: 'status', attempt: 1, at: 2 },
  {
    type: 'request',
    workflowId: w,
    stepId: 'status',
    apiId: 'azureml-demo',
    operation,
    request: {
      method: 'GET',
      url: 'http://127.0.0.1/jobs/j1?subscription-key=SUBKEY',
      headers: [{ name: 'Authorization', value: 'Bearer AMLKEY', secret: true }],
    },
    at: 3,
  },
  {
    type: 'response',
    workflowId: w,
    stepId: 'status',
    response: response(429, '{"error":"slow down"}', [
      ['retry-after', '3'],
      ['set-cookie', 'session=SECRET'],
    ]),
    at: 4,
  },
  {
    type: 'criteria',
    workflowId: w,
    stepId: 'status',
    results: [{ criterion: { condition: '$statusCode == 200' }, passed: false }],
    passed: false,
  },
  {
    type: 'retry-wait',
    workflowId: w,
    stepId: 'status',
    retry: 1,
    retryLimit: 5,
    ms: 3000,
    retryAfterHeader: true,
    action: 'waitForLimit',
    reason: 'Retry-After: 3 s overruled retryAfter 5 s',
    until: 3004,
  },
  { type: 'step-start', workflowId: w, stepId: 'status', attempt: 2, at: 3004 },
  {
    type: 'response',
    workflowId: w,
    stepId: 'status',
    response: response(200, '{"StatusCode":"Finished"}'),
    at: 3010,
  },
];

describe('applyRunEvent', () => {
  it('folds a retried step into two attempts, the first waiting with its reason', () => {
    const record = run(poll);
    expect(record.attempts.map((a) => [a.stepId, a.attempt, a.status])).toEqual([
      ['status', 1, 'failed'],
      ['status', 2, 'running'],
    ]);
    expect(run(poll.slice(0, 6)).attempts.map((a) => a.status)).toEqual(['waiting']);
    const first = record.attempts[0];
    expect(first?.retryWait?.reason).toBe('Retry-After: 3 s overruled retryAfter 5 s');
    expect(first?.call?.response?.status).toBe(429);
    expect(first?.criteria?.passed).toBe(false);
    // The request is kept redacted from the moment it arrives.
    expect(first?.call?.request.url).toBe('http://127.0.0.1/jobs/j1?subscription-key=••••••');
    expect(first?.call?.request.headers[0]?.value).toBe('Bearer ••••••');
    // The second attempt's call has no request event yet: the response has nowhere to go.
    expect(record.attempts[1]?.call).toBeUndefined();
  });

  it('ends with the outputs, and marks a wait that never retried as failed', () => {
    const record = run([
      ...poll,
      {
        type: 'step-end',
        workflowId: w,
        stepId: 'status',
        passed: true,
        outputs: { state: 'Finished' },
        at: 3011,
      },
      {
        type: 'goto',
        workflowId: w,
        fromStepId: 'status',
        action: 'done',
        to: { stepId: 'download' },
      },
      {
        type: 'workflow-end',
        workflowId: w,
        at: 3020,
        outcome: { kind: 'success', outputs: { rows: 3 } },
      },
    ]);
    expect(record.status).toBe('succeeded');
    expect(record.outputs).toEqual({ rows: 3 });
    expect(record.attempts[1]?.goto?.to).toEqual({ stepId: 'download' });
    expect(record.attempts[0]?.status).toBe('failed');
    expect(record.attempts[1]?.status).toBe('passed');
  });

  it('ignores the end of a workflow it depends on; a cancelled failure is a cancelled run', () => {
    const dependency = run([
      {
        type: 'workflow-end',
        workflowId: 'upload',
        at: 2,
        outcome: { kind: 'success', outputs: {} },
      },
    ]);
    expect(dependency.status).toBe('running');
    const cancelled = run([
      ...poll,
      {
        type: 'workflow-end',
        workflowId: w,
        at: 9,
        outcome: { kind: 'failure', failure: { kind: 'cancelled', message: 'Cancelled.' } },
      },
    ]);
    expect(cancelled.status).toBe('cancelled');
  });
});

describe('endRun', () => {
  it('cancels a running run at once and keeps a finished one as it was', () => {
    const cancelled = endRun(run(poll), { kind: 'cancelled' }, 50);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.attempts.every((a) => a.status === 'failed')).toBe(true);
    expect(endRun(cancelled, { kind: 'error', message: 'x' }, 60)).toBe(cancelled);
  });
});

describe('storedRun / restoreRun', () => {
  it('keeps no key, no cookie and no SAS, and comes back with its responses', () => {
    const record = endRun(
      {
        ...run(poll),
        inputs: { workspace: 'ws', note: 'see https://a/b?sv=1&sig=SASSIG' },
        outputs: { link: 'https://a/b?sv=1&sig=SASSIG', apiKey: 'K' },
      },
      { kind: 'cancelled' },
      9,
    );
    const sas = response(200, '{"sasToken":"sv=1&sig=SASSIG2","sasParameters":{"sig":"SASSIG3"}}');
    record.attempts[1] = {
      ...record.attempts[1]!,
      call: { ...record.attempts[0]!.call!, response: sas },
    };
    const text = JSON.stringify(storedRun(record));
    expect(text).not.toMatch(/SASSIG2|SASSIG3/);
    expect(text).not.toMatch(/AMLKEY|SUBKEY|SASSIG|session=SECRET|"apiKey"/);
    const back = restoreRun(JSON.parse(text));
    expect(back?.restored).toBe(true);
    expect(back?.status).toBe('cancelled');
    const kept = back?.attempts[0]?.call?.response;
    expect(kept?.status).toBe(429);
    expect(new TextDecoder().decode(kept?.body)).toBe('{"error":"slow down"}');
    expect(kept?.headers.map(([n]) => n)).toEqual(['content-type', 'retry-after']);
  });

  it('refuses what is not a stored run', () => {
    expect(restoreRun(null)).toBeUndefined();
    expect(restoreRun({ version: 2, attempts: [], workflowId: 'x' })).toBeUndefined();
  });
});

describe('retryWaitExplanation', () => {
  it("says when Retry-After overruled the action's retryAfter", () => {
    expect(retryWaitExplanation({ ms: 3000, retryAfterHeader: true }, 5)).toBe(
      'Retry-After: 3 s overruled retryAfter 5 s',
    );
    expect(retryWaitExplanation({ ms: 2500, retryAfterHeader: true }, undefined)).toBe(
      'Retry-After: 2.5 s',
    );
    expect(retryWaitExplanation({ ms: 5000, retryAfterHeader: false }, 5)).toBe('retryAfter 5 s');
    expect(retryWaitExplanation({ ms: 0, retryAfterHeader: false }, undefined)).toBe(
      'no retryAfter given: retrying at once',
    );
  });
});
