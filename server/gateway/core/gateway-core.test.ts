import { afterEach, describe, expect, it } from 'vitest';
import { composePipeline } from '../policies/policy-engine';
import { Catalog, type StoredApi } from './catalog';
import { MemoryCatalogStore } from './catalog-store';
import { GatewayCore, GatewayRequestError, sameSecret } from './gateway-core';
import { MemoryGatewayStore } from './gateway-store';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
let now = T0;
const cores: GatewayCore[] = [];

const trust = { isTrustedBackend: () => true, trustSetting: 'GATEWAY_TRUSTED_HOSTS' };

/** The catalog a fresh stack starts with: Starter (with its policy), Unlimited, the demo API in both. */
async function openCatalog(store = new MemoryCatalogStore()): Promise<Catalog> {
  return Catalog.open({
    store,
    clock: () => now,
    ...trust,
    seedDefaults: true,
    onFirstOpen: async (catalog) => {
      for (const id of ['azureml-demo', 'other']) {
        await catalog.putApi(id, {
          displayName: id,
          path: id,
          serviceUrl: 'http://127.0.0.1:9',
        });
      }
      await catalog.linkApi('starter', 'azureml-demo');
      await catalog.linkApi('unlimited', 'azureml-demo');
    },
  });
}

async function open(store = new MemoryGatewayStore(), catalog?: Catalog) {
  const core = await GatewayCore.open({
    store,
    catalog: catalog ?? (await openCatalog()),
    isTrustedBackend: () => true,
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
  const api = (id = 'azureml-demo'): StoredApi => core.catalog.api(id)!;
  return { core, store, api };
}

/** Starter's policy run for one call of `key`, as the proxy runs it: 'allowed' or the refusal. */
function callThroughStarter(core: GatewayCore, key: string) {
  const subscription = core.subscriptionForKey(key)!;
  const pipeline = composePipeline({
    product: core.catalog.policy({ kind: 'product', productId: 'starter' })?.parsed,
  });
  const outcome = core.engine.inbound(pipeline, {
    requestId: 'r',
    method: 'POST',
    path: '/x',
    query: '',
    headers: {},
    ipAddress: '127.0.0.1',
    api: { id: 'azureml-demo', serviceUrl: 'http://127.0.0.1:9' },
    operation: { id: 'op', method: 'POST', urlTemplate: '/x', responses: [] },
    subscription: {
      id: subscription.sid,
      key,
      startDate: Date.parse(subscription.startDate ?? subscription.createdDate),
    },
    product: { id: 'starter' },
  });
  return outcome.kind === 'forward'
    ? { kind: 'allowed', remaining: outcome.responseHeaders['X-RateLimit-Remaining'] }
    : { kind: outcome.reason, status: outcome.status };
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
    const { core, api } = await open();
    const secondary = core.getSubscription('demo-starter')!.secondaryKey;
    expect(core.admit(api(), undefined).kind).toBe('missingKey');
    expect(core.admit(api(), '').kind).toBe('missingKey');
    expect(core.admit(api(), 'nope').kind).toBe('invalidKey');
    expect(core.admit(api(), 'starter-key')).toMatchObject({
      kind: 'allowed',
      productId: 'starter',
    });
    expect(core.admit(api(), secondary)).toMatchObject({ kind: 'allowed', productId: 'starter' });
    await core.updateSubscription('demo-starter', { state: 'suspended' });
    expect(core.admit(api(), 'starter-key').kind).toBe('invalidKey');
  });

  it("opens only the APIs of a key's product, and an API that needs no key to anyone", async () => {
    const { core, api } = await open();
    // "other" is in no product: a Starter key does not open it (APIM's invalid-key 401).
    expect(core.admit(api('other'), 'starter-key').kind).toBe('invalidKey');
    await core.catalog.linkApi('starter', 'other');
    expect(core.admit(api('other'), 'starter-key').kind).toBe('allowed');
    await core.catalog.patchApi('other', { subscriptionRequired: false }, { ifMatch: '*' });
    expect(core.admit(api('other'), undefined)).toEqual({
      kind: 'allowed',
      subscription: undefined,
      productId: undefined,
    });
  });

  it('lets an API-scoped key call its own API only', async () => {
    const { core, api } = await open();
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
    expect(core.admit(api(), 'api-key-1')).toMatchObject({
      kind: 'allowed',
      productId: undefined,
    });
    expect(core.admit(api(), 'other-1').kind).toBe('invalidKey');
    await expect(
      core.putSubscription('nowhere', { scope: '/apis/missing', displayName: 'x' }),
    ).rejects.toThrow('"/apis/{apiId}" of an existing API');
  });

  it("counts calls in Starter's policy and writes its counters behind", async () => {
    const { core, store } = await open();
    expect(callThroughStarter(core, 'starter-key')).toEqual({ kind: 'allowed', remaining: '4' });
    expect(store.counters.size).toBe(0);
    await core.flush();
    expect(store.counters.size).toBeGreaterThan(0);
    // A failed write is retried by the next flush rather than lost.
    callThroughStarter(core, 'starter-key');
    store.failWrites = true;
    await expect(core.flush()).rejects.toThrow('storage unavailable');
    store.failWrites = false;
    await core.flush();
    // Reopened on the same stores, the counts go on where they were.
    const again = await open(store, core.catalog);
    for (let i = 0; i < 3; i++) callThroughStarter(again.core, 'starter-key');
    expect(callThroughStarter(again.core, 'starter-key')).toEqual({
      kind: 'rate-limit',
      status: 429,
    });
  });

  it('writes a subscription change before acknowledging it, and refuses it if the write fails', async () => {
    const { core, store, api } = await open();
    store.failWrites = true;
    await expect(core.regenerateKey('demo-starter', 'primary')).rejects.toThrow(
      'storage unavailable',
    );
    expect(core.admit(api(), 'starter-key').kind).toBe('allowed');
    store.failWrites = false;
    const renewed = await core.regenerateKey('demo-starter', 'primary');
    expect(core.admit(api(), 'starter-key').kind).toBe('invalidKey');
    expect(core.admit(api(), renewed.primaryKey).kind).toBe('allowed');
    expect(store.subscriptions.get('demo-starter')?.primaryKey).toBe(renewed.primaryKey);
  });

  it("refuses a user's subscription past the product's subscriptionsLimit", async () => {
    const { core } = await open();
    await core.catalog.patchProduct('starter', { subscriptionsLimit: 2 }, { ifMatch: '*' });
    // The seeded demo-starter subscription is the demo user's first.
    await core.subscribe('starter', 'Second');
    await expect(core.subscribe('starter', 'Third')).rejects.toThrow(
      'You already have 2 subscriptions to Starter, its limit per user.',
    );
    const [second] = core.listSubscriptions().filter((s) => s.displayName === 'Second');
    await core.updateSubscription(second!.sid, { state: 'cancelled' });
    await expect(core.subscribe('starter', 'Third')).resolves.toMatchObject({ state: 'active' });
  });

  it('self-service: Starter is active at once, Unlimited waits for approval', async () => {
    const { core, api } = await open();
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
    expect(core.admit(api(), unlimited.primaryKey).kind).toBe('invalidKey');
    await core.updateSubscription(unlimited.sid, { state: 'active' });
    expect(core.admit(api(), unlimited.primaryKey)).toMatchObject({
      kind: 'allowed',
      productId: 'unlimited',
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

describe('sameSecret', () => {
  it('matches only the same secret, whatever its length', () => {
    expect(sameSecret('portico-admin-key', 'portico-admin-key')).toBe(true);
    // Same length, one character off: a comparison by length alone would let it in.
    expect(sameSecret('portico-admin-kez', 'portico-admin-key')).toBe(false);
    expect(sameSecret('xxxxxxxxxxxxxxxxx', 'portico-admin-key')).toBe(false);
    expect(sameSecret('portico-admin-key-longer', 'portico-admin-key')).toBe(false);
    expect(sameSecret('', 'portico-admin-key')).toBe(false);
  });
});
