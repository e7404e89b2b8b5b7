import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackApimClient } from '../../testing/apim-sdk';
import { fillConsumeSnippet, runPython } from '../../testing/azureml-consume-snippet';
import { startTestGatewayStack, type TestGatewayStack } from '../../testing/gateway-stack';
import { seededRandom } from '../core/traffic';
import type { StreamEnd } from './create-online-endpoint';
import { openOnlineEndpoints, type OnlineEndpoints } from './open-online-endpoints';
import {
  ASSISTANT_API_ID,
  HASHING_API_ID,
  REMAINING_TOKENS_HEADER,
  endpointKeyPolicyXml,
  publishOnlineEndpoints,
} from './publish-endpoints';

const ADMIN = 'through-admin-key';
const STARTER = 'through-starter-key';
const UNLIMITED = 'through-unlimited-key';
const ENDPOINT_KEY = 'through-endpoint-key';
const ASSISTANT_KEY = 'through-assistant-key';
const TUTORIAL_ROW = {
  input_data: { columns: ['Col1', 'Col2'], index: [0], data: [['1', 'This is a good day']] },
};

let stack: TestGatewayStack;
let endpoints: OnlineEndpoints;
const streamEnds: StreamEnd[] = [];

beforeAll(async () => {
  stack = await startTestGatewayStack({
    mlKey: 'through-ml-key',
    gateway: async (table) => {
      endpoints = await openOnlineEndpoints({
        tableConnectionString: table.connectionString,
        hashingKey: ENDPOINT_KEY,
        assistantKey: ASSISTANT_KEY,
        tokenDelayMs: 15,
        shared: { random: seededRandom(23), onStreamEnd: (end) => streamEnds.push(end) },
      });
      const hosts = [await endpoints.hashing.listen(), await endpoints.assistant.listen()];
      return {
        adminKey: ADMIN,
        starterKey: STARTER,
        unlimitedKey: UNLIMITED,
        trustedHosts: hosts.map((url) => new URL(url).host),
        onFirstOpen: (catalog) =>
          publishOnlineEndpoints(catalog, [
            { server: endpoints.hashing, apiId: HASHING_API_ID, displayName: 'Hashing' },
            { server: endpoints.assistant, apiId: ASSISTANT_API_ID, displayName: 'Assistant' },
          ]),
      };
    },
  });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  await endpoints?.close();
});

function ask(key: string, accept = 'text/event-stream', signal?: AbortSignal): Promise<Response> {
  return fetch(`${stack.base}/${ASSISTANT_API_ID}/score`, {
    method: 'POST',
    headers: {
      'Ocp-Apim-Subscription-Key': key,
      'Content-Type': 'application/json',
      Accept: accept,
    },
    body: JSON.stringify({ question: 'What is a good day?', chat_history: [] }),
    ...(signal ? { signal } : {}),
  });
}

