import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCatalogStore } from '../core/catalog-store';
import { MemoryGatewayStore } from '../core/gateway-store';
import { createGateway, type Gateway } from './create-gateway';

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close().catch(() => {});
});

describe('the gateway when its storage fails', () => {
  it('refuses a change with a 503 in the ARM shape, keeps the old key working, and says so once', async () => {
    const store = new MemoryGatewayStore();
    const logged: string[] = [];
    gateway = await createGateway({
      store,
      catalogStore: new MemoryCatalogStore(),
      backendUrl: 'http://127.0.0.1:9',
      adminKey: 'admin',
      flushIntervalMs: 20,
      log: (message) => logged.push(message),
    });
    store.failWrites = true;
    const created = await gateway.app.inject({
      method: 'POST',
      url: '/developer/subscriptions',
      payload: { productId: 'starter', displayName: 'x' },
    });
    expect(created.statusCode).toBe(503);
    expect(created.headers['retry-after']).toBe('5');
    expect(created.json()).toMatchObject({ error: { code: 'ServiceUnavailable', details: [] } });

    const regenerate = await gateway.app.inject({
      method: 'POST',
      url: '/management/subscriptions/demo-starter/regeneratePrimaryKey',
      headers: { authorization: 'Bearer admin' },
    });
    expect(regenerate.statusCode).toBe(503);
    expect(
      gateway.core.admit(gateway.catalog.api('azureml-demo')!, 'portico-starter-key').kind,
    ).toBe('allowed');

    // A call counted by Starter's policy (its backend is down: the count stands all the same).
    const call = await gateway.app.inject({
      method: 'POST',
      url: '/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0',
      headers: { 'ocp-apim-subscription-key': 'portico-starter-key' },
      payload: '{}',
    });
    expect(call.statusCode).toBe(502);
    expect(call.headers['x-ratelimit-remaining']).toBeUndefined();
    // Counters keep failing to save for several ticks: one line, then one when it recovers.
    await new Promise((resolve) => setTimeout(resolve, 120));
    store.failWrites = false;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const counterLines = logged.filter((line) => line.includes('counters'));
    expect(counterLines).toEqual([
      expect.stringContaining('Could not save call counters (retrying until it works)'),
      'Call counters are saved again.',
    ]);
    expect(store.counters.size).toBeGreaterThan(0);
  });
});
