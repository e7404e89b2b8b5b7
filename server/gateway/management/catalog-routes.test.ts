import { readFile } from 'node:fs/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAzuriteTable, type TestAzuriteTable } from '../../testing/test-azurite';
import { Catalog } from '../core/catalog';
import { MemoryCatalogStore } from '../core/catalog-store';
import { TableCatalogStore } from '../core/table-catalog-store';
import { LOCAL_SERVICE_ID } from './arm-contracts';
import {
  registerCatalogRoutes,
  registerProductRoutes,
  type CatalogRoutesOptions,
} from './catalog-routes';

const ADMIN = 'routes-admin-key';
const FIXTURES = new URL('../core/fixtures/', import.meta.url);
const TRUSTED = new Set(['127.0.0.1', 'pets.example.com', 'eu.pets.example.com']);
const ECHO = { displayName: 'Echo API', path: 'echo', serviceUrl: 'http://127.0.0.1:9000/echo' };
const ARM_PATH =
  '/management/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc';

let azurite: TestAzuriteTable;
let app: FastifyInstance;
let catalog: Catalog;
const subscriptions = new Map<string, string[]>([['starter', ['demo-starter']]]);
const deletedSubscriptions: string[] = [];
const exported = new Map<string, { text: string; contentType: string }>();
const linkedDocuments = new Map<string, string>();

function testOptions(forCatalog: Catalog): CatalogRoutesOptions {
  return {
    catalog: forCatalog,
    authenticateAdmin: (request) => request.headers.authorization === `Bearer ${ADMIN}`,
    gatewayUrl: () => 'http://127.0.0.1:8791',
    fetchImportLink: async (url) => {
      if (url.hostname !== 'docs.example.com')
        throw new Error(`The host "${url.hostname}" is not trusted (GATEWAY_TRUSTED_HOSTS).`);
      const text = linkedDocuments.get(url.href);
      if (text === undefined) throw new Error(`${url.href} answered 404.`);
      return text;
    },
    exportDocument: async (name, text, contentType) => {
      exported.set(name, { text, contentType });
      return `http://127.0.0.1:10000/devstoreaccount1/api-export/${encodeURIComponent(name)}?sv=2025&sig=x`;
    },
    productSubscriptions: (productId) => subscriptions.get(productId) ?? [],
    deleteSubscription: async (sid) => {
      deletedSubscriptions.push(sid);
      for (const [product, sids] of subscriptions)
        subscriptions.set(
          product,
          sids.filter((s) => s !== sid),
        );
    },
    apiSubscriptions: (apiId) => (apiId === 'keyed' ? ['keyed-sub'] : []),
  };
}

async function openApp(forCatalog: Catalog): Promise<FastifyInstance> {
  // The gateway's own body limit; imports get a larger one on their route.
  const instance = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await registerCatalogRoutes(instance, testOptions(forCatalog));
  await registerProductRoutes(instance, testOptions(forCatalog));
  await instance.ready();
  return instance;
}

