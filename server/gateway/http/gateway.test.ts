import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoService, type DemoService } from '../../http/create-demo-service';
import {
  startTestAzurite,
  startTestAzuriteTable,
  type TestAzurite,
  type TestAzuriteTable,
} from '../../testing/test-azurite';
import type { GatewayCallRecord } from '../call-record';
import { TableCatalogStore } from '../core/table-catalog-store';
import { TableGatewayStore } from '../core/table-gateway-store';
import { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from './apim-errors';
import { createGateway, type Gateway, type GatewayOptions } from './create-gateway';

const ADMIN = 'test-admin-key';
const STARTER = 'test-starter-key';
const UNLIMITED = 'test-unlimited-key';
const ML_KEY = 'test-ml-key';
const ORIGIN = 'http://127.0.0.1:5999';
const BASE = '/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing';
const EXECUTE = `${BASE}/execute?api-version=2.0&details=true`;
const TUTORIAL = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});
const admin = { authorization: `Bearer ${ADMIN}` };

let blob: TestAzurite;
let table: TestAzuriteTable;
let service: DemoService;
let serviceUrl: string;
let gateway: Gateway;
let now = Date.UTC(2026, 10, 30, 12, 0, 0);
const records: GatewayCallRecord[] = [];

/** A backend that answers 200 with what it received, to see what the gateway forwards. */
let echo: Server;
let echoUrl: string;
const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];

async function openGateway(
  extra: Partial<GatewayOptions> = {},
  tableName?: string,
): Promise<Gateway> {
  return createGateway({
    store: await TableGatewayStore.open(table.connectionString, tableName),
    catalogStore: await TableCatalogStore.open(
      table.connectionString,
      tableName ? `${tableName}catalog` : undefined,
    ),
    exportStorageConnectionString: blob.connectionString,
    backendUrl: serviceUrl,
    adminKey: ADMIN,
    starterKey: STARTER,
    unlimitedKey: UNLIMITED,
    allowedOrigins: [ORIGIN],
    clock: () => now,
    flushIntervalMs: 0,
    onCall: (record) => records.push(record),
    ...extra,
  });
}

beforeAll(async () => {
  [blob, table] = await Promise.all([startTestAzurite(), startTestAzuriteTable()]);
  service = await createDemoService({
    storageConnectionString: blob.connectionString,
    apiKey: ML_KEY,
    port: 0,
  });
  serviceUrl = await service.listen();
  echo = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
      });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  echoUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  gateway = await openGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await service?.close();
  await new Promise((resolve) => echo?.close(resolve));
  await Promise.all([blob?.stop(), table?.stop()]);
});

