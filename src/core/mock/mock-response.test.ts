import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiOperation, ApiResponse } from '../definition/api-model';
import { loadDefinition } from '../definition/load-definition';
import { checkResponse } from '../response-check/check-response';
import { MOCK_BASE_URL } from './mock-environment';
import { isMockedInBrowser } from './mock-marker';
import { mockExamples } from './mock-status';
import {
  defaultMockStatus,
  mockResponse,
  mockSender,
  operationForRequest,
  statusCodeOf,
} from './mock-response';

const decode = (body: Uint8Array) => new TextDecoder().decode(body);

const pet = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'integer', format: 'int64' },
    name: { type: 'string', example: 'Rex' },
    secret: { type: 'string', writeOnly: true },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

const responses: ApiResponse[] = [
  {
    status: '200',
    headers: [{ name: 'X-Rate-Limit', schema: { type: 'integer', example: 5 } }],
    content: [
      {
        contentType: 'application/json',
        schema: pet,
        examples: [{ name: 'rex', value: { id: 7, name: 'Rex from the example' } }],
      },
      { contentType: 'text/plain', schema: { type: 'string' }, examples: [] },
    ],
  },
  {
    status: '4XX',
    headers: [],
    content: [
      {
        contentType: 'application/problem+json',
        schema: {
          type: 'object',
          required: ['title'],
          properties: { title: { type: 'string' }, status: { type: 'integer', enum: [404] } },
        },
        examples: [],
      },
    ],
  },
  { status: '204', headers: [], content: [] },
];

describe('mockResponse', () => {
  it("answers the first 2XX by default with the definition's example, marked as mocked", () => {
    const response = mockResponse({ responses });
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(JSON.parse(decode(response.body))).toEqual({ id: 7, name: 'Rex from the example' });
    expect(response.headers).toEqual([
      ['content-type', 'application/json; charset=utf-8'],
      ['x-rate-limit', '5'],
      ['x-portico-mocked', 'browser'],
    ]);
    expect(response.contentType).toBe('application/json; charset=utf-8');
    expect(response.size).toBe(response.body.byteLength);
    expect(response.receivedAt).toBe(0);
    expect(isMockedInBrowser(response.headers)).toBe(true);
  });

  it('samples the schema (openapi-sampler) when there is no example, for the status picked', () => {
    const response = mockResponse({ responses }, { status: '4XX' });
    expect(response.status).toBe(400);
    expect(response.contentType).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(decode(response.body))).toEqual({ title: 'string', status: 404 });
  });

  it('samples without writeOnly properties and with schema examples', () => {
    const withoutExample: ApiResponse = {
      status: '201',
      headers: [],
      content: [{ contentType: 'application/json', schema: pet, examples: [] }],
    };
    const response = mockResponse({ responses: [withoutExample] });
    expect(response.status).toBe(201);
    expect(JSON.parse(decode(response.body))).toEqual({ id: 0, name: 'Rex', tags: ['string'] });
  });

  it('answers with the example picked by name, the first when the name is unknown', () => {
    const two: ApiResponse = {
      status: '200',
      headers: [],
      content: [
        {
          contentType: 'application/json',
          examples: [
            { name: 'running', value: { StatusCode: 'Running' } },
            { name: 'finished', value: { StatusCode: 'Finished' } },
          ],
        },
      ],
    };
    const body = (example?: string) =>
      JSON.parse(decode(mockResponse({ responses: [two] }, example ? { example } : {}).body));
    expect(body('finished')).toEqual({ StatusCode: 'Finished' });
    expect(body('gone')).toEqual({ StatusCode: 'Running' });
    expect(mockExamples({ responses: [two] }, '200')).toEqual([
      { name: 'running' },
      { name: 'finished' },
    ]);
  });

  it('answers a response declared without content with an empty body and no Content-Type', () => {
    const response = mockResponse({ responses }, { status: '204' });
    expect(response.status).toBe(204);
    expect(response.body.byteLength).toBe(0);
    expect(response.headers).toEqual([['x-portico-mocked', 'browser']]);
  });

  it("picks the media type the request's Accept names", () => {
    const response = mockResponse(
      { responses },
      { request: { headers: [{ name: 'Accept', value: 'text/plain' }] } },
    );
    expect(response.contentType).toBe('text/plain; charset=utf-8');
    expect(decode(response.body)).toBe('string');
  });

  it('turns ranges and default into real status codes', () => {
    expect(statusCodeOf('5XX', { responses })).toBe(500);
    expect(statusCodeOf('default', { responses })).toBe(500);
    expect(
      statusCodeOf('default', { responses: [{ status: 'default', headers: [], content: [] }] }),
    ).toBe(200);
    expect(defaultMockStatus({ responses: [{ status: '404', headers: [], content: [] }] })).toBe(
      '404',
    );
  });
});