beforeAll(async () => {
  azurite = await startTestAzuriteTable();
  catalog = await Catalog.open({
    store: await TableCatalogStore.open(azurite.connectionString, 'routes'),
    isTrustedBackend: (url) => TRUSTED.has(url.hostname),
    trustSetting: 'GATEWAY_TRUSTED_HOSTS',
    seedDefaults: true,
  });
  app = await openApp(catalog);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await azurite?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-only view of JSON answers
  text: string;
}

async function call(
  method: 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; admin?: boolean } = {},
): Promise<Answer> {
  const url = path.startsWith('http')
    ? path.replace(/^https?:\/\/[^/]+/, '')
    : path.startsWith('/management')
      ? path
      : `/management${path}`;
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(options.admin === false ? {} : { authorization: `Bearer ${ADMIN}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  });
  const text = response.body;
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body, text };
}

const apiId = (name: string): string => `${LOCAL_SERVICE_ID}/apis/${name}`;

describe('management API: admin key', () => {
  it('answers 401 in ARM shape without the admin key, under both prefixes', async () => {
    for (const url of ['/management/apis', `${ARM_PATH}/apis/x`, '/management/products']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'Unauthorized', details: [] } });
    }
  });
});

describe('management API: APIs', () => {
  it('creates, reads, replaces, patches and deletes an API with ETags and If-Match', async () => {
    const created = await call('PUT', '/apis/echo-api?api-version=2022-08-01', {
      body: { properties: ECHO },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: apiId('echo-api'),
      type: 'Microsoft.ApiManagement/service/apis',
      name: 'echo-api',
      properties: {
        displayName: 'Echo API',
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
      },
    });
    const etag = created.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);

    const read = await call('GET', '/apis/echo-api');
    expect([read.status, read.headers.etag, read.body]).toEqual([200, etag, created.body]);
    const head = await call('HEAD', '/apis/echo-api');
    expect([head.status, head.headers.etag, head.text]).toEqual([200, etag, '']);
    expect((await call('HEAD', '/apis/nope')).status).toBe(404);

    const stale = await call('PUT', '/apis/echo-api', {
      body: { properties: { ...ECHO, description: 'x' } },
      headers: { 'if-match': '"stale"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PreconditionFailed');

    const replaced = await call('PUT', '/apis/echo-api', {
      body: { properties: { ...ECHO, description: 'Echoes.' } },
      headers: { 'if-match': etag },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.etag).not.toBe(etag);

    const noIfMatch = await call('PATCH', '/apis/echo-api', {
      body: { properties: { displayName: 'Echo 2' } },
    });
    expect(noIfMatch.status).toBe(400);
    expect(noIfMatch.body.error).toMatchObject({
      code: 'ValidationError',
      details: [{ code: 'ValidationError', target: 'If-Match' }],
    });
    const patched = await call('PATCH', '/apis/echo-api', {
      body: { properties: { displayName: 'Echo 2' } },
      headers: { 'if-match': replaced.headers.etag as string },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.properties).toMatchObject({
      displayName: 'Echo 2',
      description: 'Echoes.',
    });

    expect((await call('DELETE', '/apis/echo-api')).status).toBe(400);
    expect((await call('DELETE', '/apis/echo-api', { headers: { 'if-match': etag } })).status).toBe(
      412,
    );
    const deleted = await call('DELETE', '/apis/echo-api?deleteRevisions=true', {
      headers: { 'if-match': patched.headers.etag as string },
    });
    expect([deleted.status, deleted.text]).toEqual([200, '']);
    expect((await call('DELETE', '/apis/echo-api', { headers: { 'if-match': '*' } })).status).toBe(
      204,
    );
    const gone = await call('GET', '/apis/echo-api');
    expect([gone.status, gone.body]).toEqual([
      404,
      {
        error: {
          code: 'ResourceNotFound',
          message: 'The API "echo-api" was not found.',
          details: [],
        },
      },
    ]);
  });

  it('answers under the full ARM path too', async () => {
    const created = await call('PUT', `${ARM_PATH}/apis/arm-api?api-version=2022-08-01`, {
      body: { properties: { ...ECHO, path: 'arm' } },
    });
    expect(created.status).toBe(201);
    expect((await call('GET', '/apis/arm-api')).body.name).toBe('arm-api');
  });

  it('names the field of a refused value, and the host and setting of an untrusted backend', async () => {
    const untrusted = await call('PUT', '/apis/bad', {
      body: { properties: { ...ECHO, path: 'bad', serviceUrl: 'https://evil.example.com/x' } },
    });
    expect(untrusted.status).toBe(400);
    expect(untrusted.body).toEqual({
      error: {
        code: 'ValidationError',
        message: expect.stringContaining('"evil.example.com"') as string,
        details: [
          {
            code: 'ValidationError',
            target: 'properties.serviceUrl',
            message: expect.stringContaining('GATEWAY_TRUSTED_HOSTS') as string,
          },
        ],
      },
    });
    const noPath = await call('PUT', '/apis/bad', { body: { properties: { displayName: 'x' } } });
    expect(noPath.body.error.details[0].target).toBe('properties.path');
    const notJson = await app.inject({
      method: 'PUT',
      url: '/management/apis/bad',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload: '{"properties": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('ValidationError');
  });

  it('refuses a second API on the same path with 409, naming the first', async () => {
    await call('PUT', '/apis/first', { body: { properties: { ...ECHO, path: 'shared' } } });
    const second = await call('PUT', '/apis/second', {
      body: { properties: { ...ECHO, path: 'shared' } },
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'Conflict',
      message: expect.stringContaining('"first"') as string,
    });
  });

  it('pages with $top and $skip, nextLink to the end, and filters with $filter', async () => {
    for (let i = 0; i < 7; i++)
      await call('PUT', `/apis/list-${i}`, {
        body: {
          properties: {
            ...ECHO,
            path: `list-${i}`,
            displayName: i % 2 ? `Odd list ${i}` : `Even list ${i}`,
            ...(i === 3 ? { isCurrent: false } : {}),
          },
        },
      });
    const names: string[] = [];
    let next: string | undefined =
      `/apis?$filter=${encodeURIComponent("startswith(name,'list-')")}&$top=3`;
    let pages = 0;
    while (next) {
      const page = await call('GET', next);
      expect(page.status).toBe(200);
      expect(page.body.count).toBe(7);
      names.push(...page.body.value.map((a: { name: string }) => a.name));
      next = page.body.nextLink as string | undefined;
      if (next) expect(next).toMatch(/^http:\/\/localhost(:80)?\/management\/apis\?/);
      pages++;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `list-${i}`));

    const filtered = async (filter: string): Promise<string[]> => {
      const page = await call('GET', `/apis?$filter=${encodeURIComponent(filter)}`);
      expect(page.status).toBe(200);
      return page.body.value.map((a: { name: string }) => a.name);
    };
    expect(await filtered("contains(displayName,'ODD') and startswith(name,'list')")).toEqual([
      'list-1',
      'list-3',
      'list-5',
    ]);
    expect(await filtered("substringof('even list 2', displayName)")).toEqual(['list-2']);
    expect(await filtered("path eq 'list-4' or name eq 'list-6'")).toEqual(['list-4', 'list-6']);
    expect(await filtered("startswith(name,'list') and isCurrent eq false")).toEqual(['list-3']);
    expect(await filtered("endswith(name,'-5') eq true")).toEqual(['list-5']);
    expect(await filtered("name ge 'list-5' and name lt 'list-9'")).toEqual(['list-5', 'list-6']);
    expect(
      await filtered("startswith(name,'list') and not (contains(displayName,'even'))"),
    ).toEqual(['list-1', 'list-3', 'list-5']);
    expect(
      await filtered("serviceUrl eq 'http://127.0.0.1:9000/echo' and name eq 'list-0'"),
    ).toEqual(['list-0']);

    const bad = await call('GET', `/apis?$filter=${encodeURIComponent('owner eq 1')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ target: '$filter' });
    expect(bad.body.error.message).toContain('"owner"');
    expect(
      (await call('GET', `/apis?$filter=${encodeURIComponent('isCurrent gt true')}`)).status,
    ).toBe(400);
    expect((await call('GET', '/apis?$top=0')).status).toBe(400);
    expect((await call('GET', '/apis?$skip=-1')).status).toBe(400);
  });
});

