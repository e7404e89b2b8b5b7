import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerClient } from '@azure/storage-blob';
import { startTestAzurite, type TestAzurite } from '../testing/test-azurite';
import { createDemoService, type DemoService } from './create-demo-service';

const KEY = 'test-key';
const ORIGIN = 'http://127.0.0.1:5999';
const EXECUTE = '/workspaces/demo-workspace/services/simple-feature-hashing/execute';
const tutorial = {
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
};
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

let azurite: TestAzurite;
let service: DemoService;

beforeAll(async () => {
  azurite = await startTestAzurite();
  service = await createDemoService({
    storageConnectionString: azurite.connectionString,
    apiKey: KEY,
    allowedOrigins: [ORIGIN],
  });
});

afterAll(async () => {
  await service?.close();
  await azurite?.stop();
});

async function execute(options: {
  url?: string;
  body?: unknown;
  payload?: string;
  headers?: Record<string, string>;
}) {
  const response = await service.app.inject({
    method: 'POST',
    url: options.url ?? `${EXECUTE}?api-version=2.0&details=true`,
    headers: options.headers ?? auth,
    payload:
      options.payload ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: response.json<Record<string, unknown>>(),
  };
}

function errorCodes(json: Record<string, unknown>): [string, string, string] {
  const error = json.error as { code: string; details: Array<{ code: string; message: string }> };
  return [error.code, error.details[0]?.code ?? '', error.details[0]?.message ?? ''];
}

describe('RRS execute over HTTP', () => {
  it('answers the tutorial request exactly like the published web service', async () => {
    const { status, headers, json } = await execute({ body: tutorial });
    expect(status).toBe(200);
    expect(headers['content-type']).toContain('application/json');
    expect(headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(json).toEqual({
      Results: {
        output1: {
          type: 'table',
          value: {
            ColumnNames: [
              'Col2',
              ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`),
            ],
            ColumnTypes: [
              'String',
              'Int32',
              'Int32',
              'Int32',
              'Int32',
              'Int32',
              'Int32',
              'Int32',
              'Int32',
            ],
            Values: [['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']],
          },
        },
      },
    });
  });

  it('scores many rows, honours GlobalParameters and leaves ColumnTypes out without details', async () => {
    const { status, json } = await execute({
      url: `${EXECUTE}?api-version=2.0`,
      body: {
        Inputs: {
          input1: {
            ColumnNames: ['Col2'],
            Values: [['This is a good day'], ['This is a good day']],
          },
        },
        GlobalParameters: { 'Hashing bitsize': '4', 'N-grams': '2' },
      },
    });
    expect(status).toBe(200);
    const value = (json.Results as { output1: { value: Record<string, unknown> } }).output1.value;
    expect(value.ColumnTypes).toBeUndefined();
    expect(value.ColumnNames).toHaveLength(17);
    const row = [
      'This is a good day',
      '1',
      '1',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
      '2',
      '0',
      '2',
      '0',
      '1',
    ];
    expect(value.Values).toEqual([row, row]);
  });

  it('answers format=swagger requests (the generated Python and C# samples) with records', async () => {
    const { status, json } = await execute({
      url: `${EXECUTE}?api-version=2.0&format=swagger`,
      body: { Inputs: { input1: [{ Col2: 'This is a good day' }] }, GlobalParameters: {} },
    });
    expect(status).toBe(200);
    const records = (json.Results as { output1: Array<Record<string, string>> }).output1;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      Col2: 'This is a good day',
      'Col2_HashingFeature.2': '2',
      'Col2_HashingFeature.7': '1',
    });
  });

  it('reads the body as JSON whatever the Content-Type says', async () => {
    const { status } = await execute({
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/plain' },
      body: tutorial,
    });
    expect(status).toBe(200);
  });

  const tooBig = JSON.stringify({
    Inputs: {
      input1: {
        ColumnNames: ['Col2'],
        Values: Array.from({ length: 50_000 }, () => ['x'.repeat(90)]),
      },
    },
  });

  it.each([
    [
      'unknown workspace',
      {
        url: '/workspaces/other/services/simple-feature-hashing/execute?api-version=2.0',
        body: tutorial,
      },
      404,
      'NotFound',
      'WorkspaceNotFound',
      "'other'",
    ],
    [
      'unknown service',
      { url: '/workspaces/demo-workspace/services/nope/execute?api-version=2.0', body: tutorial },
      404,
      'NotFound',
      'WebServiceNotFound',
      "'nope'",
    ],
    [
      'no key',
      { headers: { 'content-type': 'application/json' }, body: tutorial },
      401,
      'Unauthorized',
      'ScoreRequestUnauthorized',
      'Invalid credentials provided.',
    ],
    [
      'a wrong key',
      {
        headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
        body: tutorial,
      },
      401,
      'Unauthorized',
      'ScoreRequestUnauthorized',
      'Invalid credentials',
    ],
    [
      'a key without Bearer',
      { headers: { authorization: KEY, 'content-type': 'application/json' }, body: tutorial },
      401,
      'Unauthorized',
      'ScoreRequestUnauthorized',
      'Invalid credentials',
    ],
    [
      'no api-version',
      { url: `${EXECUTE}?details=true`, body: tutorial },
      400,
      'BadArgument',
      'MissingApiVersion',
      "'api-version' is required",
    ],
    [
      'a wrong api-version',
      { url: `${EXECUTE}?api-version=1.0`, body: tutorial },
      400,
      'BadArgument',
      'InvalidApiVersion',
      "api-version '1.0'",
    ],
    [
      'a body that is not JSON',
      { payload: '{"Inputs": ' },
      400,
      'BadArgument',
      'RequestBodyInvalid',
      'not valid JSON',
    ],
    ['an empty body', { payload: '' }, 400, 'BadArgument', 'RequestBodyInvalid', 'body is empty'],
    [
      'a body over 4 MB',
      { payload: tooBig },
      413,
      'MemoryQuotaViolation',
      'RequestBodyTooLarge',
      '4 MB',
    ],
    [
      'no Inputs',
      { body: { GlobalParameters: {} } },
      400,
      'BadArgument',
      'MissingRequestInput',
      '"Inputs"',
    ],
    ['no input1', { body: { Inputs: {} } }, 400, 'BadArgument', 'MissingRequestInput', "'input1'"],
    [
      'no Col2',
      { body: { Inputs: { input1: { ColumnNames: ['Text'], Values: [['a']] } } } },
      400,
      'BadUserArgument',
      'InputMismatchError',
      "'Col2'",
    ],
    [
      'a short row',
      { body: { Inputs: { input1: { ColumnNames: ['Col1', 'Col2'], Values: [['a']] } } } },
      400,
      'BadUserArgument',
      'InputMismatchError',
      'has 1 value(s)',
    ],
    [
      'a bad bitsize',
      { body: { ...tutorial, GlobalParameters: { 'Hashing bitsize': '0' } } },
      400,
      'BadArgument',
      'BadParameterValue',
      'Hashing bitsize',
    ],
    [
      'an unknown parameter',
      { body: { ...tutorial, GlobalParameters: { Other: '1' } } },
      400,
      'BadArgument',
      'UnexpectedParameter',
      "'Other'",
    ],
  ])('answers %s with the documented error', async (_name, request, status, code, detail, text) => {
    const response = await execute(request);
    expect(response.status).toBe(status);
    const [c, d, message] = errorCodes(response.json);
    expect([c, d]).toEqual([code, detail]);
    expect(message).toContain(text);
  });

  it('answers a malformed URL in the Azure ML error shape', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/workspaces/demo%E0%A4%A-workspace/services/simple-feature-hashing/execute?api-version=2.0',
      headers: auth,
      payload: JSON.stringify(tutorial),
    });
    expect(response.statusCode).toBe(400);
    expect(errorCodes(response.json())[0]).toBe('BadArgument');
  });

  it('answers unknown routes and methods in the Azure ML error shape', async () => {
    for (const [method, url] of [
      ['GET', '/nowhere'],
      ['GET', `${EXECUTE}?api-version=2.0`],
      ['PUT', '/workspaces/demo-workspace/services/simple-feature-hashing/jobs'],
    ] as const) {
      const response = await service.app.inject({ method, url, headers: auth });
      expect(response.statusCode).toBe(404);
      expect(errorCodes(response.json())).toEqual([
        'NotFound',
        'ResourceNotFound',
        expect.stringContaining('There is no operation'),
      ]);
    }
  });
});

describe('over a real socket', () => {
  it('listens on 127.0.0.1 and answers a real HTTP client', async () => {
    const listening = await createDemoService({
      storageConnectionString: azurite.connectionString,
      apiKey: KEY,
      port: 0,
    });
    try {
      const base = await listening.listen();
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${base}${EXECUTE}?api-version=2.0`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(tutorial),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        Results: { output1: { value: { Values: string[][] } } };
      };
      expect(body.Results.output1.value.Values[0]?.slice(1).join(' ')).toBe('1 1 2 2 0 2 0 1');
    } finally {
      await listening.close();
    }
  });
});

describe('CORS, health and the upload SAS', () => {
  it('allows the portal origin in preflight and exposes the useful headers', async () => {
    const preflight = await service.app.inject({
      method: 'OPTIONS',
      url: `${EXECUTE}?api-version=2.0`,
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,ocp-apim-subscription-key',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toBe(
      'authorization, content-type, ocp-apim-subscription-key',
    );
    const denied = await execute({
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: tutorial,
    });
    expect(denied.status).toBe(401);
    expect(denied.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(denied.headers['access-control-expose-headers'])).toContain('x-ms-request-id');
    // Error answers carry CORS headers too, so the portal can show their bodies.
    const missing = await service.app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { origin: ORIGIN },
    });
    expect([missing.statusCode, missing.headers['access-control-allow-origin']]).toEqual([
      404,
      ORIGIN,
    ]);
    const huge = await execute({
      headers: { ...auth, origin: ORIGIN },
      payload: 'x'.repeat(5 * 1024 * 1024),
    });
    expect([huge.status, huge.headers['access-control-allow-origin']]).toEqual([413, ORIGIN]);
    const other = await execute({
      headers: { ...auth, origin: 'http://evil.example' },
      body: tutorial,
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sets CORS rules on the storage account so the portal can upload and read blobs', async () => {
    const preflight = await fetch(`${azurite.blobEndpoint}/portico-uploads/any.csv`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-ms-blob-type,content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('reports health once storage answers', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/health' });
    expect([response.statusCode, response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('hands out a 60-minute racwl container SAS for portico-uploads that really works, only with the key', async () => {
    const refused = await service.app.inject({ method: 'POST', url: '/demo/storage/sas' });
    expect(refused.statusCode).toBe(401);
    const before = Date.now();
    const response = await service.app.inject({
      method: 'POST',
      url: '/demo/storage/sas',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(response.statusCode).toBe(200);
    const { containerUrl, expiresOn, sasToken, sasParameters } = response.json<{
      containerUrl: string;
      expiresOn: string;
      sasToken: string;
      sasParameters: Record<string, string>;
    }>();
    const url = new URL(containerUrl);
    // The same SAS as BES's SasBlobToken and field by field (the demo Arazzo workflow's Put Blob).
    expect(sasToken).toBe(url.search);
    expect(sasParameters).toEqual(Object.fromEntries(url.searchParams));
    expect(response.json()).toMatchObject({
      accountUrl: `${azurite.blobEndpoint}/`,
      container: 'portico-uploads',
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${azurite.blobEndpoint}/portico-uploads`);
    expect(url.searchParams.get('sp')).toBe('racwl');
    expect(url.searchParams.get('sr')).toBe('c');
    expect(Math.round((Date.parse(expiresOn) - before) / 60_000)).toBe(60);
    expect(containerUrl).not.toContain(
      azurite.connectionString.match(/AccountKey=([^;]+)/)?.[1] ?? '!',
    );
    const container = new ContainerClient(containerUrl);
    await container.getBlockBlobClient('probe.csv').upload('Col2\nhi\n', 8);
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat()) names.push(blob.name);
    expect(names).toContain('probe.csv');
  });
});

describe('health when storage goes away', () => {
  it('answers 503 ServiceUnavailable once its storage stops answering', async () => {
    const own = await startTestAzurite();
    const lonely = await createDemoService({
      storageConnectionString: own.connectionString,
      apiKey: KEY,
    });
    try {
      expect((await lonely.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      await own.stop();
      const response = await lonely.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(errorCodes(response.json())).toEqual([
        'ServiceUnavailable',
        'StorageUnavailable',
        expect.stringContaining('Is Azurite running?'),
      ]);
      const submit = await lonely.app.inject({
        method: 'POST',
        url: '/workspaces/demo-workspace/services/simple-feature-hashing/jobs?api-version=2.0',
        headers: auth,
        payload: JSON.stringify({
          Input: { ConnectionString: own.connectionString, RelativeLocation: '/abc/in.csv' },
        }),
      });
      expect(submit.statusCode).toBe(503);
      expect(errorCodes(submit.json()).slice(0, 2)).toEqual([
        'ServiceUnavailable',
        'StorageUnavailable',
      ]);
    } finally {
      await lonely.close();
      await own.stop();
    }
  });
});
