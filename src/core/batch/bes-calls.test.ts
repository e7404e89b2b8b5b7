import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../config/portal-config';
import { loadDefinition } from '../definition/load-definition';
import type { HttpResponse } from '../request/send-request';
import { findBesOperations } from './batch-operations';
import { BesCallError } from './bes-call-error';
import {
  besFailure,
  besRequest,
  demoSasRequest,
  readDemoSasResponse,
  readJobStatus,
  readStatusResponse,
  readSubmitResponse,
  requestDemoSas,
  runJobStep,
  submitJob,
  type BesContext,
  type CallRecord,
} from './bes-calls';

const text = readFileSync(
  new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
  'utf8',
);

function response(
  status: number,
  body: string,
  headers: Array<[string, string]> = [],
  statusText = '',
): HttpResponse {
  const bytes = new TextEncoder().encode(body);
  return {
    status,
    statusText,
    headers,
    body: bytes,
    contentType: 'application/json',
    durationMs: 1,
    size: bytes.length,
    receivedAt: 0,
  };
}

const environment: Environment = {
  id: 'local',
  name: 'Local demo',
  baseUrl: 'http://127.0.0.1:1/',
  credentials: { azureml: 'k-123' },
  storage: { sasEndpoint: '/demo/sas' },
};

async function contextFor(env: Environment): Promise<BesContext> {
  const api = await loadDefinition({ text, fileName: 'azureml-demo.openapi.json' }, { id: 'demo' });
  const lookup = findBesOperations(api);
  if (!lookup.ok) throw new Error('the demo definition has its BES operations');
  return { api, environment: env, operations: lookup.operations, workspace: 'ws', service: 'svc' };
}

describe('besRequest', () => {
  it('builds each step through buildRequest with the workspace, service and job id', async () => {
    const context = await contextFor(environment);
    const submit = besRequest(context, 'submit', undefined, '{"a":1}');
    expect(submit.method).toBe('POST');
    expect(submit.url).toBe('http://127.0.0.1:1/workspaces/ws/services/svc/jobs?api-version=2.0');
    expect(submit.body).toBe('{"a":1}');
    expect(submit.headers).toEqual([
      { name: 'Authorization', value: 'Bearer k-123', secret: true, schemeId: 'azureml' },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    const status = besRequest(context, 'status', 'job-1');
    expect([status.method, status.url, status.body]).toEqual([
      'GET',
      'http://127.0.0.1:1/workspaces/ws/services/svc/jobs/job-1?api-version=2.0',
      undefined,
    ]);
    expect(besRequest(context, 'start', 'job-1').url).toBe(
      'http://127.0.0.1:1/workspaces/ws/services/svc/jobs/job-1/start?api-version=2.0',
    );
    expect(besRequest(context, 'delete', 'job-1').method).toBe('DELETE');
  });
});

describe('reading BES answers', () => {
  it('reads a job id from BES Submit, and refuses anything else with the reason', () => {
    expect(readSubmitResponse(response(200, '"539d0bc2fde945b6ac986b851d0000f0"'))).toBe(
      '539d0bc2fde945b6ac986b851d0000f0',
    );
    expect(() => readSubmitResponse(response(200, '{"id":"x"}'))).toThrow(
      'BES Submit answered 200 but its body is not a job id (expected a JSON string such as "539d0bc2fde945b6ac986b851d0000f0").',
    );
    const refused = () =>
      readSubmitResponse(
        response(
          400,
          '{"error":{"code":"BadArgument","message":"Invalid blob."}}',
          [],
          'Bad Request',
        ),
      );
    expect(refused).toThrow(BesCallError);
    expect(refused).toThrow(
      'BES Submit was answered with 400 Bad Request. BadArgument: Invalid blob.',
    );
  });

  it('names the call and the status in a failure', () => {
    const error = besFailure('BES Start', response(404, '', [], 'Not Found'));
    expect(error).toMatchObject({ label: 'BES Start', status: 404 });
    expect(error.message).toBe('BES Start was answered with 404 Not Found.');
  });

  it('sorts BES Status answers into status, transient and rejected', () => {
    expect(
      readStatusResponse(response(200, '{"StatusCode":"Running","Results":null,"Details":null}')),
    ).toEqual({
      kind: 'status',
      status: { state: 'Running', results: [], details: null },
      httpStatus: 200,
      retryAfter: null,
    });
    expect(
      readStatusResponse(response(503, '', [['Retry-After', '1']], 'Service Unavailable')),
    ).toEqual({
      kind: 'transient',
      httpStatus: 503,
      retryAfter: '1',
      message: 'BES Status was answered with 503 Service Unavailable. Retry after 1 second.',
    });
    expect(readStatusResponse(response(401, '', [], 'Unauthorized'))).toEqual({
      kind: 'rejected',
      httpStatus: 401,
      message: 'BES Status was answered with 401 Unauthorized.',
    });
    expect(readStatusResponse(response(200, '"nonsense"')).kind).toBe('transient');
  });

  it('reads the calls left in the rate-limit window, for pacing the watch', () => {
    expect(
      readStatusResponse(
        response(200, '{"StatusCode":"Running","Results":null,"Details":null}', [
          ['X-RateLimit-Remaining', '1'],
        ]),
      ),
    ).toEqual({
      kind: 'status',
      status: { state: 'Running', results: [], details: null },
      httpStatus: 200,
      retryAfter: null,
      remaining: 1,
    });
  });

  it("waits out API Management's quota 403 when it says when calls work again", () => {
    expect(
      readStatusResponse(response(403, '', [['Retry-After', '30']], 'Forbidden')),
    ).toMatchObject({ kind: 'transient', httpStatus: 403, retryAfter: '30' });
    expect(readStatusResponse(response(403, '', [], 'Forbidden'))).toMatchObject({
      kind: 'rejected',
      httpStatus: 403,
    });
  });

  it('builds the demo SAS request with the key as a secret header, and reads its answer', () => {
    expect(demoSasRequest(environment)).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:1/demo/sas',
      headers: [{ name: 'Authorization', value: 'Bearer k-123', secret: true }],
    });
    expect(demoSasRequest({ ...environment, storage: undefined })).toBeUndefined();
    // Through the gateway the SAS helper is not published: an absolute endpoint is used as is.
    expect(
      demoSasRequest({
        ...environment,
        baseUrl: 'http://127.0.0.1:2/gateway/',
        storage: { sasEndpoint: 'http://127.0.0.1:1/demo/sas' },
      })?.url,
    ).toBe('http://127.0.0.1:1/demo/sas');
    expect(
      readDemoSasResponse(response(200, '{"containerUrl":"http://s/c?sig=x","expiresOn":"2030"}')),
    ).toEqual({ containerUrl: 'http://s/c?sig=x', expiresOn: '2030' });
    expect(() => readDemoSasResponse(response(200, '{}'))).toThrow(
      'The demo SAS response has no "containerUrl".',
    );
  });
});