describe('management API: import and export', () => {
  const fixture = (name: string): Promise<string> => readFile(new URL(name, FIXTURES), 'utf8');

  it('imports OpenAPI 3 JSON, OpenAPI 3 YAML and Swagger 2.0 inline', async () => {
    const cases: Array<[string, string, string]> = [
      ['pets-json', 'openapi+json', 'pets.openapi.json'],
      ['pets-yaml', 'openapi', 'pets.openapi.yaml'],
      ['pets-swagger', 'swagger-json', 'pets.swagger.json'],
    ];
    for (const [id, format, file] of cases) {
      const created = await call('PUT', `/apis/${id}`, {
        body: { properties: { format, value: await fixture(file), path: id } },
      });
      expect(created.status).toBe(201);
      expect(created.body.properties).not.toHaveProperty('format');
      expect(created.body.properties).not.toHaveProperty('value');
    }
    expect((await call('GET', '/apis/pets-json')).body.properties).toEqual({
      displayName: 'Pets',
      description: 'Pets to adopt.',
      serviceUrl: 'https://eu.pets.example.com/v1',
      path: 'pets-json',
      protocols: ['https', 'http'],
      termsOfServiceUrl: 'https://pets.example.com/terms',
      contact: { name: 'Pet team', email: 'pets@example.com' },
      license: { name: 'MIT' },
      apiRevision: '1',
      isCurrent: true,
      type: 'http',
      subscriptionRequired: true,
      subscriptionKeyParameterNames: {
        header: 'Ocp-Apim-Subscription-Key',
        query: 'subscription-key',
      },
    });
    const operations = await call('GET', '/apis/pets-yaml/operations');
    expect(operations.body).toEqual({
      value: [
        ['deletePet', 'DELETE', '/pets/{petId}'],
        ['get-pet-by-id', 'GET', '/pets/{petId}'],
        ['listPets', 'GET', '/pets'],
        ['post-pets', 'POST', '/pets'],
      ].map(([name, method, urlTemplate]) => ({
        id: `${apiId('pets-yaml')}/operations/${name}`,
        type: 'Microsoft.ApiManagement/service/apis/operations',
        name,
        properties: {
          displayName: expect.any(String) as string,
          method,
          urlTemplate,
          'x-portico-origin': 'imported',
        },
      })),
      count: 4,
    });
    const swagger = await call(
      'GET',
      '/apis/pets-swagger/operations?$filter=' + encodeURIComponent("method eq 'GET'"),
    );
    expect(swagger.body.value.map((o: { name: string }) => o.name)).toEqual(['findPets']);
    expect(catalog.schema('pets-json')?.document.components.schemas).toHaveProperty('Pet');

    const broken = await call('PUT', '/apis/broken', {
      body: {
        properties: { format: 'openapi+json', value: '{"openapi": "3.0.0",', path: 'broken' },
      },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('ValidationError');
  });

  it('imports a -link document through fetchImportLink, and refuses a host it refuses', async () => {
    linkedDocuments.set('https://docs.example.com/pets.yaml', await fixture('pets.openapi.yaml'));
    const linked = await call('PUT', '/apis/pets-link', {
      body: {
        properties: {
          format: 'openapi-link',
          value: 'https://docs.example.com/pets.yaml',
          path: 'pets-link',
          displayName: 'Linked pets',
        },
      },
    });
    expect(linked.status).toBe(201);
    expect(linked.body.properties.displayName).toBe('Linked pets');
    expect(catalog.operations('pets-link')).toHaveLength(4);

    const refused = await call('PUT', '/apis/pets-evil', {
      body: {
        properties: {
          format: 'swagger-link-json',
          value: 'https://evil.example.com/x.json',
          path: 'evil',
        },
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ target: 'properties.value' });
    expect(refused.body.error.message).toContain('evil.example.com');
    expect(catalog.api('pets-evil')).toBeUndefined();

    const wsdl = await call('PUT', '/apis/soap', {
      body: { properties: { format: 'wsdl', value: '<definitions/>', path: 'soap' } },
    });
    expect(wsdl.status).toBe(400);
    expect(wsdl.body.error.message).toContain('not supported by the local gateway');
  });

  it('exports through exportDocument as APIM answers, in the three formats', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['openapi-link', 'openapi-link', 'pets-json.openapi.yaml', 'application/yaml'],
      ['openapi+json-link', 'openapi+json-link', 'pets-json.openapi.json', 'application/json'],
      ['swagger-link', 'swagger-link-json', 'pets-json.swagger.json', 'application/json'],
    ];
    for (const [format, result, name, contentType] of cases) {
      const answer = await call(
        'GET',
        `/apis/pets-json?format=${encodeURIComponent(format)}&export=true&api-version=2022-08-01`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        id: apiId('pets-json'),
        format: result,
        value: {
          link: `http://127.0.0.1:10000/devstoreaccount1/api-export/${encodeURIComponent(name)}?sv=2025&sig=x`,
        },
      });
      expect(exported.get(name)?.contentType).toBe(contentType);
    }
    expect(exported.get('pets-json.openapi.yaml')?.text).toContain(
      'url: http://127.0.0.1:8791/pets-json',
    );
    expect(JSON.parse(exported.get('pets-json.swagger.json')?.text ?? '{}')).toMatchObject({
      swagger: '2.0',
      host: '127.0.0.1:8791',
    });
    const wadl = await call('GET', '/apis/pets-json?format=wadl-link&export=true');
    expect(wadl.status).toBe(400);
    expect(wadl.body.error.message).toContain('not supported by the local gateway');
    expect((await call('GET', '/apis/nope?format=openapi-link&export=true')).status).toBe(404);
  });

  it('answers 202 with a Location for an import of more than 200 operations, then the API', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [
        `/items${i}/{id}`,
        {
          get: {
            operationId: `get${i}`,
            description: `Reads item ${i} of collection ${i}. `.repeat(5),
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'OK' } },
          },
        },
      ]),
    );
    const document = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Many', version: '1' },
      servers: [{ url: 'http://127.0.0.1:9000/many' }],
      paths,
    });
    // Large inline documents pass the gateway's 64 KiB body limit on this route.
    expect(document.length).toBeGreaterThan(64 * 1024);
    const accepted = await call('PUT', '/apis/many?api-version=2022-08-01', {
      body: { properties: { format: 'openapi+json', value: document, path: 'many' } },
    });
    expect([accepted.status, accepted.text]).toEqual([202, '']);
    const location = accepted.headers.location as string;
    expect(location).toMatch(
      /^http:\/\/127\.0\.0\.1:8791\/management\/apis\/many\?api-version=2022-08-01&asyncId=[0-9a-f]{24}&asyncCode=201$/,
    );
    let polled = await call('GET', location);
    for (let i = 0; polled.status === 202 && i < 50; i++) {
      expect(polled.headers['retry-after']).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 50));
      polled = await call('GET', location);
    }
    expect(polled.status).toBe(201);
    expect(polled.body).toMatchObject({
      name: 'many',
      properties: { displayName: 'Many', path: 'many' },
    });
    expect(polled.headers.etag).toBe(catalog.api('many')?.etag);
    expect(catalog.operations('many')).toHaveLength(250);

    // Refused at once, not in the background: a path another API has.
    const clash = await call('PUT', '/apis/many-2', {
      body: { properties: { format: 'openapi+json', value: document, path: 'many' } },
    });
    expect(clash.status).toBe(409);
  });
});

