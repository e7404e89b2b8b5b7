import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableCatalogStore } from '../../gateway/core/table-catalog-store';
import { TableGatewayStore } from '../../gateway/core/table-gateway-store';
import { createGateway, type Gateway } from '../../gateway/http/create-gateway';
import { fillConsumeSnippet, runPython } from '../../testing/azureml-consume-snippet';
import { rawRequest } from '../../testing/raw-http';
import { startTestAzuriteTable, type TestAzuriteTable } from '../../testing/test-azurite';
import {
  EndpointCredentials,
  MemoryCredentialStore,
  TableCredentialStore,
} from '../core/endpoint-credentials';
import { assistantEndpoint } from '../core/online-endpoints';
import { seededRandom } from '../core/traffic';
import { registerOnlineEndpointControlPlane } from './control-plane-routes';
import { createOnlineEndpoint, type StreamEnd } from './create-online-endpoint';
import { openOnlineEndpoints, type OnlineEndpoints } from './open-online-endpoints';

const KEY = 'test-endpoint-key';
const ASSISTANT_KEY = 'test-assistant-key';
const ADMIN = 'test-admin-key';
const TOKEN_TTL = 600;
const ARM =
  '/management/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/onlineEndpoints';
const TUTORIAL_ROW = {
  input_data: { columns: ['Col1', 'Col2'], index: [0], data: [['1', 'This is a good day']] },
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let table: TestAzuriteTable;
let endpoints: OnlineEndpoints;
let gateway: Gateway;
let hashing = '';
let assistant = '';
let management = '';
let now = Date.now();
const streamEnds: StreamEnd[] = [];

beforeAll(async () => {
  table = await startTestAzuriteTable();
  endpoints = await openOnlineEndpoints({
    tableConnectionString: table.connectionString,
    hashingKey: KEY,
    assistantKey: ASSISTANT_KEY,
    tokenDelayMs: 10,
    tokenTtlSeconds: TOKEN_TTL,
    clock: () => now,
    shared: { random: seededRandom(2026), onStreamEnd: (end) => streamEnds.push(end) },
  });
  hashing = await endpoints.hashing.listen();
  assistant = await endpoints.assistant.listen();
  // The control plane lives on the stack's management root: the gateway's.
  gateway = await createGateway({
    store: await TableGatewayStore.open(table.connectionString),
    catalogStore: await TableCatalogStore.open(table.connectionString),
    backendUrl: hashing,
    publishDemoApi: false,
    adminKey: ADMIN,
    port: 0,
    flushIntervalMs: 0,
    registerRoutes: (app, ctx) => registerOnlineEndpointControlPlane(app, ctx, endpoints.all),
  });
  management = await gateway.listen();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await endpoints?.close();
  await table?.stop();
});

function score(
  body: unknown,
  headers: Record<string, string> = {},
  base = hashing,
): Promise<Response> {
  return fetch(`${base}/score`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function arm(path: string, body?: unknown, key = ADMIN): Promise<Response> {
  return fetch(`${management}${ARM}${path}?api-version=2023-04-01`, {
    method: path === '/portico-hashing' ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('portico-hashing: scoring', () => {
  it('answers GET / with Healthy', async () => {
    const answer = await fetch(`${hashing}/`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('Healthy');
    expect(answer.headers.get('server')).toBe('azureml-frontdoor');
  });

  it("scores the tutorial's row in the split shape with the headers Azure ML adds", async () => {
    const answer = await score(TUTORIAL_ROW, {
      'azureml-model-deployment': 'blue',
      'x-ms-client-request-id': 'my.trace/id-0123456789-0123456789-0123456789-TAIL',
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      columns: ['Col1', 'Col2', ...Array.from({ length: 8 }, (_, i) => `Col2_HashingFeature.${i}`)],
      index: [0],
      data: [['1', 'This is a good day', 1, 1, 2, 2, 0, 2, 0, 1]],
    });
    const h = answer.headers;
    expect(h.get('content-type')).toMatch(/^application\/json/);
    expect(h.get('azureml-model-deployment')).toBe('blue');
    expect(h.get('azureml-model-session')).toBe('blue');
    expect(h.get('x-ms-run-function-failed')).toBe('False');
    expect(h.get('x-ms-server-version')).toBe('azmlinfsrv/1.4.0');
    expect(h.get('x-ms-run-fn-exec-ms')).toMatch(/^\d+\.\d{3}$/);
    expect(h.get('x-request-id')).toMatch(GUID);
    // Echoed with only alphanumerics, - and _, cut to 40 characters; x-ms-request-id follows it.
    expect(h.get('x-ms-client-request-id')).toBe('mytraceid-0123456789-0123456789-01234567');
    expect(h.get('x-ms-request-id')).toBe('mytraceid-0123456789-0123456789-01234567');
  });

  it('sends a call naming green to green (model version 2: 16 features), whatever the split', async () => {
    const answer = await score(TUTORIAL_ROW, { 'azureml-model-deployment': 'green' });
    expect(answer.headers.get('azureml-model-deployment')).toBe('green');
    const body = (await answer.json()) as { columns: string[] };
    expect(body.columns).toHaveLength(2 + 16);
  });

  it('splits un-targeted calls 90/10 by weight: green within 10% +- 4 points over 400 calls', async () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const answer = await score(TUTORIAL_ROW);
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      const served = answer.headers.get('azureml-model-deployment') ?? '?';
      counts[served] = (counts[served] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['blue', 'green']);
    expect(counts.green).toBeGreaterThanOrEqual(24);
    expect(counts.green).toBeLessThanOrEqual(56);
  });

  it('refuses an unknown deployment with 404 in the endpoint shape', async () => {
    const answer = await score(TUTORIAL_ROW, { 'azureml-model-deployment': 'purple' });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({
      message:
        "The deployment 'purple' named in azureml-model-deployment does not exist on this endpoint. Its deployments: blue, green.",
    });
  });

  it('answers input the model refuses with 424 and the model error headers', async () => {
    const answer = await score({ input_data: { columns: ['Col1'], data: [['x']] } });
    expect(answer.status).toBe(424);
    expect(answer.headers.get('ms-azureml-model-error-statuscode')).toBe('400');
    expect(answer.headers.get('ms-azureml-model-error-reason')).toBe('model_error');
    expect(answer.headers.get('azureml-model-deployment')).toMatch(/^(blue|green)$/);
    expect(await answer.json()).toEqual({
      message:
        'input_data.columns must include "Col2", the text this model hashes (given: "Col1").',
    });
    const broken = await score('{"input_data": ');
    expect(broken.status).toBe(424);
    expect(((await broken.json()) as { message: string }).message).toMatch(
      /^The request body is not valid JSON: /,
    );
  });

  it('answers an unknown route with 404 and a body over 5 MB with 413, both as {"message"}', async () => {
    const unknown = await fetch(`${hashing}/predict`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      message:
        'There is no POST /predict on this endpoint. It serves GET /, POST /score and GET /swagger.json.',
    });
    const big = await score(`{"input_data": "${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      message: 'The request body is larger than this endpoint accepts (5 MB).',
    });
  });

  it('answers an x-request-id over 100 characters with 431, as the inference server does', async () => {
    const answer = await score(TUTORIAL_ROW, { 'x-request-id': 'r'.repeat(101) });
    expect(answer.status).toBe(431);
    expect(await answer.json()).toEqual({
      message:
        'x-request-id is longer than 100 characters. Send a GUID, or leave it out and one is made.',
    });
  });

  it('answers a Host that is not its own with 400 (DNS rebinding)', async () => {
    const port = Number(new URL(hashing).port);
    const answer = await rawRequest(port, [
      'GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n',
    ]);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      message: expect.stringContaining(
        "The Host header 'evil.example' is not an address of this service.",
      ) as unknown,
    });
  });
});

describe('portico-hashing: keys, tokens and the control plane', () => {
  it('takes the primary and the secondary key, and refuses others with 401 before reading the body', async () => {
    const listed = await arm('/portico-hashing/listKeys');
    expect(listed.status).toBe(200);
    const keys = (await listed.json()) as { primaryKey: string; secondaryKey: string };
    expect(keys.primaryKey).toBe(KEY);
    expect(
      (await score(TUTORIAL_ROW, { Authorization: `Bearer ${keys.secondaryKey}` })).status,
    ).toBe(200);
    const refused = await score('not json', { Authorization: 'Bearer wrong' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(refused.headers.get('x-request-id')).toMatch(GUID);
    expect(await refused.json()).toEqual({
      message:
        'Unauthorized: send Authorization: Bearer <key> with the primary or secondary key of this endpoint, or an aml_token from its token call.',
    });
    const none = await fetch(`${hashing}/score`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
  });

  it('describes the endpoint in ARM shape, and answers ARM errors for a wrong key or name', async () => {
    const got = await arm('/portico-hashing');
    expect(await got.json()).toMatchObject({
      id: '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1/onlineEndpoints/portico-hashing',
      name: 'portico-hashing',
      properties: {
        authMode: 'Key',
        scoringUri: `${hashing}/score`,
        swaggerUri: `${hashing}/swagger.json`,
        traffic: { blue: 90, green: 10 },
        keys: null,
      },
    });
    const unauthorized = await arm('/portico-hashing/listKeys', undefined, 'not-admin');
    expect(unauthorized.status).toBe(401);
    expect(((await unauthorized.json()) as { error: { code: string } }).error.code).toBe(
      'Unauthorized',
    );
    const missing = await arm('/portico-nothing/listKeys');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'ResourceNotFound',
    );
    const bad = await arm('/portico-hashing/regenerateKeys', { keyType: 'Tertiary' });
    expect(bad.status).toBe(400);
  });

  it('rotates a key for real: 202 with the operation, the old key fails at once, Azurite keeps the new one', async () => {
    const before = (await (await arm('/portico-hashing/listkeys')).json()) as {
      primaryKey: string;
      secondaryKey: string;
    };
    const rotated = await arm('/portico-hashing/regenerateKeys', { keyType: 'Primary' });
    expect(rotated.status).toBe(202);
    const operation = rotated.headers.get('azure-asyncoperation') ?? '';
    expect(rotated.headers.get('location')).toBe(operation);
    const status = await fetch(operation, { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(await status.json()).toMatchObject({ status: 'Succeeded' });

    const after = (await (await arm('/portico-hashing/listKeys')).json()) as {
      primaryKey: string;
      secondaryKey: string;
    };
    expect(after.primaryKey).not.toBe(before.primaryKey);
    expect(after.secondaryKey).toBe(before.secondaryKey);
    expect(
      (await score(TUTORIAL_ROW, { Authorization: `Bearer ${before.primaryKey}` })).status,
    ).toBe(401);
    expect(
      (await score(TUTORIAL_ROW, { Authorization: `Bearer ${after.primaryKey}` })).status,
    ).toBe(200);

    // What a restart would read from Azurite Table.
    const reopened = await EndpointCredentials.open({
      endpoint: 'portico-hashing',
      store: await TableCredentialStore.open(table.connectionString),
      initialPrimaryKey: KEY,
    });
    expect(reopened.keys()).toEqual(after);

    const chosen = await arm('/portico-hashing/regenerateKeys', {
      keyType: 'Primary',
      keyValue: KEY,
    });
    expect(chosen.status).toBe(202);
    expect((await score(TUTORIAL_ROW)).status).toBe(200);
  });

  it('takes an aml_token until it expires, then answers 401 saying so', async () => {
    const issued = await arm('/portico-hashing/token');
    const token = (await issued.json()) as {
      accessToken: string;
      expiryTimeUtc: number;
      refreshAfterTimeUtc: number;
    };
    expect(token.expiryTimeUtc).toBe(Math.floor(now / 1000) + TOKEN_TTL);
    expect(token.refreshAfterTimeUtc).toBeLessThan(token.expiryTimeUtc);
    const auth = { Authorization: `Bearer ${token.accessToken}` };
    expect((await score(TUTORIAL_ROW, auth)).status).toBe(200);
    // A token for one endpoint opens no other.
    expect((await score({ question: 'q' }, auth, assistant)).status).toBe(401);
    now += TOKEN_TTL * 1000;
    const expired = await score(TUTORIAL_ROW, auth);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { message: string }).message).toMatch(
      /^Unauthorized: the aml_token has expired\./,
    );
  });
});

describe('swagger.json', () => {
  const get = (query: string, key = KEY): Promise<Response> =>
    fetch(`${hashing}/swagger.json${query}`, { headers: { Authorization: `Bearer ${key}` } });

  it('is Swagger 2.0 by default and OpenAPI 3 on ?version=3, with the input_data example', async () => {
    const v2 = (await (await get('')).json()) as {
      swagger: string;
      definitions: { ServiceInput: { example: unknown } };
    };
    expect(v2.swagger).toBe('2.0');
    expect(v2.definitions.ServiceInput.example).toEqual({
      input_data: {
        columns: ['Col1', 'Col2'],
        index: [0, 1],
        data: [
          ['1', 'This is a good day'],
          ['2', 'This is a bad day'],
        ],
      },
    });
    const v3 = (await (await get('?version=3')).json()) as { openapi: string };
    expect(v3.openapi).toBe('3.0.3');
    const v31 = (await (await get('?version=3.1')).json()) as { openapi: string };
    expect(v31.openapi).toBe('3.1.0');
  });

  it('answers another version with its 404 message, and a call without a key with 401', async () => {
    const answer = await get('?version=1');
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({
      message: 'Swagger version [1] is not valid. Supported versions: [2, 3, 3.1]',
    });
    expect((await get('', 'nope')).status).toBe(401);
  });
});

describe('portico-assistant: streaming', () => {
  const ask = (accept: string, signal?: AbortSignal): Promise<Response> =>
    fetch(`${assistant}/score`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ASSISTANT_KEY}`,
        'Content-Type': 'application/json',
        Accept: accept,
      },
      body: JSON.stringify({ question: 'What is a good day?', chat_history: [] }),
      ...(signal ? { signal } : {}),
    });

  it('streams the answer as prompt flow does: an empty first event, deltas, no [DONE], then the end', async () => {
    const whole = (await (await ask('application/json')).json()) as { answer: string };
    const answer = await ask('text/event-stream');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(answer.headers.get('azureml-model-deployment')).toBe('default');
    const text = await answer.text();
    expect(text.endsWith('\n\n')).toBe(true);
    const events = text.slice(0, -2).split('\n\n');
    expect(events[0]).toBe('data: {"answer": ""}');
    for (const event of events) expect(event).toMatch(/^data: \{"answer": ".*"\}$/);
    const deltas = events.map((e) => (JSON.parse(e.slice(6)) as { answer: string }).answer);
    expect(deltas.join('')).toBe(whole.answer);
    expect(deltas.length).toBeGreaterThan(100);
    expect(text).not.toContain('[DONE]');
  });

  it('stops producing tokens when the caller goes away mid-stream', async () => {
    const stop = new AbortController();
    const answer = await ask('text/event-stream', stop.signal);
    const reader = answer.body!.getReader();
    let received = '';
    while ((received.match(/\n\n/g) ?? []).length < 5) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    const before = streamEnds.length;
    stop.abort();
    await expect.poll(() => streamEnds.length).toBeGreaterThan(before);
    const end = streamEnds.at(-1);
    expect(end).toMatchObject({ endpoint: 'portico-assistant', cancelled: true });
    expect(end?.events).toBeLessThan(50);
  });

  it("answers a media type it cannot produce with 424 and prompt flow's UserError", async () => {
    const answer = await ask('text/html');
    expect(answer.status).toBe(424);
    expect(answer.headers.get('ms-azureml-model-error-statuscode')).toBe('406');
    expect(await answer.json()).toEqual({
      error: {
        code: 'UserError',
        message:
          'Media type text/html in \'Accept\' header is not acceptable. Supported media type(s) - ["application/json", "text/event-stream"]',
      },
    });
  });

  it('answers 408 when the model takes longer than request_timeout_ms, and 429 past 2 x concurrency pending', async () => {
    const slow = await createOnlineEndpoint({
      model: assistantEndpoint({ tokenDelayMs: 30 }),
      credentials: await EndpointCredentials.open({
        endpoint: 'portico-assistant',
        store: new MemoryCredentialStore(),
        initialPrimaryKey: ASSISTANT_KEY,
      }),
      requestTimeoutMs: 100,
      maxConcurrentRequests: 1,
    });
    const base = await slow.listen();
    try {
      const timedOut = await fetch(`${base}/score`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ASSISTANT_KEY}`, Accept: 'application/json' },
        body: JSON.stringify({ question: 'slow' }),
      });
      expect(timedOut.status).toBe(408);
      expect(await timedOut.json()).toEqual({
        message: 'Request timed out: the model did not answer within 100 ms (request_timeout_ms).',
      });
      const stop = new AbortController();
      const open = (): Promise<Response> =>
        fetch(`${base}/score`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${ASSISTANT_KEY}`, Accept: 'text/event-stream' },
          body: JSON.stringify({ question: 'a long one' }),
          signal: stop.signal,
        });
      const streams = [await open(), await open()];
      expect(streams.map((s) => s.status)).toEqual([200, 200]);
      const third = await open();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(await third.json()).toEqual({
        message:
          'Too many pending requests: this endpoint takes at most 2 at a time (2 x max_concurrent_requests_per_instance x instance_count). Try again in a moment.',
      });
      stop.abort();
    } finally {
      await slow.close();
    }
  });
});

describe("Azure ML studio's Consume snippet (Python, urllib)", () => {
  it('runs unchanged against the emulator: only the URL and the key differ', async () => {
    const { stdout } = await runPython(await fillConsumeSnippet(`${hashing}/score`, KEY));
    expect(stdout.startsWith("b'")).toBe(true);
    const printed = JSON.parse(stdout.trim().slice(2, -1)) as {
      columns: string[];
      data: unknown[][];
    };
    expect(printed.columns).toHaveLength(2 + 16);
    expect(printed.data[0]?.slice(0, 2)).toEqual(['1', 'This is a good day']);
  });

  it('prints the status, the headers and the message on an error, as it is written to', async () => {
    const { stdout } = await runPython(await fillConsumeSnippet(`${hashing}/score`, 'wrong-key'));
    expect(stdout).toContain('The request failed with status code: 401');
    expect(stdout).toMatch(/x-request-id: [0-9a-f-]{36}/);
    expect(stdout).toContain('"message":"Unauthorized: send Authorization: Bearer <key>');
  });
});
