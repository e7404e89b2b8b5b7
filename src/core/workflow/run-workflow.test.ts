import { describe, expect, it } from 'vitest';
import type { ApiDefinition, ApiOperation } from '../definition/api-model';
import type { HttpRequest } from '../request/http-request';
import type { HttpResponse } from '../request/send-request';
import { bindSources } from './bind-sources';
import { loadArazzo } from './load-arazzo';
import { retryAfterMs, runWorkflow, setAtPointer } from './run-workflow';
import type { BoundArazzo, WorkflowEvent, WorkflowRunDeps } from './workflow-types';

const param = (name: string, where: 'path' | 'query' | 'header') => ({
  name,
  in: where,
  required: true,
});
const op = (
  operationId: string,
  method: ApiOperation['method'],
  path: string,
  parameters: ApiOperation['parameters'] = [],
): ApiOperation => ({
  slug: operationId,
  operationId,
  method,
  path,
  summary: operationId,
  tags: [],
  deprecated: false,
  parameters,
  responses: [],
  security: [['azureml']],
  ...(method === 'post'
    ? {
        requestBody: {
          required: true,
          content: [{ contentType: 'application/json', examples: [] }],
        },
      }
    : {}),
});

const definition: ApiDefinition = {
  id: 'jobs',
  title: 'Jobs',
  version: '1',
  specVersion: 'openapi-3.0',
  servers: [],
  tags: [],
  securitySchemes: { azureml: { id: 'azureml', type: 'http', scheme: 'bearer' } },
  operations: [
    op('Submit', 'post', '/jobs', [param('api-version', 'query')]),
    op('Start', 'post', '/jobs/{jobid}/start', [param('jobid', 'path')]),
    op('Status', 'get', '/jobs/{jobid}', [param('jobid', 'path'), param('x-trace', 'header')]),
  ],
};

const DOC = `arazzo: 1.0.1
info: { title: Jobs, version: '1' }
sourceDescriptions:
  - { name: jobs, url: ./jobs.json, type: openapi }
workflows:
  - workflowId: prepare
    steps:
      - stepId: ping
        operationId: Status
        parameters:
          - { name: jobid, in: path, value: ping }
  - workflowId: batch
    dependsOn: [prepare]
    inputs:
      type: object
      properties:
        apiKey: { type: string, format: password }
        name: { type: string }
    steps:
      - stepId: submit
        operationId: Submit
        x-security:
          - schemeName: azureml
            values: { token: $inputs.apiKey }
        parameters:
          - { name: api-version, in: query, value: '2.0' }
        requestBody:
          contentType: application/json
          payload: { Name: $inputs.name, Size: 1 }
          replacements:
            - { target: /Size, value: 2 }
        successCriteria:
          - condition: $statusCode == 200
        outputs:
          jobId: $response.body
      - stepId: start
        operationId: Start
        parameters:
          - { name: jobid, in: path, value: $steps.submit.outputs.jobId }
      - stepId: status
        operationId: Status
        parameters:
          - { name: jobid, in: path, value: $steps.submit.outputs.jobId }
          - { name: X-Trace, in: header, value: 'run-{$steps.submit.outputs.jobId}' }
          - { name: X-Extra, in: header, value: undeclared }
        successCriteria:
          - condition: $statusCode == 200 && $response.body#/StatusCode == 'Finished'
        onFailure:
          - name: failed
            type: end
            criteria:
              - condition: $response.body#/StatusCode == 'Failed'
          - name: wait
            type: retry
            retryAfter: 1
            retryLimit: 5
            criteria:
              - condition: $statusCode == 429 || $statusCode == 200
        outputs:
          status: $response.body#/StatusCode
          result: $response.body#/Results/output1
    outputs:
      jobId: $steps.submit.outputs.jobId
      result: $steps.status.outputs.result
`;

