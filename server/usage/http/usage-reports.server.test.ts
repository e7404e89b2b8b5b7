import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayCallRecord } from '../../gateway/call-record';
import { sendGatewayError, sendManagementError } from '../../gateway/http/apim-errors';
import { ADMIN_KEY_REQUIRED } from '../../gateway/management/admin-only';
import { MANAGEMENT_PREFIXES } from '../../gateway/management/subscription-routes';
import { startTestAzuriteTable, type TestAzuriteTable } from '../../testing/test-azurite';
import { createUsageRecorder, type UsageRecorder } from '../core/usage-recorder';
import { registerUsageRoutes } from './usage-routes';
import { tableClientFactory, createUsageStore, type UsageStore } from '../core/usage-store';

const API = '/apis/azureml-demo';
const EXECUTE = `${API}/operations/execute`;
const STATUS = `${API}/operations/get-job-status`;
const SUBMIT = `${API}/operations/submit-job`;
const STARTER = {
  productId: '/products/starter',
  subscriptionId: '/subscriptions/demo-starter',
  userId: '/users/demo',
};
const UNLIMITED = {
  productId: '/products/unlimited',
  subscriptionId: '/subscriptions/demo-unlimited',
  userId: '/users/demo',
};
const NOBODY = { productId: '', subscriptionId: '', userId: '' };
const ADMIN = { authorization: 'Bearer admin-key' };
const STARTER_KEY = { 'ocp-apim-subscription-key': 'starter-key' };

let seq = 0;
function call(
  iso: string,
  who: typeof STARTER,
  operationId: string,
  responseCode: number,
  times: { api: number; service?: number; req?: number; res?: number },
): GatewayCallRecord {
  const forwarded = times.service !== undefined;
  return {
    timestamp: Date.parse(`2026-11-30T${iso}Z`),
    apiId: API,
    operationId,
    ...who,
    method: 'POST',
    url: `/azureml-demo/x?api-version=2.0&n=${seq}`,
    ipAddress: '127.0.0.1',
    responseCode,
    backendResponseCode: forwarded ? responseCode : 0,
    requestSize: times.req ?? 100,
    responseSize: times.res ?? 200,
    apiTime: times.api,
    serviceTime: times.service ?? 0,
    requestId: `req-${String(seq++).padStart(3, '0')}`,
  };
}

/** The scripted series: successes, a 400 from the service, a 429, 401s, a 404 and a 500. */
const CALLS: GatewayCallRecord[] = [
  call('10:00:10', STARTER, EXECUTE, 200, { api: 10, service: 8 }),
  call('10:00:20', STARTER, EXECUTE, 200, { api: 20, service: 15, res: 300 }),
  call('10:01:05', STARTER, EXECUTE, 400, { api: 5, service: 4, req: 50, res: 100 }),
  call('10:02:00', STARTER, EXECUTE, 429, { api: 1, res: 80 }),
  call('10:03:00', UNLIMITED, EXECUTE, 200, { api: 40, service: 35 }),
  call('10:04:00', NOBODY, EXECUTE, 401, { api: 2, res: 150 }),
  call('10:04:30', NOBODY, EXECUTE, 401, { api: 2, res: 150 }),
  call('10:05:00', NOBODY, '', 404, { api: 1, res: 50 }),
  call('10:07:30', STARTER, STATUS, 200, { api: 30, service: 25 }),
  call('10:20:00', UNLIMITED, SUBMIT, 500, { api: 12, service: 11 }),
  {
    ...call('10:00:00', STARTER, EXECUTE, 200, { api: 9, service: 9 }),
    timestamp: Date.parse('2026-11-29T23:59:59.500Z'),
  },
];

const DAY =
  "timestamp ge datetime'2026-11-30T00:00:00' and timestamp le datetime'2026-11-30T23:59:59'";
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

let azurite: TestAzuriteTable;
let store: UsageStore;
let recorder: UsageRecorder;
let app: FastifyInstance;

async function open(): Promise<void> {
  store = createUsageStore(tableClientFactory(azurite.connectionString));
  await store.ensureTables();
  recorder = createUsageRecorder({ store, flushIntervalMs: 50, maxRetryDelayMs: 200 });
  app = Fastify();
  await registerUsageRoutes(
    app,
    {
      authenticateAdmin: (request) => request.headers.authorization === ADMIN.authorization,
      subscriptionForKey: (key) =>
        key === 'starter-key'
          ? { name: 'demo-starter', scope: '/products/starter', state: 'active' }
          : undefined,
      managementPrefixes: MANAGEMENT_PREFIXES,
      sendManagementError,
      sendGatewayError,
    },
    store,
  );
  await app.ready();
}