describe('the online endpoints published through the gateway', () => {
  it('imports both from their swagger.json into Starter and Unlimited, the key set by policy, Starter with llm-token-limit', () => {
    const catalog = stack.gateway.catalog;
    expect(catalog.api(HASHING_API_ID)?.properties).toMatchObject({
      displayName: 'Hashing',
      path: HASHING_API_ID,
      serviceUrl: endpoints.hashing.url(),
    });
    expect(
      catalog
        .operations(HASHING_API_ID)
        .map((o) => o.properties.displayName)
        .sort(),
    ).toEqual(['GetSwaggerSpec', 'RunMLService', 'ServiceHealthCheck']);
    expect(catalog.apiProducts(ASSISTANT_API_ID)).toEqual(['starter', 'unlimited']);
    expect(catalog.policy({ kind: 'api', apiId: HASHING_API_ID })?.value).toContain(
      `<value>Bearer ${ENDPOINT_KEY}</value>`,
    );
    expect(catalog.policy({ kind: 'product', productId: 'starter' })?.value).toContain(
      '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="500"',
    );
  });

  it('scores with only the subscription key, and passes the deployment header both ways', async () => {
    const answer = await fetch(`${stack.base}/${HASHING_API_ID}/score`, {
      method: 'POST',
      headers: {
        'Ocp-Apim-Subscription-Key': UNLIMITED,
        'Content-Type': 'application/json',
        'azureml-model-deployment': 'green',
      },
      body: JSON.stringify(TUTORIAL_ROW),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('azureml-model-deployment')).toBe('green');
    expect(((await answer.json()) as { columns: string[] }).columns).toHaveLength(18);
  });

  it('passes a stream through unbuffered: the first event arrives while the endpoint is still streaming', async () => {
    const ended = streamEnds.length;
    const answer = await ask(UNLIMITED);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = answer.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text.startsWith('data: {"answer": ""}\n\n')).toBe(true);
    // The endpoint has not finished its stream: nothing was held back until the end.
    expect(streamEnds.length).toBe(ended);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(streamEnds.at(-1)).toMatchObject({ cancelled: false });
    const direct = await fetch(`${endpoints.assistant.url()}/score`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ASSISTANT_KEY}`, Accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'What is a good day?', chat_history: [] }),
    });
    expect(text).toBe(await direct.text());
  });

  it("stops the endpoint's work when a client leaves a stream through the gateway", async () => {
    const stop = new AbortController();
    const answer = await ask(UNLIMITED, 'text/event-stream', stop.signal);
    const reader = answer.body!.getReader();
    await reader.read();
    const before = streamEnds.length;
    stop.abort();
    await expect.poll(() => streamEnds.length).toBeGreaterThan(before);
    expect(streamEnds.at(-1)).toMatchObject({ endpoint: 'portico-assistant', cancelled: true });
  });

  it("Starter's llm-token-limit counts the streamed tokens and answers 429 with Retry-After past 500 a minute", async () => {
    const remaining: string[] = [];
    let refused: Response | undefined;
    for (let call = 0; call < 5 && !refused; call++) {
      const answer = await ask(STARTER);
      if (answer.status === 429) refused = answer;
      else {
        expect(answer.status).toBe(200);
        remaining.push(answer.headers.get(REMAINING_TOKENS_HEADER) ?? '');
        await answer.text();
      }
    }
    expect(remaining[0]).toBe('500');
    expect(Number(remaining[1])).toBeLessThan(500);
    expect(refused).toBeDefined();
    const seconds = Number(refused?.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await refused?.json()).toEqual({
      statusCode: 429,
      message: `Token limit is exceeded. Try again in ${seconds} seconds.`,
    });
  });

  it('answers 403 once a token quota is used (an API policy put through the management API)', async () => {
    const policy = endpointKeyPolicyXml(ASSISTANT_KEY).replace(
      '    <base />\r\n    <set-header',
      '    <base />\r\n    <llm-token-limit counter-key="@(context.Subscription.Id)" token-quota="50" token-quota-period="Hourly" />\r\n    <set-header',
    );
    const put = await fetch(
      `${stack.base}/management/apis/${ASSISTANT_API_ID}/policies/policy?api-version=2022-08-01`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ properties: { format: 'xml', value: policy } }),
      },
    );
    expect(put.status).toBeLessThan(300);
    const first = await ask(UNLIMITED, 'application/json');
    expect(first.status).toBe(200);
    await first.json();
    const second = await ask(UNLIMITED, 'application/json');
    expect(second.status).toBe(403);
    const body = (await second.json()) as { statusCode: number; message: string };
    expect(body.statusCode).toBe(403);
    expect(body.message).toMatch(
      /^Out of token quota\. Quota will be replenished in \d\d:\d\d:\d\d\.$/,
    );
  });

  it("runs Azure ML studio's Consume snippet through the gateway, with APIM's subscription key header added", async () => {
    const program = await fillConsumeSnippet(`${stack.base}/${HASHING_API_ID}/score`, UNLIMITED, {
      'Ocp-Apim-Subscription-Key': UNLIMITED,
    });
    const { stdout } = await runPython(program);
    expect(stdout.startsWith("b'")).toBe(true);
    const printed = JSON.parse(stdout.trim().slice(2, -1)) as { columns: string[] };
    expect(printed.columns).toHaveLength(18);
  });

  it("imports the endpoint's swagger.json as an API with @azure/arm-apimanagement", async () => {
    const swagger = await (
      await fetch(`${endpoints.hashing.url()}/swagger.json`, {
        headers: { Authorization: `Bearer ${ENDPOINT_KEY}` },
      })
    ).text();
    const client = loopbackApimClient(`${stack.base}/management`, ADMIN);
    const api = await client.api.beginCreateOrUpdateAndWait('rg', 'svc', 'hashing-from-sdk', {
      format: 'swagger-json',
      value: swagger,
      path: 'hashing-sdk',
    });
    expect(api).toMatchObject({
      name: 'hashing-from-sdk',
      path: 'hashing-sdk',
      displayName: 'portico-hashing',
    });
    const operations = [];
    for await (const operation of client.apiOperation.listByApi('rg', 'svc', 'hashing-from-sdk'))
      operations.push(`${operation.method} ${operation.urlTemplate}`);
    expect(operations.sort()).toEqual(['GET /', 'GET /swagger.json', 'POST /score']);
  });

  it('keeps a deleted endpoint API deleted across a restart (publishing runs on the first start only)', async () => {
    const removed = await fetch(
      `${stack.base}/management/apis/${HASHING_API_ID}?api-version=2022-08-01`,
      { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN}`, 'If-Match': '*' } },
    );
    expect(removed.status).toBe(200);
    await stack.restartGateway();
    expect(stack.gateway.catalog.api(HASHING_API_ID)).toBeUndefined();
    expect(stack.gateway.catalog.api(ASSISTANT_API_ID)).toBeDefined();
  });
});