function bind(text = DOC): BoundArazzo {
  const loaded = loadArazzo(text, 'https://portal.example/workflows/jobs.arazzo.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const result = bindSources(
    loaded.document,
    new Map([['jobs', { apiId: 'jobs', definition }]]),
    loaded.url,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.bound;
}

function reply(status: number, body: unknown, headers: Array<[string, string]> = []): HttpResponse {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return {
    status,
    statusText: '',
    headers: [['content-type', 'application/json'], ...headers],
    body: bytes,
    contentType: 'application/json',
    durationMs: 1,
    size: bytes.byteLength,
    receivedAt: 1_000_000,
  };
}

interface Harness {
  deps: WorkflowRunDeps;
  sent: HttpRequest[];
  slept: number[];
  controller: AbortController;
}

function harness(answers: Array<HttpResponse | Error>, onSleep?: () => void): Harness {
  const sent: HttpRequest[] = [];
  const slept: number[] = [];
  const controller = new AbortController();
  const deps: WorkflowRunDeps = {
    send: (request) => {
      sent.push(request);
      const next = answers.shift();
      if (!next) return Promise.reject(new Error('no answer left'));
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    environment: () => ({ baseUrl: 'https://ml.example/api', credentials: { azureml: 'ENVKEY' } }),
    signal: controller.signal,
    sleep: (ms, signal) => {
      slept.push(ms);
      onSleep?.();
      if (signal.aborted) {
        const error = new Error('aborted');
        error.name = 'AbortError';
        return Promise.reject(error);
      }
      return Promise.resolve();
    },
    now: () => 1_000_000,
  };
  return { deps, sent, slept, controller };
}

async function collect(run: AsyncIterable<WorkflowEvent>): Promise<WorkflowEvent[]> {
  const events: WorkflowEvent[] = [];
  for await (const event of run) events.push(event);
  return events;
}

const summary = (events: WorkflowEvent[]) =>
  events.map((e) => {
    switch (e.type) {
      case 'step-start':
        return `start ${e.stepId}#${e.attempt}`;
      case 'retry-wait':
        return `wait ${e.ms}${e.retryAfterHeader ? ' (Retry-After)' : ''}`;
      case 'step-end':
        return `end ${e.stepId} ${e.passed ? 'ok' : 'failed'}`;
      case 'workflow-end':
        return `${e.workflowId}: ${e.outcome.kind === 'success' ? 'success' : e.outcome.failure.kind}`;
      case 'workflow-start':
        return `${e.workflowId}: start`;
      case 'goto':
        return `goto ${JSON.stringify(e.to)}`;
      default:
        return e.type;
    }
  });

describe('runWorkflow', () => {
  it('runs the dependency, wires the job id, polls, and lets Retry-After overrule retryAfter', async () => {
    const h = harness([
      reply(200, { StatusCode: 'Finished' }),
      reply(200, 'job-42'),
      reply(200, {}),
      reply(200, { StatusCode: 'Running' }),
      reply(429, { error: { code: 'TooManyRequests' } }, [['Retry-After', '7']]),
      reply(200, { StatusCode: 'Finished', Results: { output1: { RelativeLocation: 'out.csv' } } }),
    ]);
    const events = await collect(
      runWorkflow(bind(), 'batch', { apiKey: 'RUNKEY', name: 'reviews' }, h.deps),
    );
    expect(summary(events)).toEqual([
      'prepare: start',
      'start ping#1',
      'request',
      'response',
      'criteria',
      'end ping ok',
      'prepare: success',
      'batch: start',
      'start submit#1',
      'request',
      'response',
      'criteria',
      'end submit ok',
      'start start#1',
      'request',
      'response',
      'criteria',
      'end start ok',
      'start status#1',
      'request',
      'response',
      'criteria',
      'end status failed',
      'wait 1000',
      'start status#2',
      'request',
      'response',
      'criteria',
      'end status failed',
      'wait 7000 (Retry-After)',
      'start status#3',
      'request',
      'response',
      'criteria',
      'end status ok',
      'batch: success',
    ]);
    expect(h.slept).toEqual([1000, 7000]);
    expect(h.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://ml.example/api/jobs/ping',
      'POST https://ml.example/api/jobs?api-version=2.0',
      'POST https://ml.example/api/jobs/job-42/start',
      'GET https://ml.example/api/jobs/job-42',
      'GET https://ml.example/api/jobs/job-42',
      'GET https://ml.example/api/jobs/job-42',
    ]);
    expect(h.sent[1]?.body).toBe('{"Name":"reviews","Size":2}');
    // Under the declared name; a header the operation does not declare goes as a custom one.
    expect(h.sent[3]?.headers).toContainEqual({ name: 'x-trace', value: 'run-job-42' });
    expect(h.sent[3]?.headers).toContainEqual({ name: 'X-Extra', value: 'undeclared' });
    const last = events.at(-1);
    expect(last).toMatchObject({
      type: 'workflow-end',
      outcome: {
        kind: 'success',
        outputs: { jobId: 'job-42', result: { RelativeLocation: 'out.csv' } },
      },
    });
    const wait = events.find((e) => e.type === 'retry-wait' && e.retryAfterHeader);
    expect(wait).toMatchObject({
      reason: 'HTTP 429 with Retry-After: 7 s',
      retry: 2,
      retryLimit: 5,
    });
  });

  it('takes credentials from the environment, and a key given for the run through x-security', async () => {
    const h = harness([reply(200, { StatusCode: 'Finished' }), reply(200, 'j'), reply(200, {})]);
    const events = await collect(runWorkflow(bind(), 'batch', { name: 'n' }, h.deps));
    expect(events.at(-1)).toMatchObject({ type: 'workflow-end', outcome: { kind: 'failure' } });
    const authorization = (r: HttpRequest | undefined) =>
      r?.headers.find((x) => x.name === 'Authorization');
    // No apiKey input: the environment's key; the ping step has no x-security at all.
    expect(authorization(h.sent[0])).toMatchObject({ value: 'Bearer ENVKEY', secret: true });
    expect(authorization(h.sent[1])).toMatchObject({ value: 'Bearer ENVKEY', secret: true });

    const again = harness([reply(200, { StatusCode: 'Finished' }), reply(200, 'j')]);
    await collect(runWorkflow(bind(), 'batch', { name: 'n', apiKey: 'RUNKEY' }, again.deps));
    expect(authorization(again.sent[1])).toMatchObject({ value: 'Bearer RUNKEY', secret: true });
  });

  it('ends on a failure action whose criteria hold, and fails once retries are spent', async () => {
    const failed = harness([
      reply(200, { StatusCode: 'Finished' }),
      reply(200, 'j'),
      reply(200, {}),
      reply(200, { StatusCode: 'Failed' }),
    ]);
    const events = await collect(runWorkflow(bind(), 'batch', { name: 'n' }, failed.deps));
    expect(events.at(-1)).toMatchObject({
      outcome: {
        kind: 'failure',
        failure: {
          kind: 'criteria',
          stepId: 'status',
          message: 'Step "status" did not meet its success criteria (HTTP 200).',
        },
      },
    });

    const spent = harness([
      reply(200, { StatusCode: 'Finished' }),
      reply(200, 'j'),
      reply(200, {}),
      ...Array.from({ length: 6 }, () => reply(200, { StatusCode: 'Running' })),
    ]);
    const tail = await collect(runWorkflow(bind(), 'batch', { name: 'n' }, spent.deps));
    expect(spent.slept).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(tail.at(-1)).toMatchObject({
      outcome: { kind: 'failure', failure: { kind: 'retry-limit', stepId: 'status' } },
    });
  });

  it('stops at once when cancelled during a wait, sending nothing more', async () => {
    let h: Harness | undefined = undefined;
    h = harness(
      [
        reply(200, { StatusCode: 'Finished' }),
        reply(200, 'j'),
        reply(200, {}),
        reply(503, {}, [['Retry-After', '30']]),
        reply(200, { StatusCode: 'Finished' }),
      ],
      () => h?.controller.abort(),
    );
    const doc = DOC.replace('$statusCode == 429 || $statusCode == 200', '$statusCode >= 200');
    const events = await collect(runWorkflow(bind(doc), 'batch', { name: 'n' }, h.deps));
    expect(h.sent).toHaveLength(4);
    expect(h.slept).toEqual([30000]);
    expect(events.at(-1)).toMatchObject({
      type: 'workflow-end',
      outcome: { kind: 'failure', failure: { kind: 'cancelled' } },
    });
  });

  it('reports a request that could not be sent, naming the step', async () => {
    const h = harness([reply(200, { StatusCode: 'Finished' }), new Error('Server unreachable')]);
    const events = await collect(runWorkflow(bind(), 'batch', { name: 'n' }, h.deps));
    expect(events.at(-1)).toMatchObject({
      outcome: {
        kind: 'failure',
        failure: {
          kind: 'send',
          stepId: 'submit',
          message: 'Step "submit" could not be sent: Server unreachable',
        },
      },
    });
  });

  it('follows goto and end success actions', async () => {
    const doc = DOC.replace(
      '        outputs:\n          jobId: $response.body\n',
      '        outputs:\n          jobId: $response.body\n        onSuccess:\n          - name: skip\n            type: goto\n            stepId: status\n',
    ).replace(
      '          result: $response.body#/Results/output1\n',
      '          result: $response.body#/Results/output1\n        onSuccess:\n          - { name: done, type: end }\n',
    );
    const h = harness([
      reply(200, { StatusCode: 'Finished' }),
      reply(200, 'j'),
      reply(200, { StatusCode: 'Finished' }),
    ]);
    const events = await collect(runWorkflow(bind(doc), 'batch', { name: 'n' }, h.deps));
    expect(summary(events).filter((s) => s.startsWith('goto') || s.startsWith('batch'))).toEqual([
      'batch: start',
      'goto {"stepId":"status"}',
      'batch: success',
    ]);
    expect(h.sent.map((r) => r.url)).not.toContain('https://ml.example/api/jobs/j/start');
  });

  it('stops a goto loop instead of running forever', async () => {
    const doc = DOC.replace(
      '        outputs:\n          jobId: $response.body\n',
      '        outputs:\n          jobId: $response.body\n        onSuccess:\n          - { name: again, type: goto, stepId: submit }\n',
    );
    const answers = Array.from({ length: 30 }, () => reply(200, 'j'));
    const h = harness([reply(200, { StatusCode: 'Finished' }), ...answers]);
    h.deps.maxStepRuns = 10;
    const events = await collect(runWorkflow(bind(doc), 'batch', { name: 'n' }, h.deps));
    expect(events.at(-1)).toMatchObject({
      outcome: { kind: 'failure', failure: { kind: 'loop' } },
    });
    expect(h.sent).toHaveLength(10);
  });
});

describe('runWorkflow: reuse, nested workflows and detours', () => {
  const REUSE = `arazzo: 1.0.1
info: { title: Jobs, version: '1' }
sourceDescriptions:
  - { name: jobs, url: ./jobs.json }
workflows:
  - workflowId: child
    inputs: { type: object, properties: { id: { type: string } } }
    steps:
      - stepId: look
        operationId: Status
        parameters:
          - { name: jobid, in: path, value: $inputs.id }
        outputs:
          state: $response.body#/StatusCode
    outputs:
      state: $steps.look.outputs.state
  - workflowId: parent
    parameters:
      - { name: api-version, in: query, value: '1.0' }
    steps:
      - stepId: submit
        operationId: Submit
        parameters:
          - reference: $components.parameters.version
            value: '2.0'
        requestBody:
          contentType: application/x-www-form-urlencoded
          payload: { name: a b, size: 3 }
        outputs:
          jobId: $response.body
      - stepId: check
        workflowId: child
        parameters:
          - { name: id, value: $steps.submit.outputs.jobId }
        successCriteria:
          - condition: $outputs.state == 'Finished'
        outputs:
          state: $outputs.state
      - stepId: start
        operationId: Start
        parameters:
          - { name: jobid, in: path, value: $steps.submit.outputs.jobId }
        onFailure:
          - name: again
            type: retry
            retryAfter: 0.5
            stepId: check
    outputs:
      state: $steps.check.outputs.state
components:
  parameters:
    version: { name: api-version, in: query, value: '0.1' }
`;

  it('applies reusable parameters with their value, a form body, a nested workflow and a retry detour', async () => {
    const h = harness([
      reply(200, 'job-7'),
      reply(200, { StatusCode: 'Finished' }),
      reply(409, { error: 'not yet' }),
      reply(200, { StatusCode: 'Finished' }),
      reply(200, {}),
    ]);
    const events = await collect(runWorkflow(bind(REUSE), 'parent', {}, h.deps));
    expect(h.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://ml.example/api/jobs?api-version=2.0',
      // The workflow's own parameter applies to every step that sets none of that name.
      'GET https://ml.example/api/jobs/job-7',
      'POST https://ml.example/api/jobs/job-7/start?api-version=1.0',
      'GET https://ml.example/api/jobs/job-7',
      'POST https://ml.example/api/jobs/job-7/start?api-version=1.0',
    ]);
    expect(h.sent[0]?.body).toBe('name=a+b&size=3');
    expect(h.sent[0]?.headers).toContainEqual({
      name: 'Content-Type',
      value: 'application/x-www-form-urlencoded',
    });
    expect(h.slept).toEqual([500]);
    expect(summary(events).filter((e) => e.includes(': '))).toEqual([
      'parent: start',
      'child: start',
      'child: success',
      'child: start',
      'child: success',
      'parent: success',
    ]);
    expect(events.at(-1)).toMatchObject({
      outcome: { kind: 'success', outputs: { state: 'Finished' } },
    });
  });

  it('fails a workflow whose dependency failed, naming it', async () => {
    const h = harness([reply(500, {})]);
    const events = await collect(runWorkflow(bind(), 'batch', { name: 'n' }, h.deps));
    expect(summary(events).filter((e) => e.includes(': '))).toEqual([
      'prepare: start',
      'prepare: criteria',
      'batch: dependency',
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'workflow-end',
      workflowId: 'batch',
      outcome: {
        kind: 'failure',
        failure: {
          kind: 'dependency',
          workflowId: 'prepare',
          message:
            'Workflow "batch" depends on "prepare", which failed: Step "ping" did not meet its success criteria (HTTP 500).',
        },
      },
    });
    expect(h.sent).toHaveLength(1);
  });

  it('ends at once, saying so, for a workflow the document does not have', async () => {
    const h = harness([]);
    expect(await collect(runWorkflow(bind(), 'nope', {}, h.deps))).toEqual([
      {
        type: 'workflow-end',
        workflowId: 'nope',
        at: 1_000_000,
        outcome: {
          kind: 'failure',
          failure: {
            kind: 'dependency',
            workflowId: 'nope',
            message: 'There is no workflow "nope".',
          },
        },
      },
    ]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, counted from when the response arrived', () => {
    expect(retryAfterMs([['retry-after', '12']], 0)).toBe(12000);
    expect(
      retryAfterMs(
        [['Retry-After', 'Wed, 21 Oct 2015 07:28:10 GMT']],
        Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'),
      ),
    ).toBe(10000);
    expect(retryAfterMs([['Retry-After', 'soon']], 0)).toBeUndefined();
    expect(retryAfterMs([], 0)).toBeUndefined();
  });
});

describe('setAtPointer', () => {
  it('sets a value at a pointer in a copy, creating what is missing', () => {
    const original = { a: { b: 1 }, list: [1, 2] };
    expect(setAtPointer(original, '/a/b', 2)).toEqual({ a: { b: 2 }, list: [1, 2] });
    expect(setAtPointer(original, '/list/-', 3)).toEqual({ a: { b: 1 }, list: [1, 2, 3] });
    expect(setAtPointer(original, '/new/0', 'x')).toEqual({
      a: { b: 1 },
      list: [1, 2],
      new: ['x'],
    });
    expect(original).toEqual({ a: { b: 1 }, list: [1, 2] });
  });
});
