import type { ApiManagementClient } from '@azure/arm-apimanagement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackApimClient } from '../../testing/apim-sdk';
import { startTestGatewayStack, type TestGatewayStack } from '../../testing/gateway-stack';
import { MOCKED_HEADER } from '../policies/policy-engine';

/**
 * The tutorial's publisher half, done with Azure's own management SDK against the local
 * gateway, then the consumer half through what was published: nothing about the API, its
 * operations or Starter's limits is built into the gateway.
 */
const ADMIN = 'tutorial-admin-key';
const STARTER = 'tutorial-starter-key';
const ML_KEY = 'tutorial-ml-key';
const RG = 'tutorial-group';
const SERVICE = 'tutorial-apim';
const TUTORIAL = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});

let stack: TestGatewayStack;
let serviceUrl: string;
let base: string;

function sdk(): ApiManagementClient {
  return loopbackApimClient(`${base}/management`, ADMIN);
}

function execute(key = STARTER): Promise<Response> {
  return fetch(
    `${base}/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ML_KEY}`,
        'ocp-apim-subscription-key': key,
      },
      body: TUTORIAL,
    },
  );
}

beforeAll(async () => {
  stack = await startTestGatewayStack({
    mlKey: ML_KEY,
    // The publisher creates the API in this test, as in the tutorial.
    gateway: { adminKey: ADMIN, starterKey: STARTER, publishDemoApi: false },
  });
  ({ serviceUrl, base } = stack);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const param = (name: string) => ({ name, type: 'string', required: true });

describe("the tutorial's publisher steps with @azure/arm-apimanagement", () => {
  it('publishes the API, its five operations and Starter at 2 calls a minute; a consumer meets them', async () => {
    const client = sdk();
    // Nothing is published yet: the call finds no API.
    expect((await execute()).status).toBe(404);

    const api = await client.api.beginCreateOrUpdateAndWait(RG, SERVICE, 'azureml-demo', {
      displayName: 'AzureML Demo API',
      serviceUrl,
      path: 'azureml-demo',
      protocols: ['https'],
    });
    expect(api).toMatchObject({ name: 'azureml-demo', path: 'azureml-demo', isCurrent: true });

    const operations = [
      [
        'rrs-execute',
        'RRS Execute',
        'POST',
        '/workspaces/{workspace}/services/{service}/execute?api-version={apiversion}&details={details}',
      ],
      [
        'bes-submit',
        'BES Submit',
        'POST',
        '/workspaces/{workspace}/services/{service}/jobs?api-version={apiversion}',
      ],
      [
        'bes-start',
        'BES Start',
        'POST',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}/start?api-version={apiversion}',
      ],
      [
        'bes-status',
        'BES Status',
        'GET',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}?api-version={apiversion}',
      ],
      [
        'bes-delete',
        'BES Delete',
        'DELETE',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}',
      ],
    ] as const;
    for (const [id, displayName, method, urlTemplate] of operations) {
      const names = [...urlTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
      const created = await client.apiOperation.createOrUpdate(RG, SERVICE, 'azureml-demo', id, {
        displayName,
        method,
        urlTemplate,
        templateParameters: names.map(param),
        responses: [{ statusCode: 200, description: 'OK' }],
      });
      expect(created).toMatchObject({ name: id, method, urlTemplate });
    }
    const listed = [];
    for await (const operation of client.apiOperation.listByApi(RG, SERVICE, 'azureml-demo'))
      listed.push(operation.displayName);
    expect(listed.sort()).toEqual([
      'BES Delete',
      'BES Start',
      'BES Status',
      'BES Submit',
      'RRS Execute',
    ]);

    // Not yet in a product: a Starter key does not open it.
    expect((await execute()).status).toBe(401);
    await client.productApi.createOrUpdate(RG, SERVICE, 'starter', 'azureml-demo');
    await client.productPolicy.createOrUpdate(RG, SERVICE, 'starter', 'policy', {
      format: 'xml',
      value:
        '<policies><inbound><rate-limit calls="2" renewal-period="60" remaining-calls-header-name="X-RateLimit-Remaining" /><base /></inbound><backend><base /></backend><outbound><base /></outbound></policies>',
    });
    const policy = await client.productPolicy.get(RG, SERVICE, 'starter', 'policy');
    expect(policy.value).toContain('<rate-limit calls="2" renewal-period="60"');

    const first = await execute();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    const values = (
      (await first.json()) as { Results: { output1: { value: { Values: string[][] } } } }
    ).Results.output1.value.Values;
    expect(values).toEqual([['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']]);
    expect((await execute()).status).toBe(200);
    const third = await execute();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ statusCode: 429 });
  });

  it('answers an operation of an API with no backend yet from its example, through mock-response', async () => {
    const client = sdk();
    await client.api.beginCreateOrUpdateAndWait(RG, SERVICE, 'forecast', {
      displayName: 'Forecast (not built yet)',
      path: 'forecast',
      protocols: ['https'],
      subscriptionRequired: false,
    });
    await client.apiOperation.createOrUpdate(RG, SERVICE, 'forecast', 'get-forecast', {
      displayName: 'Get forecast',
      method: 'GET',
      urlTemplate: '/days/{day}',
      templateParameters: [param('day')],
      responses: [
        {
          statusCode: 200,
          representations: [
            {
              contentType: 'application/json',
              examples: { default: { value: { day: 'monday', rain: 0.3 } } },
            },
          ],
        },
      ],
    });
    const before = await fetch(`${base}/forecast/days/monday`);
    expect(before.status).toBe(500);
    expect(((await before.json()) as { message: string }).message).toContain('no backend');
    await client.apiOperationPolicy.createOrUpdate(
      RG,
      SERVICE,
      'forecast',
      'get-forecast',
      'policy',
      {
        format: 'xml',
        value:
          '<policies><inbound><base /><mock-response status-code="200" content-type="application/json" /></inbound></policies>',
      },
    );
    const mocked = await fetch(`${base}/forecast/days/monday`);
    expect(mocked.status).toBe(200);
    expect(mocked.headers.get(MOCKED_HEADER)).toBe('true');
    expect(await mocked.json()).toEqual({ day: 'monday', rain: 0.3 });
  });

  it("answers another site's preflight and call from the API's cors policy", async () => {
    const client = sdk();
    await client.apiPolicy.createOrUpdate(RG, SERVICE, 'forecast', 'policy', {
      format: 'xml',
      value:
        '<policies><inbound><cors><allowed-origins><origin>https://partner.example</origin></allowed-origins><allowed-methods preflight-result-max-age="300"><method>GET</method></allowed-methods><allowed-headers><header>x-trace</header></allowed-headers></cors><base /></inbound></policies>',
    });
    const preflight = (origin: string) =>
      fetch(`${base}/forecast/days/monday`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-trace',
        },
      });
    const allowed = await preflight('https://partner.example');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(allowed.headers.get('access-control-max-age')).toBe('300');
    const other = await preflight('https://elsewhere.example');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const call = await fetch(`${base}/forecast/days/monday`, {
      headers: { origin: 'https://partner.example' },
    });
    expect(call.status).toBe(200);
    expect(call.headers.get('access-control-allow-origin')).toBe('https://partner.example');
  });

  it('exports an API to a 5-minute link in Azurite, imports it back from that link, and refuses a link to a host it does not trust', async () => {
    const client = sdk();
    const exported = await client.apiExport.get(
      RG,
      SERVICE,
      'azureml-demo',
      'openapi+json-link',
      'true',
    );
    const link = exported.value?.link ?? '';
    const expires = Date.parse(new URL(link).searchParams.get('se') ?? '');
    expect(Math.abs(expires - (Date.now() + 5 * 60_000))).toBeLessThan(30_000);
    const document = (await (await fetch(link)).json()) as { servers: Array<{ url: string }> };
    expect(document.servers[0]?.url).toBe(`${base}/azureml-demo`);

    const copy = await client.api.beginCreateOrUpdateAndWait(RG, SERVICE, 'azureml-copy', {
      path: 'azureml-copy',
      serviceUrl,
      format: 'openapi+json-link',
      value: link,
    });
    expect(copy.displayName).toBe('AzureML Demo API');
    const operations = [];
    for await (const operation of client.apiOperation.listByApi(RG, SERVICE, 'azureml-copy'))
      operations.push(operation.displayName);
    expect(operations.sort()).toEqual([
      'BES Delete',
      'BES Start',
      'BES Status',
      'BES Submit',
      'RRS Execute',
    ]);

    await expect(
      client.api.beginCreateOrUpdateAndWait(RG, SERVICE, 'elsewhere', {
        path: 'elsewhere',
        format: 'openapi+json-link',
        value: 'http://definitions.example.invalid/api.json',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/definitions\.example\.invalid.*GATEWAY_TRUSTED_HOSTS/s),
    });
    await client.api.beginDeleteAndWait(RG, SERVICE, 'azureml-copy', '*');
  });

  it('keeps what the publisher did through a restart, and does not bring back a deleted API', async () => {
    const client = sdk();
    await client.api.beginDeleteAndWait(RG, SERVICE, 'forecast', '*');
    await stack.restartGateway();
    base = stack.base;
    const after = sdk();
    const names = [];
    for await (const api of after.api.listByService(RG, SERVICE)) names.push(api.name);
    expect(names).toEqual(['azureml-demo']);
    const policy = await after.productPolicy.get(RG, SERVICE, 'starter', 'policy');
    expect(policy.value).toContain('calls="2"');
    expect((await fetch(`${base}/forecast/days/monday`)).status).toBe(404);
    // The rate-limit window survived too: the third call of the minute is still refused.
    expect((await execute()).status).toBe(429);
    expect(client).toBeDefined();
  });
});