describe('management API: operations', () => {
  const GET_USER = {
    displayName: 'Get user',
    method: 'GET',
    urlTemplate: '/users/{id}',
    templateParameters: [{ name: 'id', type: 'string', required: true }],
    description: 'Reads one user.',
    responses: [{ statusCode: 200, description: 'The user.' }],
  };

  it('creates, reads, lists, patches and deletes operations', async () => {
    await call('PUT', '/apis/users', { body: { properties: { ...ECHO, path: 'users' } } });
    const created = await call('PUT', '/apis/users/operations/get-user', {
      body: { properties: GET_USER },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: `${apiId('users')}/operations/get-user`,
      type: 'Microsoft.ApiManagement/service/apis/operations',
      name: 'get-user',
      properties: {
        ...GET_USER,
        responses: [
          { statusCode: 200, description: 'The user.', representations: [], headers: [] },
        ],
        'x-portico-origin': 'manual',
      },
    });
    const etag = created.headers.etag as string;
    expect((await call('GET', '/apis/users/operations/get-user')).headers.etag).toBe(etag);
    expect((await call('HEAD', '/apis/users/operations/get-user')).status).toBe(200);
    expect((await call('HEAD', '/apis/users/operations/nope')).status).toBe(404);
    const missing = await call('GET', '/apis/users/operations/nope');
    expect([missing.status, missing.body.error.message]).toEqual([
      404,
      'The operation "nope" of API "users" was not found.',
    ]);
    expect((await call('GET', '/apis/nope/operations')).status).toBe(404);

    await call('PUT', '/apis/users/operations/create-user', {
      body: { properties: { displayName: 'Create user', method: 'POST', urlTemplate: '/users' } },
    });
    const list = await call(
      'GET',
      `/apis/users/operations?$filter=${encodeURIComponent("method eq 'post'")}`,
    );
    expect(list.body).toEqual({
      value: [
        {
          id: `${apiId('users')}/operations/create-user`,
          type: 'Microsoft.ApiManagement/service/apis/operations',
          name: 'create-user',
          properties: {
            displayName: 'Create user',
            method: 'POST',
            urlTemplate: '/users',
            'x-portico-origin': 'manual',
          },
        },
      ],
      count: 1,
    });

    const badTemplate = await call('PUT', '/apis/users/operations/bad', {
      body: { properties: { ...GET_USER, urlTemplate: '/users/{id}/{other}' } },
    });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.error.details[0]).toMatchObject({
      target: 'properties.templateParameters',
      message: expect.stringContaining('missing: other') as string,
    });
    const duplicate = await call('PUT', '/apis/users/operations/twin', {
      body: {
        properties: {
          ...GET_USER,
          urlTemplate: '/users/{uid}',
          templateParameters: [{ name: 'uid', type: 'string' }],
        },
      },
    });
    expect(duplicate.status).toBe(409);

    const patched = await call('PATCH', '/apis/users/operations/get-user', {
      body: { properties: { displayName: 'Read user' } },
      headers: { 'if-match': etag },
    });
    expect([patched.status, patched.body.properties.displayName]).toEqual([200, 'Read user']);
    expect(
      (await call('DELETE', '/apis/users/operations/get-user', { headers: { 'if-match': etag } }))
        .status,
    ).toBe(412);
    expect(
      (await call('DELETE', '/apis/users/operations/get-user', { headers: { 'if-match': '*' } }))
        .status,
    ).toBe(200);
    expect(catalog.route('GET', '/users/users/1')?.operation).toBeUndefined();
  });

  it('says which operations came from the imported document and which were added by hand', async () => {
    const document = await readFile(new URL('pets.openapi.json', FIXTURES), 'utf8');
    await call('PUT', '/apis/pets-origin', {
      body: { properties: { format: 'openapi+json', value: document, path: 'pets-origin' } },
    });
    await call('PUT', '/apis/pets-origin/operations/by-hand', {
      body: { properties: { displayName: 'By hand', method: 'GET', urlTemplate: '/by-hand' } },
    });
    const list = await call('GET', '/apis/pets-origin/operations');
    expect(
      (list.body.value as Array<{ name: string; properties: Record<string, unknown> }>).map(
        (item) => [item.name, item.properties['x-portico-origin']],
      ),
    ).toEqual([
      ['by-hand', 'manual'],
      ['deletePet', 'imported'],
      ['get-pet-by-id', 'imported'],
      ['listPets', 'imported'],
      ['post-pets', 'imported'],
    ]);
    const one = await call('GET', '/apis/pets-origin/operations/listPets');
    expect(one.body.properties['x-portico-origin']).toBe('imported');
  });
});