async function get(path: string, headers: Record<string, string> = ADMIN) {
  const response = await app.inject({ method: 'GET', url: path, headers });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

async function challenge(path: string, headers: Record<string, string>) {
  const response = await app.inject({ method: 'GET', url: path, headers });
  return [response.statusCode, response.headers['www-authenticate']];
}

beforeAll(async () => {
  azurite = await startTestAzuriteTable();
  await open();
  for (const c of CALLS) recorder.record(c);
  expect(await recorder.flush()).toBe(true);
});

afterAll(async () => {
  await recorder?.close();
  await app?.close();
  await azurite?.stop();
});

const figures = (r: Record<string, unknown>) => [
  r.callCountSuccess,
  r.callCountBlocked,
  r.callCountFailed,
  r.callCountOther,
  r.callCountTotal,
];

describe('usage reports against Azurite', () => {
  it('byTime counts every call of the day in its five minutes', async () => {
    const { status, body } = await get(
      `/management/reports/byTime?${q({ $filter: DAY, interval: 'PT5M' })}`,
    );
    expect(status).toBe(200);
    expect(body.count).toBe(3);
    expect(body.nextLink).toBeNull();
    const rows = body.value as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.timestamp, r.interval, ...figures(r)])).toEqual([
      ['2026-11-30T10:00:00.000Z', 'PT5M', 3, 3, 1, 0, 7],
      ['2026-11-30T10:05:00.000Z', 'PT5M', 1, 0, 0, 1, 2],
      ['2026-11-30T10:20:00.000Z', 'PT5M', 0, 0, 1, 0, 1],
    ]);
  });

  it('a range that starts and ends inside minutes counts exactly the calls in it', async () => {
    const filter =
      "timestamp ge datetime'2026-11-30T10:00:15' and timestamp le datetime'2026-11-30T10:04:10'";
    const { body } = await get(
      `/management/reports/byTime?${q({ $filter: filter, interval: 'PT1M' })}`,
    );
    expect(
      (body.value as Array<Record<string, unknown>>).map((r) => [r.timestamp, ...figures(r)]),
    ).toEqual([
      ['2026-11-30T10:00:00.000Z', 1, 0, 0, 0, 1],
      ['2026-11-30T10:01:00.000Z', 0, 0, 1, 0, 1],
      ['2026-11-30T10:02:00.000Z', 0, 1, 0, 0, 1],
      ['2026-11-30T10:03:00.000Z', 1, 0, 0, 0, 1],
      ['2026-11-30T10:04:00.000Z', 0, 1, 0, 0, 1],
    ]);
  });

  it('bySubscription has the figures of each subscription, blocked anonymous calls apart', async () => {
    const { body } = await get(`/management/reports/bySubscription?${q({ $filter: DAY })}`);
    expect(body.value).toEqual([
      {
        name: '',
        subscriptionId: '',
        productId: '',
        userId: '',
        callCountSuccess: 0,
        callCountBlocked: 2,
        callCountFailed: 0,
        callCountOther: 1,
        callCountTotal: 3,
        bandwidth: 650,
        cacheHitCount: 0,
        cacheMissCount: 0,
        apiTimeAvg: 5 / 3,
        apiTimeMin: 1,
        apiTimeMax: 2,
        serviceTimeAvg: 0,
        serviceTimeMin: 0,
        serviceTimeMax: 0,
      },
      {
        name: 'demo-starter',
        subscriptionId: '/subscriptions/demo-starter',
        productId: '/products/starter',
        userId: '/users/demo',
        callCountSuccess: 3,
        callCountBlocked: 1,
        callCountFailed: 1,
        callCountOther: 0,
        callCountTotal: 5,
        bandwidth: 300 + 400 + 150 + 180 + 300,
        cacheHitCount: 0,
        cacheMissCount: 0,
        apiTimeAvg: 66 / 5,
        apiTimeMin: 1,
        apiTimeMax: 30,
        serviceTimeAvg: 13,
        serviceTimeMin: 4,
        serviceTimeMax: 25,
      },
      {
        name: 'demo-unlimited',
        subscriptionId: '/subscriptions/demo-unlimited',
        productId: '/products/unlimited',
        userId: '/users/demo',
        callCountSuccess: 1,
        callCountBlocked: 0,
        callCountFailed: 1,
        callCountOther: 0,
        callCountTotal: 2,
        bandwidth: 600,
        cacheHitCount: 0,
        cacheMissCount: 0,
        apiTimeAvg: 26,
        apiTimeMin: 12,
        apiTimeMax: 40,
        serviceTimeAvg: 23,
        serviceTimeMin: 11,
        serviceTimeMax: 35,
      },
    ]);
  });

  it('byApi, byOperation and byProduct group the same calls', async () => {
    const names = async (kind: string, extra = '') => {
      const { body } = await get(`/management/reports/${kind}?${q({ $filter: DAY + extra })}`);
      return (body.value as Array<Record<string, unknown>>).map((r) => [r.name, ...figures(r)]);
    };
    expect(await names('byApi')).toEqual([['azureml-demo', 4, 3, 2, 1, 10]]);
    expect(await names('byOperation')).toEqual([
      ['', 0, 0, 0, 1, 1],
      ['execute', 3, 3, 1, 0, 7],
      ['get-job-status', 1, 0, 0, 0, 1],
      ['submit-job', 0, 0, 1, 0, 1],
    ]);
    expect(await names('byProduct')).toEqual([
      ['', 0, 2, 0, 1, 3],
      ['starter', 3, 1, 1, 0, 5],
      ['unlimited', 1, 0, 1, 0, 2],
    ]);
    expect(await names('byOperation', " and subscriptionId eq 'demo-starter'")).toEqual([
      ['execute', 2, 1, 1, 0, 4],
      ['get-job-status', 1, 0, 0, 0, 1],
    ]);
    expect(
      await names('byTime', " and operationId eq 'execute'").catch(() => 'needs interval'),
    ).toEqual('needs interval');
  });

  it('byRequest pages through every call with nextLink, newest first when asked', async () => {
    const seen: string[] = [];
    let url: string | null =
      `/management/reports/byRequest?${q({ $filter: DAY, $top: '3', $orderby: 'timestamp desc' })}`;
    let pages = 0;
    while (url) {
      const { body } = await get(url);
      expect(body.count).toBe(10);
      seen.push(...(body.value as Array<{ requestId: string }>).map((r) => r.requestId));
      const next = body.nextLink as string | null;
      url = next ? next.replace(/^http:\/\/[^/]+/, '') : null;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual([
      'req-009',
      'req-008',
      'req-007',
      'req-006',
      'req-005',
      'req-004',
      'req-003',
      'req-002',
      'req-001',
      'req-000',
    ]);
    const { body } = await get(`/management/reports/byRequest?${q({ $filter: DAY, $top: '1' })}`);
    expect(body.value).toEqual([
      {
        apiId: API,
        operationId: EXECUTE,
        productId: '/products/starter',
        userId: '/users/demo',
        method: 'POST',
        url: '/azureml-demo/x?api-version=2.0&n=0',
        ipAddress: '127.0.0.1',
        backendResponseCode: '200',
        responseCode: 200,
        responseSize: 200,
        timestamp: '2026-11-30T10:00:10.000Z',
        cache: 'none',
        apiTime: 10,
        serviceTime: 8,
        apiRegion: '',
        subscriptionId: '/subscriptions/demo-starter',
        requestId: 'req-000',
        requestSize: 100,
      },
    ]);
  });

  it('a consumer sees their own subscription only, whatever the filter says', async () => {
    const sub = await get(`/developer/reports/bySubscription?${q({ $filter: DAY })}`, STARTER_KEY);
    expect((sub.body.value as Array<{ name: string }>).map((r) => r.name)).toEqual([
      'demo-starter',
    ]);
    const requests = await get(
      `/developer/reports/byRequest?${q({ $filter: DAY, $top: '100' })}`,
      STARTER_KEY,
    );
    expect(requests.body.count).toBe(5);
    expect(
      new Set(
        (requests.body.value as Array<{ subscriptionId: string }>).map((r) => r.subscriptionId),
      ),
    ).toEqual(new Set(['/subscriptions/demo-starter']));
    const time = await get(
      `/developer/reports/byTime?${q({ $filter: DAY, interval: 'P1D' })}`,
      STARTER_KEY,
    );
    expect((time.body.value as Array<Record<string, unknown>>).map(figures)).toEqual([
      [3, 1, 1, 0, 5],
    ]);
    const other = await get(
      `/developer/reports/byTime?${q({ $filter: `${DAY} and subscriptionId eq '/subscriptions/demo-unlimited'`, interval: 'PT5M' })}`,
      STARTER_KEY,
    );
    expect(other.body).toEqual({ value: [], count: 0, nextLink: null });
    expect(await get(`/developer/reports/byApi?${q({ $filter: DAY })}`, {})).toEqual({
      status: 401,
      body: {
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      },
    });
    expect(
      (
        await get(`/developer/reports/byApi?${q({ $filter: DAY })}`, {
          'ocp-apim-subscription-key': 'nope',
        })
      ).status,
    ).toBe(401);
    // Refused as the gateway refuses a key anywhere else: with APIM's challenge.
    for (const refused of [{}, { 'ocp-apim-subscription-key': 'nope' }] as Array<
      Record<string, string>
    >)
      expect(
        await challenge(`/developer/reports/byApi?${q({ $filter: DAY })}`, {
          host: 'localhost:80',
          ...refused,
        }),
      ).toEqual([
        401,
        'AzureApiManagementKey realm="http://localhost:80/developer",name="Ocp-Apim-Subscription-Key",type="header"',
      ]);
  });

  it('answers at the full Azure Resource Manager path and refuses bad requests in the management error shape', async () => {
    const arm = await get(
      `/management/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/portico/reports/byApi?${q({ $filter: DAY, 'api-version': '2022-08-01' })}`,
    );
    expect(arm.status).toBe(200);
    expect(arm.body.count).toBe(1);
    expect(await get(`/management/reports/byApi?${q({ $filter: DAY })}`, {})).toEqual({
      status: 401,
      body: { error: { code: 'Unauthorized', message: ADMIN_KEY_REQUIRED, details: [] } },
    });
    expect(await challenge(`/management/reports/byApi?${q({ $filter: DAY })}`, {})).toEqual([
      401,
      'Bearer',
    ]);
    expect(await get(`/management/reports/byApi`)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'ValidationError',
          message: expect.stringMatching(/^\$filter is required/) as unknown,
          details: [
            { code: 'ValidationError', target: '$filter', message: expect.any(String) as unknown },
          ],
        },
      },
    });
    expect(
      await get(`/management/reports/byTime?${q({ $filter: DAY, interval: 'PT30S' })}`),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'ValidationError', details: [{ target: 'interval' }] } },
    });
    expect(await get(`/management/reports/byGeo?${q({ $filter: DAY })}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'ResourceNotFound' } },
    });
  });

  it('keeps every call through a storage outage and a restart, adding to the same buckets', async () => {
    await azurite.pause();
    recorder.record(call('10:00:40', STARTER, EXECUTE, 200, { api: 10, service: 9 }));
    expect(await recorder.flush()).toBe(false);
    expect(recorder.stats()).toMatchObject({ recorded: 12, written: 11, pending: 1, dropped: 0 });
    expect(recorder.stats().failedAttempts).toBeGreaterThan(0);
    await azurite.restart();
    await expect
      .poll(() => JSON.stringify(recorder.stats()), { timeout: 10_000 })
      .toMatch(/"pending":0/);
    expect(recorder.stats().written).toBe(12);

    // A new gateway process on the same storage: nothing lost, new calls add to old buckets.
    await recorder.close();
    await app.close();
    await azurite.restart();
    await open();
    recorder.record(call('10:00:50', STARTER, EXECUTE, 503, { api: 3, service: 2 }));
    expect(await recorder.close()).toBe(true);
    const { body } = await get(
      `/management/reports/byTime?${q({ $filter: DAY, interval: 'PT5M' })}`,
    );
    expect((body.value as Array<Record<string, unknown>>).map(figures)).toEqual([
      [4, 3, 2, 0, 9],
      [1, 0, 0, 1, 2],
      [0, 0, 1, 0, 1],
    ]);
    const minutes = await get(
      `/management/reports/byTime?${q({ $filter: DAY, interval: 'PT1M' })}`,
    );
    expect((minutes.body.value as Array<Record<string, unknown>>)[0]).toMatchObject({
      timestamp: '2026-11-30T10:00:00.000Z',
      callCountTotal: 4,
    });
  });
});