describe('BES calls against a loopback server', () => {
  let server: Server;
  let context: BesContext;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method === 'POST' && req.url?.startsWith('/workspaces/ws/services/svc/jobs?')) {
        res.end('"job-42"');
      } else if (req.url?.includes('/jobs/job-42/start')) {
        res.statusCode = 409;
        res.end('{"error":{"code":"Conflict","message":"Already started."}}');
      } else if (req.url?.includes('/jobs/job-42')) {
        res.end('{"StatusCode":"NotStarted","Results":null,"Details":null}');
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    context = await contextFor({ ...environment, baseUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('submits, reports each call pending then answered, and shows the body it was told to', async () => {
    const records: CallRecord[] = [];
    const { jobId } = await submitJob(context, '{"secret":"sig=1"}', '{"secret":"<hidden>"}', (r) =>
      records.push(r),
    );
    expect(jobId).toBe('job-42');
    expect(records.map((r) => [r.label, r.state.status, r.request.body])).toEqual([
      ['BES Submit', 'pending', '{"secret":"<hidden>"}'],
      ['BES Submit', 'success', '{"secret":"<hidden>"}'],
    ]);
    expect(records[0]?.id).toBe(records[1]?.id);
  });

  it('reads the status as a value with its call, and throws a refused start', async () => {
    const read = await readJobStatus(context, 'job-42');
    expect(read.outcome).toMatchObject({ kind: 'status', status: { state: 'NotStarted' } });
    expect(read.call).toMatchObject({ label: 'BES Status', state: { status: 'success' } });
    await expect(runJobStep(context, 'start', 'job-42', () => undefined)).rejects.toThrow(
      'BES Start was answered with 409 Conflict. Conflict: Already started.',
    );
  });

  it('turns a server that is gone into a network-error outcome, not a throw', async () => {
    const gone = await contextFor({ ...environment, baseUrl: 'http://127.0.0.1:1' });
    const read = await readJobStatus(gone, 'job-42');
    expect(read.outcome.kind).toBe('network-error');
    expect(read.call.state.status).toBe('error');
  });

  it('says so when an environment hands out no demo SAS', async () => {
    await expect(
      requestDemoSas({ ...environment, storage: undefined }, () => undefined),
    ).rejects.toThrow('This environment hands out no demo SAS.');
  });
});
