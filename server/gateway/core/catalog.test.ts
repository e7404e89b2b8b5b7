import { describe, expect, it } from 'vitest';
import { PolicyValidationError } from '../policies/policy-engine';
import { Catalog, CatalogError } from './catalog';
import { MemoryCatalogStore } from './catalog-store';
import type { ImportedApi } from './openapi-import';

const TRUSTED = new Set(['127.0.0.1', 'backend.example.com']);

async function open(store = new MemoryCatalogStore(), seedDefaults = true) {
  const catalog = await Catalog.open({
    store,
    isTrustedBackend: (url) => TRUSTED.has(url.hostname),
    trustSetting: 'GATEWAY_TRUSTED_HOSTS',
    seedDefaults,
  });
  return { catalog, store };
}

const ECHO = { displayName: 'Echo', path: 'echo', serviceUrl: 'http://127.0.0.1:9000/echo' };

function operation(method: string, urlTemplate: string, names: string[] = []) {
  return {
    displayName: `${method} ${urlTemplate}`,
    method,
    urlTemplate,
    templateParameters: names.map((name) => ({ name, type: 'string', required: true })),
  };
}

async function rejection(promise: Promise<unknown>): Promise<CatalogError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CatalogError))
    throw new Error(`expected a CatalogError, got ${String(error)}`);
  return error;
}

describe('Catalog: first start', () => {
  it('seeds Starter, Unlimited, their policies and the global policy once', async () => {
    const { catalog, store } = await open();
    expect(catalog.products().map((p) => [p.id, p.properties])).toEqual([
      [
        'starter',
        {
          displayName: 'Starter',
          description:
            'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
          terms: '',
          subscriptionRequired: true,
          approvalRequired: false,
          subscriptionsLimit: null,
          state: 'published',
        },
      ],
      ['unlimited', expect.objectContaining({ displayName: 'Unlimited', approvalRequired: true })],
    ]);
    expect(catalog.productLimits('starter')).toEqual({
      rateLimit: { calls: 5, renewalPeriod: 60 },
      quota: { calls: 100, renewalPeriod: 604_800 },
    });
    expect(catalog.productLimits('unlimited')).toEqual({});
    expect(catalog.policy({ kind: 'global' })?.value).toContain('<forward-request />');

    const unlimited = catalog.product('unlimited')!;
    await catalog.deleteProduct('unlimited', { ifMatch: unlimited.etag });
    const again = await open(store);
    expect(again.catalog.products().map((p) => p.id)).toEqual(['starter']);
  });

  it('seeds nothing when asked not to', async () => {
    const { catalog } = await open(new MemoryCatalogStore(), false);
    expect(catalog.products()).toEqual([]);
    expect(catalog.policy({ kind: 'global' })).toBeUndefined();
  });
});

