import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableCatalogStore } from '../gateway/core/table-catalog-store';
import { TableGatewayStore } from '../gateway/core/table-gateway-store';
import { createGateway, type Gateway } from '../gateway/http/create-gateway';
import { createDemoService, type DemoService } from '../http/create-demo-service';
import {
  startTestAzurite,
  startTestAzuriteTable,
  type TestAzurite,
  type TestAzuriteTable,
} from '../testing/test-azurite';
import { fetchReport } from '../../src/core/apim/reports-client';
import { bearerSource, developerSource } from '../../src/core/apim/reports-source';
import { openUsage, type Usage } from './open-usage';

const ADMIN = 'usage-admin-key';
const STARTER = 'usage-starter-key';
const UNLIMITED = 'usage-unlimited-key';
const ML_KEY = 'usage-ml-key';
const EXECUTE =
  '/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true';
const TUTORIAL = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});

let blob: TestAzurite;
let table: TestAzuriteTable;
let service: DemoService;
let usage: Usage;
let gateway: Gateway;
let gatewayUrl: string;

beforeAll(async () => {
  [blob, table] = await Promise.all([startTestAzurite(), startTestAzuriteTable()]);
  service = await createDemoService({
    storageConnectionString: blob.connectionString,
    apiKey: ML_KEY,
    port: 0,
  });
  usage = await openUsage(table.connectionString);
  gateway = await createGateway({
    store: await TableGatewayStore.open(table.connectionString),
    catalogStore: await TableCatalogStore.open(table.connectionString),
    backendUrl: await service.listen(),
    adminKey: ADMIN,
    starterKey: STARTER,
    unlimitedKey: UNLIMITED,
    onCall: usage.record,
    registerRoutes: usage.registerRoutes,
    port: 0,
  });
  gatewayUrl = await gateway.listen();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await usage?.close();
  await service?.close();
  await Promise.all([blob?.stop(), table?.stop()]);
});

const call = (headers: Record<string, string>, payload = TUTORIAL) =>
  gateway.app.inject({
    method: 'POST',
    url: EXECUTE,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ML_KEY}`, ...headers },
    payload,
  });

describe('the gateway records every call it handles and reports them', () => {
  it('counts successes, a 400 from the service and 401s, for the publisher and the consumer', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    expect((await call({ 'ocp-apim-subscription-key': STARTER })).statusCode).toBe(200);
    expect((await call({ 'ocp-apim-subscription-key': STARTER })).statusCode).toBe(200);
    expect((await call({ 'ocp-apim-subscription-key': STARTER }, '{"Inputs":{}}')).statusCode).toBe(
      400,
    );
    expect((await call({ 'ocp-apim-subscription-key': UNLIMITED })).statusCode).toBe(200);
    expect((await call({})).statusCode).toBe(401);
    expect((await call({ 'ocp-apim-subscription-key': 'wrong' })).statusCode).toBe(401);
    expect(await usage.recorder.flush()).toBe(true);
    const filter = `timestamp ge datetime'${from}' and timestamp le datetime'${new Date(Date.now() + 1000).toISOString()}'`;
    const q = (extra: Record<string, string> = {}) =>
      new URLSearchParams({ $filter: filter, ...extra }).toString();

    const bySubscription = await gateway.app.inject({
      url: `/management/reports/bySubscription?${q()}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(bySubscription.statusCode).toBe(200);
    const rows = bySubscription.json<{ value: Array<Record<string, unknown>> }>().value;
    expect(
      rows.map((r) => [
        r.subscriptionId,
        r.productId,
        r.callCountSuccess,
        r.callCountBlocked,
        r.callCountFailed,
        r.callCountTotal,
      ]),
    ).toEqual([
      ['', '', 0, 2, 0, 2],
      ['/subscriptions/demo-starter', '/products/starter', 2, 0, 1, 3],
      ['/subscriptions/demo-unlimited', '/products/unlimited', 1, 0, 0, 1],
    ]);

    const mine = await gateway.app.inject({
      url: `/developer/reports/byRequest?${q({ $orderby: 'timestamp desc' })}`,
      headers: { 'ocp-apim-subscription-key': STARTER },
    });
    const requests = mine.json<{ value: Array<Record<string, unknown>>; count: number }>();
    expect(requests.count).toBe(3);
    expect(
      requests.value.map((r) => [r.responseCode, r.backendResponseCode, r.subscriptionId]),
    ).toEqual([
      [400, '400', '/subscriptions/demo-starter'],
      [200, '200', '/subscriptions/demo-starter'],
      [200, '200', '/subscriptions/demo-starter'],
    ]);
    expect(String(requests.value[0]?.operationId)).toMatch(/^\/apis\/azureml-demo\/operations\//);
    expect(String(requests.value[0]?.url)).not.toContain(STARTER);

    const arm = await gateway.app.inject({
      url: `/management/subscriptions/0/resourceGroups/rg/providers/Microsoft.ApiManagement/service/portico/reports/byApi?${q({ 'api-version': '2022-08-01' })}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(
      arm
        .json<{ value: Array<Record<string, unknown>> }>()
        .value.map((r) => [r.apiId, r.callCountTotal]),
    ).toEqual([['/apis/azureml-demo', 6]]);
  });

  it("the Usage view's client reads the same reports by the ARM path with a bearer token, and by the consumer's key", async () => {
    const from = new Date(Date.now() - 60_000).toISOString().slice(0, 19);
    const to = new Date(Date.now() + 60_000).toISOString().slice(0, 19);
    const $filter = `timestamp ge datetime'${from}' and timestamp le datetime'${to}'`;
    // The code path of a real APIM (`{managementUrl}/reports/...?api-version=2022-08-01`,
    // Authorization: Bearer <pasted token>), pointed at the local gateway's ARM path.
    const arm = bearerSource(
      `${gatewayUrl}/management/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/portico`,
      ADMIN,
    );
    const requests = await fetchReport<{ requestId: string }>(arm, 'byRequest', {
      $filter,
      $top: '2',
    });
    // Three pages of two, followed by nextLink.
    expect(requests.count).toBe(6);
    expect(new Set(requests.value.map((r) => r.requestId)).size).toBe(6);
    const refused = await fetchReport(
      bearerSource(`${gatewayUrl}/management`, 'not-the-admin-key'),
      'byApi',
      { $filter },
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401, code: 'Unauthorized' });

    const consumer = developerSource({
      id: 'local-demo',
      name: 'Local demo',
      baseUrl: `${gatewayUrl}/azureml-demo`,
      credentials: { apimSubscriptionKey: STARTER },
      apim: { local: true, developerUrl: `${gatewayUrl}/developer` },
    });
    if (!consumer) throw new Error('no developer source');
    const mine = await fetchReport<{ name: string; callCountTotal: number }>(
      consumer,
      'bySubscription',
      { $filter },
    );
    expect(mine.value.map((r) => [r.name, r.callCountTotal])).toEqual([['demo-starter', 3]]);
  });
});
