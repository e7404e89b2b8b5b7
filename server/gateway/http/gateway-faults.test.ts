import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGatewayStack, type TestGatewayStack } from '../../testing/gateway-stack';
import { rawRequest } from '../../testing/raw-http';
import { openUsage, type Usage } from '../../usage/open-usage';
import type { Gateway } from './create-gateway';

/**
 * Faults a probe of the gateway found, each over a real socket: what a client such as curl or
 * a browser sends, not what Fastify's inject would.
 */
const ADMIN = 'faults-admin-key';
const STARTER = 'faults-starter-key';
const UNLIMITED = 'faults-unlimited-key';
const ML_KEY = 'faults-ml-key';
const EXECUTE =
  '/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0';

let stack: TestGatewayStack;
let usage: Usage;
let gateway: Gateway;
let base: string;
let port: number;

beforeAll(async () => {
  stack = await startTestGatewayStack({
    mlKey: ML_KEY,
    gateway: async (table) => {
      usage = await openUsage(table.connectionString);
      return {
        onCall: usage.record,
        registerRoutes: usage.registerRoutes,
        adminKey: ADMIN,
        starterKey: STARTER,
        unlimitedKey: UNLIMITED,
      };
    },
  });
  ({ gateway, base } = stack);
  port = Number(new URL(base).port);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await usage?.close();
});

/** A POST over a real socket whose body is sent only after the server's `100 Continue`, as curl does. */
function postExpectingContinue(
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; sawContinue: boolean }> {
  return new Promise((resolve, reject) => {
    let sawContinue = false;
    const request = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, expect: '100-continue', 'content-length': String(body.length) },
    });
    request.on('continue', () => {
      sawContinue = true;
      request.end(body);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          sawContinue,
        }),
      );
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

describe('faults found by a probe of the gateway', () => {
  it('forwards a call sent with Expect: 100-continue (what curl does for a body over 1 MB)', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`This is a good day ${i}`]);
    const body = Buffer.from(
      JSON.stringify({ Inputs: { input1: { ColumnNames: ['Col2'], Values: rows } } }),
    );
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const answer = await postExpectingContinue(EXECUTE, body, {
      'content-type': 'application/json',
      authorization: `Bearer ${ML_KEY}`,
      'ocp-apim-subscription-key': UNLIMITED,
    });
    expect(answer.sawContinue).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.body.slice(-200)).toContain('This is a good day 39999');
  });

  it("relays the service's 413 for a body over its limit, not a 502", async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 'a');
    const answer = await fetch(`${base}${EXECUTE}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ML_KEY}`,
        'ocp-apim-subscription-key': UNLIMITED,
      },
      body,
    });
    expect(answer.status).toBe(413);
    const json = (await answer.json()) as { error: { code: string } };
    expect(json.error.code).toBe('MemoryQuotaViolation');
  });

  it('answers a too-large body on /developer and /management with 413 in the ARM error shape', async () => {
    const big = JSON.stringify({ displayName: 'x'.repeat(200_000), productId: 'starter' });
    for (const [method, path, headers] of [
      ['POST', '/developer/subscriptions', {}],
      ['PUT', '/management/subscriptions/too-big', { authorization: `Bearer ${ADMIN}` }],
    ] as const) {
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: big,
      });
      expect([path, answer.status]).toEqual([path, 413]);
      const json = (await answer.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('RequestEntityTooLarge');
      expect(json.error.message).toMatch(/larger than/);
    }
  });

  it('throttles anonymous subscribing per caller', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const answer = await fetch(`${base}/developer/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'starter', displayName: `Flood ${i}` }),
      });
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter = answer.headers.get('retry-after');
        const json = (await answer.json()) as { error: { code: string } };
        expect(json.error.code).toBe('TooManyRequests');
      } else await answer.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('lets only an active subscription regenerate its keys or read its reports', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const REPORT = `${base}/developer/reports/byRequest?${new URLSearchParams({
      $filter: `timestamp ge datetime'${day}T00:00:00' and timestamp le datetime'${day}T23:59:59'`,
    }).toString()}`;
    const active = await fetch(REPORT, { headers: { 'ocp-apim-subscription-key': STARTER } });
    expect(active.status).toBe(200);
    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    for (const state of ['suspended', 'cancelled'] as const) {
      const sid = `fault-${state}`;
      const key = `fault-key-${state}`;
      const put = await fetch(`${base}/management/subscriptions/${sid}`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({
          properties: { scope: '/products/starter', displayName: sid, primaryKey: key, state },
        }),
      });
      expect(put.status).toBe(201);
      const holder = { 'ocp-apim-subscription-key': key };
      const read = await fetch(`${base}/developer/subscriptions/${sid}`, { headers: holder });
      const regenerate = await fetch(
        `${base}/developer/subscriptions/${sid}/regeneratePrimaryKey`,
        { method: 'POST', headers: holder },
      );
      const report = await fetch(REPORT, { headers: holder });
      expect([state, read.status, regenerate.status, report.status]).toEqual([
        state,
        401,
        401,
        401,
      ]);
      expect(gateway.core.getSubscription(sid)?.primaryKey).toBe(key);
    }
  });

  it('answers only to its own port in the Host header', async () => {
    const wrong = await rawRequest(port, [
      `GET /developer/products HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n`,
    ]);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('127.0.0.1:1');
    const right = await rawRequest(port, [
      `GET /developer/products HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(right.status).toBe(200);
  });

  it('pages GET /management/subscriptions', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    for (let i = 0; i < 5; i++)
      await gateway.core.putSubscription(`paged-${i}`, {
        scope: '/products/unlimited',
        displayName: `Paged ${i}`,
      });
    const total = gateway.core.listSubscriptions().length;
    const seen: string[] = [];
    let next: string | undefined = `${base}/management/subscriptions?$top=3`;
    let pages = 0;
    while (next) {
      const answer = await fetch(next, { headers: admin });
      expect(answer.status).toBe(200);
      const page = (await answer.json()) as {
        value: Array<{ name: string }>;
        count: number;
        nextLink?: string;
      };
      expect(page.value.length).toBeLessThanOrEqual(3);
      expect(page.count).toBe(total);
      seen.push(...page.value.map((s) => s.name));
      next = page.nextLink || undefined;
      if (next) expect(new URL(next).origin).toBe(base);
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 3));
    expect(new Set(seen).size).toBe(total);

    for (let i = 0; i < 120; i++)
      await gateway.core.putSubscription(`bulk-${i}`, {
        scope: '/products/unlimited',
        displayName: `Bulk ${i}`,
      });
    const first = (await (
      await fetch(`${base}/management/subscriptions`, { headers: admin })
    ).json()) as { value: unknown[]; nextLink?: string };
    expect(first.value).toHaveLength(100);
    expect(first.nextLink).toContain('%24skip=100');
  });
});