describe('management API: products', () => {
  it('lists the seeded products with the limits of their policies', async () => {
    const list = await call('GET', '/products');
    expect(list.status).toBe(200);
    expect(list.body.value[0]).toEqual({
      id: `${LOCAL_SERVICE_ID}/products/starter`,
      type: 'Microsoft.ApiManagement/service/products',
      name: 'starter',
      properties: {
        displayName: 'Starter',
        description:
          'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
        terms: '',
        subscriptionRequired: true,
        approvalRequired: false,
        subscriptionsLimit: null,
        state: 'published',
        rateLimit: { calls: 5, renewalPeriod: 60 },
        quota: { calls: 100, renewalPeriod: 604_800 },
      },
    });
    expect(list.body.value[1]).toMatchObject({
      name: 'unlimited',
      properties: { approvalRequired: true, rateLimit: null, quota: null },
    });
  });

  it('creates, filters, patches and deletes a product; a product with subscriptions needs deleteSubscriptions', async () => {
    const created = await call('PUT', '/products/gold', {
      body: { properties: { displayName: 'Gold', terms: 'Be nice.' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.properties).toEqual({
      displayName: 'Gold',
      description: '',
      terms: 'Be nice.',
      subscriptionRequired: true,
      approvalRequired: false,
      subscriptionsLimit: null,
      state: 'notPublished',
      rateLimit: null,
      quota: null,
    });
    const refused = await call('PUT', '/products/free', {
      body: {
        properties: { displayName: 'Free', subscriptionRequired: false, approvalRequired: true },
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].target).toBe('properties.approvalRequired');

    const published = await call(
      'GET',
      `/products?$filter=${encodeURIComponent("state eq 'notPublished'")}`,
    );
    expect(published.body.value.map((p: { name: string }) => p.name)).toEqual(['gold']);

    const patched = await call('PATCH', '/products/gold', {
      body: { properties: { state: 'published' } },
      headers: { 'if-match': created.headers.etag as string },
    });
    expect(patched.body.properties.state).toBe('published');
    expect((await call('HEAD', '/products/gold')).headers.etag).toBe(patched.headers.etag);

    subscriptions.set('gold', ['gold-1', 'gold-2']);
    const conflict = await call('DELETE', '/products/gold', { headers: { 'if-match': '*' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain('deleteSubscriptions=true');
    expect(
      (
        await call('DELETE', '/products/gold?deleteSubscriptions=true', {
          headers: { 'if-match': '"old"' },
        })
      ).status,
    ).toBe(412);
    expect(deletedSubscriptions).toEqual([]);
    const deleted = await call('DELETE', '/products/gold?deleteSubscriptions=true', {
      headers: { 'if-match': '*' },
    });
    expect(deleted.status).toBe(200);
    expect(deletedSubscriptions).toEqual(['gold-1', 'gold-2']);
    expect((await call('GET', '/products/gold')).status).toBe(404);
  });

  it('links APIs to products and lists them both ways', async () => {
    await call('PUT', '/apis/linked', { body: { properties: { ...ECHO, path: 'linked' } } });
    const added = await call('PUT', '/products/starter/apis/linked');
    expect([added.status, added.body.id]).toEqual([201, apiId('linked')]);
    expect((await call('PUT', '/products/starter/apis/linked')).status).toBe(200);
    expect((await call('HEAD', '/products/starter/apis/linked')).status).toBe(204);
    expect((await call('HEAD', '/products/unlimited/apis/linked')).status).toBe(404);
    expect((await call('PUT', '/products/starter/apis/nope')).status).toBe(404);
    expect((await call('PUT', '/products/nope/apis/linked')).status).toBe(404);

    const apis = await call(
      'GET',
      `/products/starter/apis?$filter=${encodeURIComponent("path eq 'linked'")}`,
    );
    expect(apis.body).toMatchObject({ value: [{ name: 'linked' }], count: 1 });
    const products = await call('GET', '/apis/linked/products');
    expect(products.body).toMatchObject({
      value: [{ name: 'starter', properties: { rateLimit: { calls: 5 } } }],
      count: 1,
    });
    expect((await call('DELETE', '/products/starter/apis/linked')).status).toBe(200);
    expect((await call('DELETE', '/products/starter/apis/linked')).status).toBe(204);
    expect((await call('GET', '/apis/linked/products')).body.count).toBe(0);
  });

  it('deletes the keys scoped to an API with the API', async () => {
    await call('PUT', '/apis/keyed', { body: { properties: { ...ECHO, path: 'keyed' } } });
    await call('DELETE', '/apis/keyed', { headers: { 'if-match': '*' } });
    expect(deletedSubscriptions).toContain('keyed-sub');
  });
});

describe('management API: policies', () => {
  const RATE_LIMIT =
    '<policies> <inbound> <rate-limit calls="2" renewal-period="60" /> <base /> </inbound> <backend> <base /> </backend> <outbound /> </policies>';

  it('reads the global policy, lists it, and answers 404 where there is none', async () => {
    const list = await call('GET', '/policies');
    expect(list.body).toEqual({
      value: [
        {
          id: `${LOCAL_SERVICE_ID}/policies/policy`,
          type: 'Microsoft.ApiManagement/service/policies',
          name: 'policy',
          properties: { value: expect.stringContaining('<forward-request />') as string },
        },
      ],
      count: 1,
    });
    const read = await call('GET', '/policies/policy?format=rawxml');
    expect(read.status).toBe(200);
    expect(read.headers.etag).toMatch(/^"/);
    expect((await call('HEAD', '/policies/policy')).headers.etag).toBe(read.headers.etag);
    expect((await call('GET', '/products/unlimited/policies')).body).toEqual({
      value: [],
      count: 0,
    });
    expect((await call('GET', '/products/unlimited/policies/policy')).status).toBe(404);
    expect((await call('GET', '/products/nope/policies')).status).toBe(404);
    expect((await call('GET', '/policies/other')).status).toBe(400);
  });

  it("replaces Starter's policy, answers APIM's serialization, and shows the new limits", async () => {
    const put = await call('PUT', '/products/starter/policies/policy', {
      body: { properties: { format: 'xml', value: RATE_LIMIT } },
      headers: { 'if-match': '*' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      id: `${LOCAL_SERVICE_ID}/products/starter/policies/policy`,
      type: 'Microsoft.ApiManagement/service/products/policies',
      name: 'policy',
      properties: {
        value:
          '<policies>\r\n  <inbound>\r\n    <rate-limit calls="2" renewal-period="60" />\r\n    <base />\r\n  </inbound>\r\n  <backend>\r\n    <base />\r\n  </backend>\r\n  <outbound />\r\n</policies>',
      },
    });
    expect((await call('GET', '/products/starter')).body.properties).toMatchObject({
      rateLimit: { calls: 2, renewalPeriod: 60 },
      quota: null,
    });
  });

  it('refuses a policy at its line and column', async () => {
    const refused = await call('PUT', '/products/unlimited/policies/policy', {
      body: {
        properties: {
          value:
            '<policies>\n  <inbound>\n    <rate-limit calls="x" renewal-period="60" />\n  </inbound>\n</policies>',
        },
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 'ValidationError',
        message:
          "The policy is not valid: rate-limit/@calls must be a whole number, not 'x'. (line 3, column 17)",
        details: [
          {
            code: 'ValidationError',
            target: 'rate-limit/@calls',
            message: "rate-limit/@calls must be a whole number, not 'x'. (line 3, column 17)",
          },
        ],
      },
    });
    const link = await call('PUT', '/policies/policy', {
      body: { properties: { format: 'xml-link', value: 'https://x/policy.xml' } },
    });
    expect(link.status).toBe(400);
    expect(link.body.error.message).toContain('not supported by the local gateway');
  });

  it('keeps policies at the API and operation scopes, with If-Match on delete', async () => {
    await call('PUT', '/apis/scoped', { body: { properties: { ...ECHO, path: 'scoped' } } });
    await call('PUT', '/apis/scoped/operations/op', {
      body: { properties: { displayName: 'Op', method: 'GET', urlTemplate: '/' } },
    });
    const api = await call('PUT', '/apis/scoped/policies/policy', {
      body: { properties: { value: RATE_LIMIT } },
    });
    expect([api.status, api.body.type]).toEqual([
      201,
      'Microsoft.ApiManagement/service/apis/policies',
    ]);
    const op = await call('PUT', '/apis/scoped/operations/op/policies/policy', {
      body: { properties: { format: 'rawxml', value: RATE_LIMIT } },
    });
    expect([op.status, op.body.id]).toEqual([
      201,
      `${apiId('scoped')}/operations/op/policies/policy`,
    ]);
    expect(
      (
        await call('PUT', '/apis/scoped/operations/nope/policies/policy', {
          body: { properties: { value: RATE_LIMIT } },
        })
      ).status,
    ).toBe(404);
    expect((await call('DELETE', '/apis/scoped/policies/policy')).status).toBe(400);
    expect(
      (await call('DELETE', '/apis/scoped/policies/policy', { headers: { 'if-match': '"x"' } }))
        .status,
    ).toBe(412);
    expect(
      (
        await call('DELETE', '/apis/scoped/policies/policy', {
          headers: { 'if-match': api.headers.etag as string },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('DELETE', '/apis/scoped/policies/policy', { headers: { 'if-match': '*' } }))
        .status,
    ).toBe(204);
  });
});

describe('management API: storage down', () => {
  it('answers 503 and changes nothing when the store refuses the write', async () => {
    const store = new MemoryCatalogStore();
    const down = await Catalog.open({
      store,
      isTrustedBackend: () => true,
      trustSetting: 'X',
    });
    const downApp = await openApp(down);
    store.failWrites = true;
    const answer = await downApp.inject({
      method: 'PUT',
      url: '/management/apis/x',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ properties: ECHO }),
    });
    expect(answer.statusCode).toBe(503);
    expect(answer.json().error.code).toBe('ServiceUnavailable');
    expect(down.apis()).toEqual([]);
    await downApp.close();
  });
});