describe('Catalog: APIs', () => {
  it('fills in APIM defaults and gives every change a new ETag', async () => {
    const { catalog } = await open();
    const { api, created } = await catalog.putApi('echo-api', ECHO);
    expect(created).toBe(true);
    expect(api.properties).toEqual({
      displayName: 'Echo',
      path: 'echo',
      serviceUrl: 'http://127.0.0.1:9000/echo',
      apiRevision: '1',
      isCurrent: true,
      type: 'http',
      protocols: ['https'],
      subscriptionRequired: true,
      subscriptionKeyParameterNames: {
        header: 'Ocp-Apim-Subscription-Key',
        query: 'subscription-key',
      },
    });
    expect(api.etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await catalog.putApi('echo-api', { ...ECHO, description: 'x' });
    expect(again.created).toBe(false);
    expect(again.api.etag).not.toBe(api.etag);
  });

  it('names the field it refuses', async () => {
    const { catalog } = await open();
    const cases: Array<[unknown, string, RegExp]> = [
      [{ displayName: 'x' }, 'properties.path', /path is required/],
      [{ path: 'x' }, 'properties.displayName', /displayName is required/],
      [{ ...ECHO, displayName: '' }, 'properties.displayName', /1-300/],
      [{ ...ECHO, path: 'p'.repeat(401) }, 'properties.path', /0-400/],
      [{ ...ECHO, serviceUrl: '/relative' }, 'properties.serviceUrl', /absolute http/],
      [{ ...ECHO, serviceUrl: 'ftp://127.0.0.1/x' }, 'properties.serviceUrl', /absolute http/],
      [{ ...ECHO, protocols: ['https', 'gopher'] }, 'properties.protocols', /"ws"/],
      [
        { ...ECHO, subscriptionRequired: 'yes' },
        'properties.subscriptionRequired',
        /true or false/,
      ],
      [{ ...ECHO, type: 'rpc' }, 'properties.type', /"graphql"/],
    ];
    for (const [input, target, message] of cases) {
      const error = await rejection(catalog.putApi('a', input));
      expect([error.code, error.target]).toEqual(['ValidationError', target]);
      expect(error.message).toMatch(message);
    }
    expect(catalog.apis()).toEqual([]);
  });

  it('refuses a serviceUrl on a host the gateway does not trust, naming the host and the setting', async () => {
    const { catalog } = await open();
    const error = await rejection(
      catalog.putApi('a', { ...ECHO, serviceUrl: 'https://evil.example.com:8443/x' }),
    );
    expect(error.target).toBe('properties.serviceUrl');
    expect(error.message).toContain('"evil.example.com:8443"');
    expect(error.message).toContain('GATEWAY_TRUSTED_HOSTS');
  });

  it('refuses ids ARM refuses', async () => {
    const { catalog } = await open();
    for (const id of ['', 'a*b', 'a#b', 'a/b', 'a?b', 'x'.repeat(257), ' a']) {
      const error = await rejection(catalog.putApi(id, ECHO));
      expect(error).toMatchObject({ code: 'ValidationError', target: 'apiId' });
    }
  });

  it('refuses a second API with the same path, naming the first', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo-api', ECHO);
    const error = await rejection(catalog.putApi('other', { ...ECHO, path: '/echo/' }));
    expect(error.code).toBe('Conflict');
    expect(error.message).toContain('"echo-api"');
    // Its own path again is not a conflict.
    await catalog.putApi('echo-api', { ...ECHO, displayName: 'Echo 2' });
  });

  it('applies If-Match: optional on PUT, required on PATCH and DELETE, "*" matches anything', async () => {
    const { catalog } = await open();
    const { api } = await catalog.putApi('echo-api', ECHO, { ifMatch: '"whatever"' });
    expect(await rejection(catalog.putApi('echo-api', ECHO, { ifMatch: '"stale"' }))).toMatchObject(
      { code: 'PreconditionFailed', target: 'If-Match' },
    );
    expect(await rejection(catalog.patchApi('echo-api', { displayName: 'x' }, {}))).toMatchObject({
      code: 'ValidationError',
      target: 'If-Match',
    });
    expect(await rejection(catalog.deleteApi('echo-api', {}))).toMatchObject({
      code: 'ValidationError',
      target: 'If-Match',
    });
    expect(
      await rejection(catalog.patchApi('echo-api', { displayName: 'x' }, { ifMatch: '"stale"' })),
    ).toMatchObject({ code: 'PreconditionFailed' });
    const patched = await catalog.patchApi(
      'echo-api',
      { displayName: 'Patched' },
      { ifMatch: `W/${api.etag}` },
    );
    expect(patched.properties).toMatchObject({ displayName: 'Patched', path: 'echo' });
    expect(
      await catalog.deleteApi('echo-api', { ifMatch: api.etag }).catch((e) => e),
    ).toMatchObject({ code: 'PreconditionFailed' });
    expect(await catalog.deleteApi('echo-api', { ifMatch: '*' })).toBe(true);
    expect(await catalog.deleteApi('echo-api', { ifMatch: '*' })).toBe(false);
    expect(
      await rejection(catalog.patchApi('echo-api', { displayName: 'x' }, { ifMatch: '*' })),
    ).toMatchObject({ code: 'ResourceNotFound' });
  });

  it('leaves memory as it was when the store refuses a write', async () => {
    const { catalog, store } = await open();
    await catalog.putApi('echo-api', ECHO);
    store.failWrites = true;
    await expect(catalog.putApi('echo-api', { ...ECHO, displayName: 'Lost' })).rejects.toThrow(
      "The gateway's storage failed",
    );
    await expect(catalog.putApi('other', { ...ECHO, path: 'other' })).rejects.toThrow();
    expect(catalog.api('echo-api')?.properties.displayName).toBe('Echo');
    expect(catalog.api('other')).toBeUndefined();
    expect(catalog.route('GET', '/other')).toBeUndefined();
  });

  it('deletes an API with its operations, policies, schema and product links', async () => {
    const { catalog, store } = await open();
    await catalog.putApi('echo-api', ECHO);
    await catalog.putOperation('echo-api', 'get', operation('GET', '/'));
    await catalog.putPolicy(
      { kind: 'operation', apiId: 'echo-api', operationId: 'get' },
      '<policies><inbound><base /></inbound></policies>',
      'xml',
    );
    await catalog.putPolicy(
      { kind: 'api', apiId: 'echo-api' },
      '<policies><inbound><base /></inbound></policies>',
      'xml',
    );
    await catalog.linkApi('starter', 'echo-api');
    expect(catalog.apiProducts('echo-api')).toEqual(['starter']);
    await catalog.deleteApi('echo-api', { ifMatch: '*' });
    expect(catalog.operations('echo-api')).toEqual([]);
    expect(catalog.policy({ kind: 'api', apiId: 'echo-api' })).toBeUndefined();
    expect(catalog.productApis('starter')).toEqual([]);
    const kinds = [...store.records.values()].map((r) => r.kind).sort();
    expect(kinds).toEqual(['policy', 'policy', 'product', 'product']);
  });
});