describe('operationForRequest and mockSender', () => {
  const ops = [
    { method: 'get', path: '/jobs/{id}' },
    { method: 'get', path: '/jobs/latest' },
    { method: 'post', path: '/jobs' },
  ] as const;

  it('finds the operation by method and path template, a literal path first', () => {
    const at = (method: string, path: string) =>
      operationForRequest(ops, { method, url: `${MOCK_BASE_URL}${path}?api-version=2.0` });
    expect(at('GET', '/jobs/abc')).toBe(ops[0]);
    expect(at('GET', '/jobs/latest')).toBe(ops[1]);
    expect(at('POST', '/jobs')).toBe(ops[2]);
    expect(at('DELETE', '/jobs/abc')).toBeUndefined();
    expect(
      operationForRequest(ops, { method: 'GET', url: 'https://example.com/jobs/1' }),
    ).toBeUndefined();
  });

  it('answers through the sender seam, and refuses a request it has no operation for', async () => {
    const operation = { method: 'get', path: '/jobs/{id}', responses } as unknown as ApiOperation;
    const send = mockSender([operation], () => '4XX');
    const response = await send({ method: 'GET', url: `${MOCK_BASE_URL}/jobs/1`, headers: [] });
    expect(response.status).toBe(400);
    const picked = mockSender([operation], () => ({ status: '204' }));
    expect(
      (await picked({ method: 'GET', url: `${MOCK_BASE_URL}/jobs/1`, headers: [] })).status,
    ).toBe(204);
    await expect(
      send({ method: 'GET', url: `${MOCK_BASE_URL}/nothing`, headers: [] }),
    ).rejects.toThrow('The Mock environment has no operation for GET');
  });
});

describe('the demo API, mocked', () => {
  it('answers every operation with a response that matches its own definition', async () => {
    const text = readFileSync(
      new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
      'utf8',
    );
    const def = await loadDefinition(
      { text, fileName: 'azureml-demo.openapi.json' },
      { id: 'demo' },
    );
    for (const operation of def.operations) {
      for (const { status } of operation.responses) {
        const response = mockResponse(operation, { status });
        const check = checkResponse(operation, response, { specVersion: def.specVersion });
        expect([operation.operationId, status, check.kind]).toEqual([
          operation.operationId,
          status,
          'matches',
        ]);
      }
    }
    const execute = def.operations.find((o) => o.operationId === 'RRS_Execute');
    const body = execute && JSON.parse(decode(mockResponse(execute).body));
    expect(body).toMatchObject({ Results: { output1: { type: 'table' } } });
  });
});

describe('under the portal CSP (no eval, no new Function)', () => {
  const realFunction = globalThis.Function;
  const realEval = globalThis.eval;
  afterEach(() => {
    globalThis.Function = realFunction;
    globalThis.eval = realEval;
  });

  it('samples (openapi-sampler) and validates (@cfworker/json-schema) without generating code', () => {
    const forbidden = vi.fn(() => {
      throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
    });
    globalThis.Function = forbidden;
    globalThis.eval = forbidden;
    const operation = { responses: [{ ...responses[1]!, status: '200' }] };
    const response = mockResponse(operation);
    expect(checkResponse(operation, response, { specVersion: 'openapi-3.0' }).kind).toBe('matches');
    const broken = { ...response, body: new TextEncoder().encode('{"status": 500}') };
    expect(checkResponse(operation, broken, { specVersion: 'openapi-3.0' }).kind).toBe(
      'mismatches',
    );
    expect(forbidden).not.toHaveBeenCalled();
  });
});