function execute(headers: Record<string, string>, url = EXECUTE, target = gateway) {
  return target.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ML_KEY}`, ...headers },
    payload: TUTORIAL,
  });
}

async function subscribe(productId: string, displayName = 'Test app') {
  const response = await gateway.app.inject({
    method: 'POST',
    url: '/developer/subscriptions',
    payload: { productId, displayName },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{
    name: string;
    properties: { state: string; primaryKey: string; secondaryKey: string };
  }>();
}

describe('the gateway in front of the demo service', () => {
  it('forwards a call with a valid key to the service and answers with its response', async () => {
    const response = await execute({ 'ocp-apim-subscription-key': UNLIMITED });
    expect(response.statusCode).toBe(200);
    const values = response.json<{ Results: { output1: { value: { Values: string[][] } } } }>()
      .Results.output1.value.Values;
    expect(values).toEqual([['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']]);
    expect(response.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-ratelimit-remaining']).toBeUndefined();
  });

  it('refuses a missing key and a wrong key with APIM 401 bodies and challenge', async () => {
    const missing = await execute({});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ statusCode: 401, message: MISSING_KEY_MESSAGE });
    expect(missing.headers['www-authenticate']).toBe(
      'AzureApiManagementKey realm="http://localhost:80/azureml-demo",name="Ocp-Apim-Subscription-Key",type="header"',
    );
    const wrong = await execute({ 'ocp-apim-subscription-key': 'not-a-key' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ statusCode: 401, message: INVALID_KEY_MESSAGE });
    expect(wrong.headers['www-authenticate']).toContain('AzureApiManagementKey realm=');
  });

  it('accepts the secondary key and the subscription-key query parameter', async () => {
    const { properties } = await subscribe('starter');
    expect(
      (await execute({ 'ocp-apim-subscription-key': properties.secondaryKey })).statusCode,
    ).toBe(200);
    const byQuery = await execute({}, `${EXECUTE}&subscription-key=${properties.primaryKey}`);
    expect(byQuery.statusCode).toBe(200);
    expect(byQuery.headers['x-ratelimit-remaining']).toBe('3');
  });

  it('answers APIM 404 for a path or method that is no operation of the definition', async () => {
    for (const [method, url] of [
      ['POST', `${BASE}/score`],
      ['GET', `${BASE}/execute`],
      ['GET', '/azureml-demo'],
      ['GET', '/other-api/anything'],
    ] as const) {
      const response = await gateway.app.inject({
        method,
        url,
        headers: { 'ocp-apim-subscription-key': UNLIMITED },
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
    }
  });

  it('lets the 6th Starter call in a minute get 429 with Retry-After, counting down the remaining calls', async () => {
    const { properties } = await subscribe('starter');
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await execute({ 'ocp-apim-subscription-key': properties.primaryKey });
      expect(response.statusCode).toBe(200);
      remaining.push(String(response.headers['x-ratelimit-remaining']));
      now += 1000;
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const sixth = await execute({ 'ocp-apim-subscription-key': properties.primaryKey });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual({
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 55 seconds.',
    });
    expect(sixth.headers['retry-after']).toBe('55');
    expect(sixth.headers['x-ratelimit-remaining']).toBe('0');
    now += 55_000;
    expect((await execute({ 'ocp-apim-subscription-key': properties.primaryKey })).statusCode).toBe(
      200,
    );
  });

  it('refuses the keys of suspended and submitted subscriptions with the invalid-key 401', async () => {
    const unlimited = await subscribe('unlimited');
    expect(unlimited.properties.state).toBe('submitted');
    const submitted = await execute({
      'ocp-apim-subscription-key': unlimited.properties.primaryKey,
    });
    expect(submitted.statusCode).toBe(401);
    expect(submitted.json()).toEqual({ statusCode: 401, message: INVALID_KEY_MESSAGE });

    const starter = await subscribe('starter');
    const patch = await gateway.app.inject({
      method: 'PATCH',
      url: `/management/subscriptions/${starter.name}?api-version=2022-08-01`,
      headers: { ...admin, 'if-match': '*' },
      payload: { properties: { state: 'suspended' } },
    });
    expect(patch.statusCode).toBe(200);
    const suspended = await execute({ 'ocp-apim-subscription-key': starter.properties.primaryKey });
    expect(suspended.json()).toEqual({ statusCode: 401, message: INVALID_KEY_MESSAGE });
  });

  it('answers CORS preflights for the portal origin and exposes the rate-limit headers', async () => {
    const preflight = await gateway.app.inject({
      method: 'OPTIONS',
      url: EXECUTE,
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'ocp-apim-subscription-key,authorization,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain(
      'ocp-apim-subscription-key, authorization, content-type',
    );
    const call = await execute({ origin: ORIGIN, 'ocp-apim-subscription-key': STARTER });
    expect(call.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(call.headers['access-control-expose-headers'])).toContain(
      'X-RateLimit-Remaining, Location, X-Portico-Mocked, Retry-After',
    );
    for (const [url, method, headers] of [
      ['/developer/subscriptions', 'POST', 'content-type'],
      ['/developer/subscriptions/x/regeneratePrimaryKey', 'POST', 'ocp-apim-subscription-key'],
      ['/management/subscriptions/x', 'PATCH', 'authorization,content-type,if-match'],
    ] as const) {
      const developer = await gateway.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: ORIGIN,
          'access-control-request-method': method,
          'access-control-request-headers': headers,
        },
      });
      expect(developer.statusCode, url).toBe(204);
      expect(developer.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(developer.headers['access-control-allow-methods'])).toContain(method);
    }
    const stranger = await gateway.app.inject({
      method: 'OPTIONS',
      url: EXECUTE,
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers only to a loopback Host header', async () => {
    const response = await execute({
      host: 'evil.example',
      'ocp-apim-subscription-key': UNLIMITED,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: 400 });
  });

  it('hands usage one record per call under the suffix, refused calls included', async () => {
    records.length = 0;
    await execute(
      { 'ocp-apim-subscription-key': UNLIMITED },
      `${EXECUTE}&subscription-key=ignored`,
    );
    await execute({ 'ocp-apim-subscription-key': 'wrong' });
    await gateway.app.inject({ method: 'GET', url: '/developer/products' });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      apiId: '/apis/azureml-demo',
      operationId: '/apis/azureml-demo/operations/RRS_Execute',
      productId: '/products/unlimited',
      subscriptionId: '/subscriptions/demo-unlimited',
      userId: '/users/demo',
      method: 'POST',
      url: `${BASE}/execute?api-version=2.0&details=true`,
      responseCode: 200,
      backendResponseCode: 200,
      requestSize: TUTORIAL.length,
    });
    expect(records[0]!.responseSize).toBeGreaterThan(100);
    expect(records[0]!.serviceTime).toBeGreaterThan(0);
    expect(records[0]!.apiTime).toBeGreaterThanOrEqual(records[0]!.serviceTime);
    expect(records[1]).toMatchObject({
      responseCode: 401,
      backendResponseCode: 0,
      subscriptionId: '',
      productId: '',
    });
  });
});

describe('what the gateway forwards', () => {
  let viaEcho: Gateway;
  beforeAll(async () => {
    viaEcho = await openGateway({ backendUrl: echoUrl }, 'echogateway');
  });
  afterAll(async () => viaEcho?.close());

  it('removes the subscription key (header and query parameter) and keeps Authorization and the body', async () => {
    received.length = 0;
    await execute(
      { 'ocp-apim-subscription-key': STARTER, origin: ORIGIN },
      `${EXECUTE}&subscription-key=x`,
      viaEcho,
    );
    await execute({}, `${EXECUTE.replace('?', '?subscription-key=' + STARTER + '&')}`, viaEcho);
    expect(received.map((r) => r.url)).toEqual([
      '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
      '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
    ]);
    for (const { headers, body } of received) {
      expect(headers['ocp-apim-subscription-key']).toBeUndefined();
      expect(headers.origin).toBeUndefined();
      expect(headers.authorization).toBe(`Bearer ${ML_KEY}`);
      expect(body).toBe(TUTORIAL);
    }
  });

  it('answers quota 403 with Retry-After after the 100th Starter call in a week', async () => {
    const start = now;
    const { properties } = await (async () => {
      const response = await viaEcho.app.inject({
        method: 'POST',
        url: '/developer/subscriptions',
        payload: { productId: 'starter', displayName: 'Quota' },
      });
      return response.json<{ properties: { primaryKey: string } }>();
    })();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 100; i++) {
      if (i > 0 && i % 5 === 0) now += 60_000;
      const response = await execute(
        { 'ocp-apim-subscription-key': properties.primaryKey },
        EXECUTE,
        viaEcho,
      );
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 100 });
    now += 60_000;
    const over = await execute(
      { 'ocp-apim-subscription-key': properties.primaryKey },
      EXECUTE,
      viaEcho,
    );
    expect(over.statusCode).toBe(403);
    // The week opened at `start`; 20 minutes have passed.
    expect(over.headers['retry-after']).toBe(String(604_800 - (now - start) / 1000));
    expect(over.json()).toEqual({
      statusCode: 403,
      message: 'Out of call volume quota. Quota will be replenished in 6.23:40:00.',
    });
  });
});

describe('the seam for usage recording', () => {
  it('lets another module add management and developer routes, and survives a throwing onCall', async () => {
    const seen: string[] = [];
    const withReports = await openGateway(
      {
        onCall: () => {
          throw new Error('recorder bug');
        },
        log: (message) => seen.push(message),
        registerRoutes: (app, ctx) => {
          for (const prefix of ctx.managementPrefixes) {
            app.get(`${prefix}/reports/byApi`, async (request, reply) =>
              ctx.authenticateAdmin(request)
                ? { value: [], count: 0, nextLink: null }
                : ctx.sendManagementError(reply, 'Unauthorized', 'admin only'),
            );
          }
          app.get('/developer/reports/byApi', async (request, reply) => {
            const key = String(request.headers['ocp-apim-subscription-key'] ?? '');
            const subscription = ctx.subscriptionForKey(key);
            return subscription ?? ctx.sendGatewayError(reply, 401, 'no');
          });
        },
      },
      'seamgateway',
    );
    try {
      const armPath = `/management/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/n/reports/byApi`;
      expect((await withReports.app.inject({ url: armPath, headers: admin })).json()).toEqual({
        value: [],
        count: 0,
        nextLink: null,
      });
      expect((await withReports.app.inject({ url: '/management/reports/byApi' })).statusCode).toBe(
        401,
      );
      const mine = await withReports.app.inject({
        url: '/developer/reports/byApi',
        headers: { 'ocp-apim-subscription-key': STARTER },
      });
      expect(mine.json()).toEqual({
        name: 'demo-starter',
        scope: '/products/starter',
        state: 'active',
      });
      const call = await execute({ 'ocp-apim-subscription-key': UNLIMITED }, EXECUTE, withReports);
      expect(call.statusCode).toBe(200);
      expect(seen).toEqual(['onCall failed: Error: recorder bug']);
    } finally {
      await withReports.close();
    }
  });
});

describe('self-service endpoints', () => {
  it('lists the products and subscribes, showing the keys only to the holder of one', async () => {
    const products = await gateway.app.inject({ method: 'GET', url: '/developer/products' });
    expect(products.statusCode).toBe(200);
    const list = products.json<{
      value: Array<{ name: string; properties: Record<string, unknown> }>;
      count: number;
      nextLink: null;
    }>();
    expect(list.count).toBe(2);
    expect(list.nextLink).toBeNull();
    expect(
      list.value.map((p) => [p.name, p.properties.approvalRequired, p.properties.rateLimit]),
    ).toEqual([
      ['starter', false, { calls: 5, renewalPeriod: 60 }],
      ['unlimited', true, null],
    ]);

    const created = await subscribe('starter', 'My app');
    expect(created).toMatchObject({
      id: expect.stringMatching(
        /\/providers\/Microsoft\.ApiManagement\/service\/portico-local\/subscriptions\/[0-9a-f]{24}$/,
      ),
      type: 'Microsoft.ApiManagement/service/subscriptions',
      properties: {
        scope: '/products/starter',
        displayName: 'My app',
        state: 'active',
        ownerId: '/users/demo',
      },
    });
    const read = await gateway.app.inject({
      method: 'GET',
      url: `/developer/subscriptions/${created.name}`,
      headers: { 'ocp-apim-subscription-key': created.properties.secondaryKey },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
    for (const key of [undefined, 'wrong', STARTER]) {
      const refused = await gateway.app.inject({
        method: 'GET',
        url: `/developer/subscriptions/${created.name}`,
        headers: key ? { 'ocp-apim-subscription-key': key } : {},
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toEqual({ statusCode: 401, message: INVALID_KEY_MESSAGE });
    }
  });

  it('lists the APIs of a published product for anyone, and nothing for an unknown or unpublished one', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/developer/products/starter/apis',
    });
    expect(response.statusCode).toBe(200);
    const list = response.json<{
      value: Array<{
        name: string;
        type: string;
        properties: { displayName: string; path: string };
      }>;
      count: number;
      nextLink: null;
    }>();
    expect(list.count).toBe(1);
    expect(list.nextLink).toBeNull();
    expect(
      list.value.map((a) => [a.name, a.type, a.properties.displayName, a.properties.path]),
    ).toEqual([
      ['azureml-demo', 'Microsoft.ApiManagement/service/apis', 'AzureML Demo API', 'azureml-demo'],
    ]);
    const unknown = await gateway.app.inject({
      method: 'GET',
      url: '/developer/products/gold/apis',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });

    // An unpublished product is no consumer's business: the same 404 as an unknown one.
    const draft = await gateway.app.inject({
      method: 'PUT',
      url: '/management/products/draft',
      headers: admin,
      payload: { properties: { displayName: 'Draft', state: 'notPublished' } },
    });
    expect(draft.statusCode).toBeLessThan(300);
    await gateway.app.inject({
      method: 'PUT',
      url: '/management/products/draft/apis/azureml-demo',
      headers: admin,
    });
    const hidden = await gateway.app.inject({
      method: 'GET',
      url: '/developer/products/draft/apis',
    });
    expect(hidden.statusCode).toBe(404);
    await gateway.app.inject({
      method: 'DELETE',
      url: '/management/products/draft',
      headers: admin,
    });
  });

  it('lets the holder of a pending subscription read its state, but not regenerate its keys', async () => {
    const pending = await subscribe('unlimited', 'Waiting');
    expect(pending.properties.state).toBe('submitted');
    const headers = { 'ocp-apim-subscription-key': pending.properties.primaryKey };
    const read = await gateway.app.inject({
      method: 'GET',
      url: `/developer/subscriptions/${pending.name}`,
      headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ properties: { state: 'submitted' } });
    const regenerate = await gateway.app.inject({
      method: 'POST',
      url: `/developer/subscriptions/${pending.name}/regeneratePrimaryKey`,
      headers,
    });
    expect(regenerate.statusCode).toBe(401);
  });

  it('regenerates a key for its holder; the old key stops working at once', async () => {
    const created = await subscribe('starter');
    const old = created.properties.primaryKey;
    const response = await gateway.app.inject({
      method: 'POST',
      url: `/developer/subscriptions/${created.name}/regeneratePrimaryKey`,
      headers: { 'ocp-apim-subscription-key': created.properties.secondaryKey },
    });
    expect(response.statusCode).toBe(200);
    const renewed = response.json<{ properties: { primaryKey: string; secondaryKey: string } }>();
    expect(renewed.properties.primaryKey).not.toBe(old);
    expect(renewed.properties.secondaryKey).toBe(created.properties.secondaryKey);
    expect((await execute({ 'ocp-apim-subscription-key': old })).json()).toEqual({
      statusCode: 401,
      message: INVALID_KEY_MESSAGE,
    });
    expect(
      (await execute({ 'ocp-apim-subscription-key': renewed.properties.primaryKey })).statusCode,
    ).toBe(200);
  });

  it('explains a bad subscribe request in the ARM error shape', async () => {
    for (const payload of [
      { productId: 'gold', displayName: 'x' },
      { productId: 'starter' },
      [1],
    ]) {
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/developer/subscriptions',
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'ValidationError', message: expect.any(String), details: [] },
      });
    }
    const badJson = await gateway.app.inject({
      method: 'POST',
      url: '/developer/subscriptions',
      headers: { 'content-type': 'application/json' },
      payload: '{"productId":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { code: 'ValidationError' } });
  });
});

describe('management endpoints', () => {
  const roots = [
    '/management',
    '/management/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/any',
  ];

  it('refuses every admin endpoint without the admin key', async () => {
    for (const [method, url] of [
      ['GET', '/products'],
      ['GET', '/subscriptions'],
      ['GET', '/subscriptions/demo-starter'],
      ['PUT', '/subscriptions/x'],
      ['PATCH', '/subscriptions/demo-starter'],
      ['DELETE', '/subscriptions/demo-starter'],
      ['POST', '/subscriptions/demo-starter/listSecrets'],
      ['POST', '/subscriptions/demo-starter/regeneratePrimaryKey'],
    ] as const) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: ADMIN }]) {
        const response = await gateway.app.inject({
          method,
          url: `${roots[1]}${url}`,
          headers,
          payload: method === 'PUT' ? {} : undefined,
        });
        expect(response.statusCode, `${method} ${url}`).toBe(401);
        expect(response.json()).toMatchObject({ error: { code: 'Unauthorized' } });
      }
    }
    expect(STARTER).toBe(gateway.core.getSubscription('demo-starter')?.primaryKey);
  });

  it('manages subscriptions in ARM shapes at the short and the full ARM root', async () => {
    for (const root of roots) {
      const list = await gateway.app.inject({
        method: 'GET',
        url: `${root}/subscriptions?api-version=2022-08-01`,
        headers: admin,
      });
      expect(list.statusCode).toBe(200);
      const body = list.json<{
        value: Array<{ name: string; properties: Record<string, unknown> }>;
        count: number;
      }>();
      expect(body.count).toBe(body.value.length);
      const starter = body.value.find((s) => s.name === 'demo-starter');
      expect(starter?.properties).toMatchObject({ scope: '/products/starter', state: 'active' });
      expect(starter?.properties).not.toHaveProperty('primaryKey');

      const sid = `admin-made-${roots.indexOf(root)}`;
      const put = await gateway.app.inject({
        method: 'PUT',
        url: `${root}/subscriptions/${sid}`,
        headers: admin,
        payload: { properties: { scope: '/products/unlimited', displayName: 'Partner' } },
      });
      expect(put.statusCode).toBe(201);
      expect(put.json()).toMatchObject({
        name: sid,
        properties: { state: 'submitted', scope: '/products/unlimited' },
      });
      expect(put.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);

      const secrets = await gateway.app.inject({
        method: 'POST',
        url: `${root}/subscriptions/${sid}/listSecrets`,
        headers: admin,
      });
      const keys = secrets.json<{ primaryKey: string; secondaryKey: string }>();
      expect(keys.primaryKey).toMatch(/^[0-9a-f]{32}$/);
      expect((await execute({ 'ocp-apim-subscription-key': keys.primaryKey })).statusCode).toBe(
        401,
      );

      const approve = await gateway.app.inject({
        method: 'PATCH',
        url: `${root}/subscriptions/${sid}`,
        headers: { ...admin, 'if-match': '*' },
        payload: { properties: { state: 'active' } },
      });
      expect(approve.json()).toMatchObject({
        properties: { state: 'active', startDate: new Date(now).toISOString() },
      });
      expect((await execute({ 'ocp-apim-subscription-key': keys.primaryKey })).statusCode).toBe(
        200,
      );

      const regenerate = await gateway.app.inject({
        method: 'POST',
        url: `${root}/subscriptions/${sid}/regenerateSecondaryKey`,
        headers: admin,
      });
      expect(regenerate.statusCode).toBe(204);
      expect((await execute({ 'ocp-apim-subscription-key': keys.secondaryKey })).statusCode).toBe(
        401,
      );

      const remove = await gateway.app.inject({
        method: 'DELETE',
        url: `${root}/subscriptions/${sid}`,
        headers: admin,
      });
      expect(remove.statusCode).toBe(200);
      const gone = await gateway.app.inject({
        method: 'GET',
        url: `${root}/subscriptions/${sid}`,
        headers: admin,
      });
      expect(gone.statusCode).toBe(404);
      expect(gone.json()).toMatchObject({
        error: {
          code: 'ResourceNotFound',
          message: `Subscription "${sid}" not found.`,
          details: [],
        },
      });
      expect(
        (
          await gateway.app.inject({
            method: 'DELETE',
            url: `${root}/subscriptions/${sid}`,
            headers: admin,
          })
        ).statusCode,
      ).toBe(204);
    }
  });

  it('answers bad input and unknown paths in the ARM error shape', async () => {
    const bad = await gateway.app.inject({
      method: 'PATCH',
      url: '/management/subscriptions/demo-starter',
      headers: admin,
      payload: { properties: { state: 'paused' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'ValidationError', message: expect.stringContaining('properties.state') },
    });
    const unknown = await gateway.app.inject({
      method: 'GET',
      url: '/management/nothing-here',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });
});

describe('export links', () => {
  it('expire 5 minutes after the gateway made them (its clock is a week behind Azurite here)', async () => {
    const exported = await gateway.app.inject({
      method: 'GET',
      url: '/management/apis/azureml-demo?format=openapi%2Bjson-link&export=true',
      headers: admin,
    });
    expect(exported.statusCode).toBe(200);
    const { link } = exported.json<{ value: { link: string } }>().value;
    expect(new URL(link).searchParams.get('se')).toBe(
      new Date(now + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    const answer = await fetch(link);
    expect(answer.status).toBe(403);
  });
});

describe('a restart', () => {
  it('keeps keys, regenerated keys and call counters, through a gateway and an Azurite restart', async () => {
    const created = await subscribe('starter');
    const key = created.properties.primaryKey;
    for (let i = 0; i < 3; i++)
      expect((await execute({ 'ocp-apim-subscription-key': key })).statusCode).toBe(200);
    const renewed = await gateway.app.inject({
      method: 'POST',
      url: `/management/subscriptions/${created.name}/regenerateSecondaryKey`,
      headers: admin,
    });
    expect(renewed.statusCode).toBe(204);
    const secondary = gateway.core.getSubscription(created.name)!.secondaryKey;

    await gateway.close();
    await table.restart();
    gateway = await openGateway();

    const fourth = await execute({ 'ocp-apim-subscription-key': key });
    expect(fourth.statusCode).toBe(200);
    expect(fourth.headers['x-ratelimit-remaining']).toBe('1');
    expect((await execute({ 'ocp-apim-subscription-key': secondary })).statusCode).toBe(200);
    expect(
      (await execute({ 'ocp-apim-subscription-key': created.properties.secondaryKey })).statusCode,
    ).toBe(401);
    expect((await execute({ 'ocp-apim-subscription-key': key })).statusCode).toBe(429);
  }, 30_000);
});