describe('Catalog: operations', () => {
  it('requires every template parameter to be described, and no others', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo-api', ECHO);
    const missing = await rejection(
      catalog.putOperation('echo-api', 'op', operation('GET', '/users/{id}/orders/{oid}', ['id'])),
    );
    expect(missing).toMatchObject({ target: 'properties.templateParameters' });
    expect(missing.message).toContain('missing: oid');
    const extra = await rejection(
      catalog.putOperation('echo-api', 'op', operation('GET', '/users', ['id'])),
    );
    expect(extra.message).toContain('not in the URL template "/users": id');
    await catalog.putOperation(
      'echo-api',
      'op',
      operation('GET', '/users/{id}/?date={date}', ['id', 'date']),
    );
  });

  it('refuses bad templates and methods, naming the field', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo-api', ECHO);
    const cases: Array<[unknown, string, RegExp]> = [
      [operation('GET', 'users'), 'properties.urlTemplate', /start with "\/"/],
      [operation('GET', '/users/{id'), 'properties.urlTemplate', /never closed/],
      [operation('GET', '/users/id}'), 'properties.urlTemplate', /without its "\{"/],
      [operation('GET', '/users/{}'), 'properties.urlTemplate', /no valid name/],
      [
        { ...operation('GET', '/'), urlTemplate: '/' + 'a'.repeat(1000) },
        'properties.urlTemplate',
        /1-1000/,
      ],
      [operation('GE T', '/users'), 'properties.method', /not an HTTP method/],
      [{ method: 'GET', urlTemplate: '/' }, 'properties.displayName', /required/],
      [
        { ...operation('GET', '/x/{a}'), templateParameters: [{ name: 'a' }] },
        'properties.templateParameters[0].type',
        /required/,
      ],
      [
        { ...operation('GET', '/'), responses: [{ description: 'no status' }] },
        'properties.responses[0].statusCode',
        /required/,
      ],
    ];
    for (const [input, target, message] of cases) {
      const error = await rejection(catalog.putOperation('echo-api', 'op', input));
      expect([error.code, error.target]).toEqual(['ValidationError', target]);
      expect(error.message).toMatch(message);
    }
    expect(
      await rejection(catalog.putOperation('missing', 'op', operation('GET', '/'))),
    ).toMatchObject({ code: 'ResourceNotFound' });
  });

  it('refuses a second operation with the same method and template, naming the first', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo-api', ECHO);
    await catalog.putOperation('echo-api', 'one', operation('GET', '/users/{id}', ['id']));
    const error = await rejection(
      catalog.putOperation('echo-api', 'two', operation('get', '/users/{uid}', ['uid'])),
    );
    expect(error.code).toBe('Conflict');
    expect(error.message).toContain('"one"');
    await catalog.putOperation('echo-api', 'two', operation('POST', '/users/{uid}', ['uid']));
  });

  it('PATCH lays the given fields over the stored ones and keeps the origin', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo-api', ECHO);
    const { operation: op } = await catalog.putOperation('echo-api', 'one', operation('GET', '/a'));
    expect(op.origin).toBe('manual');
    expect(op.properties.method).toBe('GET');
    const patched = await catalog.patchOperation(
      'echo-api',
      'one',
      { description: 'Reads a' },
      { ifMatch: op.etag },
    );
    expect(patched.properties).toMatchObject({
      displayName: 'GET /a',
      urlTemplate: '/a',
      description: 'Reads a',
    });
    expect(patched.etag).not.toBe(op.etag);
  });
});

