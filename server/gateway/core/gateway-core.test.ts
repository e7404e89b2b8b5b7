import { afterEach, describe, expect, it } from 'vitest';
import { GatewayCore, GatewayRequestError } from './gateway-core';
import { MemoryGatewayStore } from './gateway-store';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
let now = T0;
const cores: GatewayCore[] = [];

async function open(store = new MemoryGatewayStore()) {
  const core = await GatewayCore.open({
    store,
    clock: () => now,
    flushIntervalMs: 0,
    seeds: [
      {
        sid: 'demo-starter',
        displayName: 'Demo (Starter)',
        productId: 'starter',
        primaryKey: 'starter-key',
        state: 'active',
      },
      {
        sid: 'demo-unlimited',
        displayName: 'Demo (Unlimited)',
        productId: 'unlimited',
        primaryKey: 'unlimited-key',
        state: 'active',
      },
    ],
  });
  cores.push(core);
  return { core, store };
}

afterEach(async () => {
  now = T0;
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('GatewayCore', () => {
  it('seeds the demo subscriptions once, with generated secondary keys that survive a reopen', async () => {
    const { core, store } = await open();
    const starter = core.getSubscription('demo-starter')!;
    expect(starter).toMatchObject({
      scope: '/products/starter',
      state: 'active',
      primaryKey: 'starter-key',
      ownerId: '/users/demo',
    });
    expect(starter.secondaryKey).toMatch(/^[0-9a-f]{32}$/);
    const again = await open(store);
    expect(again.core.getSubscription('demo-starter')?.secondaryKey).toBe(starter.secondaryKey);
  });

  it('admits by either key and refuses missing, unknown and inactive keys', async () => {
    const { core } = await open();
    const secondary = core.getSubscription('demo-starter')!.secondaryKey;
    expect(core.admit(undefined).kind).toBe('missingKey');
    expect(core.admit('').kind).toBe('missingKey');
    expect(core.admit('nope').kind).toBe('invalidKey');
    expect(core.admit('starter-key')).toMatchObject({ kind: 'allowed', remaining: 4 });
    expect(core.admit(secondary)).toMatchObject({ kind: 'allowed', remaining: 3 });
    await core.updateSubscription('demo-starter', { state: 'suspended' });
    expect(core.admit('starter-key').kind).toBe('invalidKey');
  });

  it('lets an API-scoped key call its own API only', async () => {
    const { core } = await open();
    await core.putSubscription('api-key', {
      scope: '/apis/azureml-demo',
      displayName: 'x',
      state: 'active',
      primaryKey: 'api-key-1',
    });
    await core.putSubscription('other-api', {
      scope: '/apis/other',
      displayName: 'x',
      state: 'active',
      primaryKey: 'other-1',
    });
    expect(core.admit('api-key-1', 'azureml-demo')).toMatchObject({
      kind: 'allowed',
      product: undefined,
    });
    expect(core.admit('other-1', 'azureml-demo').kind).toBe('invalidKey');
  });

  it('keeps counters in memory until a flush writes them behind', async () => {
    const { core, store } = await open();
    core.admit('starter-key');
    expect(store.counters.get('demo-starter')).toBeUndefined();
    await core.flush();
    expect(store.counters.get('demo-starter')).toMatchObject({ rateCount: 1, quotaCount: 1 });
    // A failed write is retried by the next flush rather than lost.
    core.admit('starter-key');
    store.failWrites = true;
    await expect(core.flush()).rejects.toThrow('storage unavailable');
    store.failWrites = false;
    await core.flush();
    expect(store.counters.get('demo-starter')).toMatchObject({ rateCount: 2 });
  });

  it('writes a subscription change before acknowledging it, and refuses it if the write fails', async () => {
    const { core, store } = await open();
    store.failWrites = true;
    await expect(core.regenerateKey('demo-starter', 'primary')).rejects.toThrow(
      'storage unavailable',
    );
    expect(core.admit('starter-key').kind).toBe('allowed');
    store.failWrites = false;
    const renewed = await core.regenerateKey('demo-starter', 'primary');
    expect(core.admit('starter-key').kind).toBe('invalidKey');
    expect(core.admit(renewed.primaryKey).kind).toBe('allowed');
    expect(store.subscriptions.get('demo-starter')?.primaryKey).toBe(renewed.primaryKey);
  });

  it('self-service: Starter is active at once, Unlimited waits for approval', async () => {
    const { core } = await open();
    now = T0 + 1000;
    const starter = await core.subscribe('starter', 'My app');
    expect(starter).toMatchObject({
      scope: '/products/starter',
      state: 'active',
      startDate: new Date(now).toISOString(),
    });
    expect(starter.sid).toMatch(/^[0-9a-f]{24}$/);
    const unlimited = await core.subscribe('unlimited', 'Big app');
    expect(unlimited).toMatchObject({ state: 'submitted', startDate: null });
    expect(core.admit(unlimited.primaryKey).kind).toBe('invalidKey');
    await core.updateSubscription(unlimited.sid, { state: 'active' });
    expect(core.admit(unlimited.primaryKey)).toMatchObject({
      kind: 'allowed',
      remaining: undefined,
    });
    await expect(core.subscribe('gold', 'x')).rejects.toThrow(GatewayRequestError);
    await expect(core.subscribe('starter', '')).rejects.toThrow(
      'displayName must be 1-100 characters.',
    );
  });

  it('refuses bad admin input with a ValidationError naming the field', async () => {
    const { core } = await open();
    await expect(
      core.putSubscription('bad/id', { scope: '/products/starter', displayName: 'x' }),
    ).rejects.toThrow('subscription id');
    await expect(
      core.putSubscription('s1', { scope: '/products/gold', displayName: 'x' }),
    ).rejects.toThrow('properties.scope');
    await expect(core.updateSubscription('demo-starter', { state: 'paused' })).rejects.toThrow(
      'properties.state',
    );
    await expect(core.updateSubscription('missing', { state: 'active' })).rejects.toMatchObject({
      code: 'ResourceNotFound',
    });
    await expect(
      core.updateSubscription('demo-starter', { primaryKey: 'unlimited-key' }),
    ).rejects.toMatchObject({ code: 'Conflict' });
  });
});