describe('Catalog: route', () => {
  async function routed() {
    const { catalog } = await open();
    await catalog.putApi('root', { ...ECHO, path: '' });
    await catalog.putApi('echo', ECHO);
    await catalog.putApi('deep', { ...ECHO, path: 'echo/v2' });
    await catalog.putOperation('echo', 'item', operation('GET', '/items/{id}', ['id']));
    await catalog.putOperation('echo', 'special', operation('GET', '/items/special'));
    await catalog.putOperation('echo', 'root', operation('GET', '/'));
    await catalog.putOperation('deep', 'q', operation('GET', '/search?q={q}', ['q']));
    return catalog;
  }

  it('picks the API with the longest path prefix, by whole segments', async () => {
    const catalog = await routed();
    expect(catalog.route('GET', '/echo/items/1')).toMatchObject({
      api: { id: 'echo' },
      operation: { id: 'item' },
      below: '/items/1',
    });
    expect(catalog.route('GET', '/echo/v2/search')).toMatchObject({
      api: { id: 'deep' },
      operation: { id: 'q' },
      below: '/search',
    });
    expect(catalog.route('GET', '/echoes/x')).toMatchObject({
      api: { id: 'root' },
      operation: undefined,
      below: '/echoes/x',
    });
    expect(catalog.route('GET', '/echo')).toMatchObject({
      api: { id: 'echo' },
      operation: { id: 'root' },
      below: '',
    });
  });

  it('prefers a literal segment to a parameter and matches by method', async () => {
    const catalog = await routed();
    expect(catalog.route('GET', '/echo/items/special')?.operation?.id).toBe('special');
    expect(catalog.route('GET', '/echo/items/other')?.operation?.id).toBe('item');
    expect(catalog.route('POST', '/echo/items/other')?.operation).toBeUndefined();
  });

  it('follows changes: a new operation, a moved path, a deleted API', async () => {
    const catalog = await routed();
    await catalog.putOperation('echo', 'post', operation('POST', '/items/{id}', ['id']));
    expect(catalog.route('POST', '/echo/items/1')?.operation?.id).toBe('post');
    await catalog.patchApi('echo', { path: 'moved' }, { ifMatch: '*' });
    expect(catalog.route('GET', '/moved/items/1')?.operation?.id).toBe('item');
    expect(catalog.route('GET', '/echo/items/1')?.api.id).toBe('root');
    await catalog.deleteApi('root', { ifMatch: '*' });
    expect(catalog.route('GET', '/echo/items/1')).toBeUndefined();
  });

  it('looks up no longer path prefix than the deepest API path', async () => {
    const catalog = await routed();
    const long = '/echo' + '/x'.repeat(100_000);
    const start = performance.now();
    expect(catalog.route('GET', long)).toMatchObject({ api: { id: 'echo' }, operation: undefined });
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('finds one of 10,000 operations (100 APIs x 100) as fast as one of 100', async () => {
    const store = new MemoryCatalogStore();
    const { catalog } = await open(store, false);
    const imported = (a: number): ImportedApi => ({
      properties: { displayName: `API ${a}`, protocols: ['https'] },
      operations: Array.from({ length: 100 }, (_, o) => ({
        id: `op${o}`,
        properties: {
          ...operation('GET', `/r${o}/{id}/sub${o}`, ['id']),
          responses: [],
        },
      })),
      warnings: [],
    });
    await catalog.putApi('api0', { path: 'api0' }, { imported: imported(0) });
    const time = (): number => {
      const start = performance.now();
      for (let i = 0; i < 20_000; i++) {
        const o = i % 100;
        const match = catalog.route('GET', `/api0/r${o}/x${i}/sub${o}`);
        if (match?.operation?.id !== `op${o}`) throw new Error(`no match for ${i}`);
      }
      return performance.now() - start;
    };
    time();
    const one = time();
    for (let a = 1; a < 100; a++)
      await catalog.putApi(`api${a}`, { path: `api${a}` }, { imported: imported(a) });
    time();
    const hundred = time();
    expect(hundred).toBeLessThan(one * 3 + 20);
    expect(hundred).toBeLessThan(500);
  });
});

describe('Catalog: import', () => {
  const imported: ImportedApi = {
    properties: {
      displayName: 'Petstore',
      description: 'From the document',
      serviceUrl: 'http://backend.example.com/v1',
      protocols: ['https'],
    },
    operations: [
      { id: 'list', properties: { ...operation('GET', '/pets'), responses: [] } },
      {
        id: 'read',
        properties: { ...operation('GET', '/pets/{petId}', ['petId']), responses: [] },
      },
    ],
    schema: {
      id: 'default',
      contentType: 'application/vnd.oai.openapi.components+json',
      document: { components: { schemas: { Pet: { type: 'object' } } } },
    },
    warnings: [],
  };

  it('merges the document with the body (body wins), replaces the operations and keeps the schema', async () => {
    const { catalog } = await open();
    await catalog.putApi('pets', { path: 'old', displayName: 'Old' });
    await catalog.putOperation('pets', 'gone', operation('DELETE', '/all'));
    await catalog.putPolicy(
      { kind: 'operation', apiId: 'pets', operationId: 'gone' },
      '<policies><inbound><base /></inbound></policies>',
      'xml',
    );
    const { api, created } = await catalog.putApi(
      'pets',
      { path: 'petstore', displayName: 'My pets', format: 'openapi', value: '...' },
      { imported },
    );
    expect(created).toBe(false);
    expect(api.properties).toMatchObject({
      displayName: 'My pets',
      description: 'From the document',
      serviceUrl: 'http://backend.example.com/v1',
      path: 'petstore',
    });
    expect(api.properties).not.toHaveProperty('format');
    expect(catalog.operations('pets').map((o) => [o.id, o.origin])).toEqual([
      ['list', 'imported'],
      ['read', 'imported'],
    ]);
    expect(
      catalog.policy({ kind: 'operation', apiId: 'pets', operationId: 'gone' }),
    ).toBeUndefined();
    expect(catalog.schema('pets')).toEqual(imported.schema);
    expect(catalog.route('GET', '/petstore/pets/7')?.operation?.id).toBe('read');
  });

  it('refuses a document whose server is not trusted, or whose operations clash', async () => {
    const { catalog } = await open();
    const untrusted = await rejection(
      catalog.putApi(
        'pets',
        { path: 'pets' },
        {
          imported: {
            ...imported,
            properties: { ...imported.properties, serviceUrl: 'https://elsewhere.test/' },
          },
        },
      ),
    );
    expect(untrusted.message).toMatch(/^The imported document: .*"elsewhere.test"/);
    // The body's own serviceUrl replaces the document's: then it imports.
    await catalog.putApi(
      'pets',
      { path: 'pets', serviceUrl: 'http://127.0.0.1:1/' },
      {
        imported: {
          ...imported,
          properties: { ...imported.properties, serviceUrl: 'https://elsewhere.test/' },
        },
      },
    );
    const clash = await rejection(
      catalog.putApi(
        'pets',
        { path: 'pets' },
        {
          imported: {
            ...imported,
            operations: [
              ...imported.operations,
              {
                id: 'again',
                properties: { ...operation('GET', '/pets/{id}', ['id']), responses: [] },
              },
            ],
          },
        },
      ),
    );
    expect(clash.message).toContain('"read" and "again"');
  });
});

describe('Catalog: products and policies', () => {
  it('validates products as APIM does', async () => {
    const { catalog } = await open();
    const { product } = await catalog.putProduct('gold', { displayName: 'Gold' });
    expect(product.properties).toEqual({
      displayName: 'Gold',
      description: '',
      terms: '',
      subscriptionRequired: true,
      approvalRequired: false,
      subscriptionsLimit: null,
      state: 'notPublished',
    });
    const cases: Array<[unknown, string]> = [
      [{}, 'properties.displayName'],
      [{ displayName: 'x', state: 'live' }, 'properties.state'],
      [
        { displayName: 'x', subscriptionRequired: false, approvalRequired: true },
        'properties.approvalRequired',
      ],
      [
        { displayName: 'x', subscriptionRequired: false, subscriptionsLimit: 1 },
        'properties.subscriptionsLimit',
      ],
      [{ displayName: 'x', subscriptionsLimit: -1 }, 'properties.subscriptionsLimit'],
      [{ displayName: 'x', description: 'd'.repeat(1001) }, 'properties.description'],
    ];
    for (const [input, target] of cases)
      expect(await rejection(catalog.putProduct('p', input))).toMatchObject({
        code: 'ValidationError',
        target,
      });
  });

  it('links APIs to products both ways, and removes the links with the product', async () => {
    const { catalog } = await open();
    await catalog.putApi('echo', ECHO);
    expect(await catalog.linkApi('starter', 'echo')).toEqual({ created: true });
    expect(await catalog.linkApi('starter', 'echo')).toEqual({ created: false });
    expect(await rejection(catalog.linkApi('gold', 'echo'))).toMatchObject({
      code: 'ResourceNotFound',
    });
    expect(catalog.apiProducts('echo')).toEqual(['starter']);
    let refused = false;
    await expect(
      catalog.deleteProduct('starter', {
        ifMatch: '*',
        beforeDelete: async () => {
          refused = true;
          throw new CatalogError('Conflict', 'has subscriptions');
        },
      }),
    ).rejects.toMatchObject({ code: 'Conflict' });
    expect(refused).toBe(true);
    expect(catalog.product('starter')).toBeDefined();
    await catalog.deleteProduct('starter', { ifMatch: '*' });
    expect(catalog.apiProducts('echo')).toEqual([]);
    expect(catalog.policy({ kind: 'product', productId: 'starter' })).toBeUndefined();
  });

  it("stores APIM's serialization, answers the product's limits, and passes on the engine's refusal", async () => {
    const { catalog } = await open();
    let changes = 0;
    const stop = catalog.onChange(() => changes++);
    const { created, value } = await catalog.putPolicy(
      { kind: 'product', productId: 'starter' },
      '<policies><inbound><rate-limit calls="2" renewal-period="60" /><base /></inbound></policies>',
      'xml',
      { ifMatch: '*' },
    );
    expect(created).toBe(false);
    expect(value).toContain('\r\n    <rate-limit calls="2" renewal-period="60" />');
    expect(catalog.productLimits('starter')).toEqual({
      rateLimit: { calls: 2, renewalPeriod: 60 },
    });
    await expect(
      catalog.putPolicy({ kind: 'api', apiId: 'nope' }, '<policies />', 'xml'),
    ).rejects.toMatchObject({ code: 'ResourceNotFound' });
    const refused: unknown = await catalog
      .putPolicy(
        { kind: 'global' },
        '<policies>\n  <inbound>\n    <rate-limit calls="x" renewal-period="60" />\n',
        'xml',
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PolicyValidationError);
    expect(changes).toBe(1);
    stop();
    expect(await catalog.deletePolicy({ kind: 'global' }, { ifMatch: '*' })).toBe(true);
    expect(await catalog.deletePolicy({ kind: 'global' }, { ifMatch: '*' })).toBe(false);
    expect(changes).toBe(1);
  });

  it('reloads everything from the store it wrote', async () => {
    const { catalog, store } = await open();
    await catalog.putApi('echo', ECHO);
    await catalog.putOperation('echo', 'one', operation('GET', '/a/{b}', ['b']));
    await catalog.linkApi('starter', 'echo');
    const again = (await open(store)).catalog;
    expect(again.apis()).toEqual(catalog.apis());
    expect(again.operations('echo')).toEqual(catalog.operations('echo'));
    expect(again.productApis('starter')).toEqual(['echo']);
    expect(again.productLimits('starter')).toEqual(catalog.productLimits('starter'));
    expect(again.route('GET', '/echo/a/1')?.operation?.id).toBe('one');
  });
});
