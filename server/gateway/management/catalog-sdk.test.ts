import type { ApiManagementClient } from '@azure/arm-apimanagement';
import { BlobServiceClient, BlobSASPermissions } from '@azure/storage-blob';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackApimClient } from '../../testing/apim-sdk';
import { parse } from 'yaml';
import {
  startTestAzurite,
  startTestAzuriteTable,
  type TestAzurite,
  type TestAzuriteTable,
} from '../../testing/test-azurite';
import { Catalog } from '../core/catalog';
import { TableCatalogStore } from '../core/table-catalog-store';
import { registerCatalogRoutes, registerProductRoutes } from './catalog-routes';

const ADMIN = 'catalog-sdk-admin';
const RG = 'any-group';
const SERVICE = 'any-service';
/** Where the tutorial's API forwards to: the Azure ML emulator of the demo stack. */
const BACKEND = 'http://127.0.0.1:8790';

let table: TestAzuriteTable;
let blob: TestAzurite;
let app: FastifyInstance;
let catalog: Catalog;
let base: string;

/** Azure's own management SDK, pointed at the test server with only its endpoint changed. */
function sdk(): ApiManagementClient {
  return loopbackApimClient(`${base}/management`, ADMIN);
}

/** What the gateway's exportDocument does: a blob in Azurite, read through a 5-minute read-only SAS. */
async function exportToBlob(name: string, text: string, contentType: string): Promise<string> {
  const container = BlobServiceClient.fromConnectionString(
    blob.connectionString,
  ).getContainerClient('api-export');
  await container.createIfNotExists();
  const block = container.getBlockBlobClient(`${Date.now()}/${name}`);
  await block.upload(text, Buffer.byteLength(text), {
    blobHTTPHeaders: { blobContentType: contentType },
  });
  return block.generateSasUrl({
    permissions: BlobSASPermissions.parse('r'),
    expiresOn: new Date(Date.now() + 5 * 60_000),
  });
}

beforeAll(async () => {
  [table, blob] = await Promise.all([startTestAzuriteTable(), startTestAzurite()]);
  catalog = await Catalog.open({
    store: await TableCatalogStore.open(table.connectionString),
    isTrustedBackend: (url) => url.hostname === '127.0.0.1',
    trustSetting: 'GATEWAY_TRUSTED_HOSTS',
    seedDefaults: true,
  });
  app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const options = {
    catalog,
    authenticateAdmin: (request: { headers: { authorization?: string } }) =>
      request.headers.authorization === `Bearer ${ADMIN}`,
    gatewayUrl: () => base,
    fetchImportLink: async (url: URL) => {
      if (url.hostname !== '127.0.0.1')
        throw new Error(`The host "${url.hostname}" is not trusted.`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url.href} answered ${response.status}.`);
      return response.text();
    },
    exportDocument: exportToBlob,
    productSubscriptions: () => [],
    deleteSubscription: async () => {},
  };
  await registerCatalogRoutes(app, options);
  await registerProductRoutes(app, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([table?.stop(), blob?.stop()]);
});

const DEMO_OPERATIONS = [
  ['RRS_Execute', 'RRS Execute', 'POST', '/workspaces/{workspace}/services/{service}/execute'],
  ['BES_Submit', 'BES Submit', 'POST', '/workspaces/{workspace}/services/{service}/jobs'],
  [
    'BES_Start',
    'BES Start',
    'POST',
    '/workspaces/{workspace}/services/{service}/jobs/{jobid}/start',
  ],
  ['BES_Status', 'BES Status', 'GET', '/workspaces/{workspace}/services/{service}/jobs/{jobid}'],
  ['BES_Delete', 'BES Delete', 'DELETE', '/workspaces/{workspace}/services/{service}/jobs/{jobid}'],
] as const;

const STARTER_POLICY =
  '<policies><inbound><rate-limit calls="2" renewal-period="60" /><base /></inbound><backend><base /></backend><outbound><base /></outbound></policies>';

describe('@azure/arm-apimanagement against the catalog routes', () => {
  it("does the tutorial's publisher steps: API, five operations, Starter link and policy, list, export", async () => {
    const client = sdk();
    const api = await client.api.beginCreateOrUpdateAndWait(RG, SERVICE, 'azureml-demo', {
      displayName: 'AzureML Demo API',
      serviceUrl: BACKEND,
      path: 'azureml-demo',
      protocols: ['https'],
    });
    expect(api).toMatchObject({
      name: 'azureml-demo',
      displayName: 'AzureML Demo API',
      serviceUrl: BACKEND,
      path: 'azureml-demo',
      protocols: ['https'],
      apiRevision: '1',
      isCurrent: true,
      subscriptionRequired: true,
    });

    for (const [id, displayName, method, urlTemplate] of DEMO_OPERATIONS) {
      const names = [...urlTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const operation = await client.apiOperation.createOrUpdate(RG, SERVICE, 'azureml-demo', id, {
        displayName,
        method,
        urlTemplate,
        templateParameters: names.map((name) => ({ name, type: 'string', required: true })),
        responses: [{ statusCode: 200, description: 'OK' }],
      });
      expect(operation).toMatchObject({ name: id, method, urlTemplate });
    }
    const operations = [];
    for await (const op of client.apiOperation.listByApi(RG, SERVICE, 'azureml-demo'))
      operations.push(op.name);
    expect(operations.sort()).toEqual(DEMO_OPERATIONS.map(([id]) => id).sort());
    expect(
      catalog.route('GET', '/azureml-demo/workspaces/w/services/s/jobs/j1')?.operation?.id,
    ).toBe('BES_Status');

    const linked = await client.productApi.createOrUpdate(RG, SERVICE, 'starter', 'azureml-demo');
    expect(linked.name).toBe('azureml-demo');
    expect(
      await client.productApi.checkEntityExists(RG, SERVICE, 'starter', 'azureml-demo'),
    ).toMatchObject({ body: true });

    const policy = await client.productPolicy.createOrUpdate(RG, SERVICE, 'starter', 'policy', {
      format: 'xml',
      value: STARTER_POLICY,
    });
    expect(policy.value).toContain('<rate-limit calls="2" renewal-period="60" />');
    expect(policy.eTag).toMatch(/^"/);
    const starter = await client.product.get(RG, SERVICE, 'starter');
    expect(starter).toMatchObject({ displayName: 'Starter', state: 'published' });
    expect(catalog.productLimits('starter')).toEqual({
      rateLimit: { calls: 2, renewalPeriod: 60 },
    });

    const listed = [];
    for await (const item of client.api.listByService(RG, SERVICE, {
      filter: "path eq 'azureml-demo'",
    }))
      listed.push(item.name);
    expect(listed).toEqual(['azureml-demo']);

    const exported = await client.apiExport.get(
      RG,
      SERVICE,
      'azureml-demo',
      'openapi-link',
      'true',
    );
    expect(exported.exportResultFormat).toBe('openapi-link');
    const link = exported.value?.link ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/api-export\/.*sig=/);
    const document = parse(await (await fetch(link)).text()) as {
      info: { title: string };
      servers: Array<{ url: string }>;
      paths: Record<string, unknown>;
    };
    expect(document.info.title).toBe('AzureML Demo API');
    expect(document.servers[0]?.url).toBe(`${base}/azureml-demo`);
    expect(Object.keys(document.paths)).toHaveLength(4);
  });

  it('follows nextLink to the last page', async () => {
    const client = sdk();
    for (let i = 0; i < 5; i++)
      await client.api.beginCreateOrUpdateAndWait(RG, SERVICE, `page-${i}`, {
        displayName: `Page ${i}`,
        path: `page-${i}`,
      });
    const names = [];
    for await (const item of client.api.listByService(RG, SERVICE, {
      top: 2,
      filter: "startswith(name, 'page-')",
    }))
      names.push(item.name);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
  });

  it('waits for an import of more than 200 operations through its Location', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: 210 }, (_, i) => [
        `/things/${i}`,
        { get: { operationId: `thing${i}`, responses: { '200': { description: 'OK' } } } },
      ]),
    );
    const value = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Things', version: '1' },
      servers: [{ url: `${BACKEND}/things` }],
      paths,
    });
    const statuses: number[] = [];
    const api = await sdk().api.beginCreateOrUpdateAndWait(
      RG,
      SERVICE,
      'things',
      { format: 'openapi+json', value, path: 'things' },
      { updateIntervalInMs: 20, onResponse: (response) => statuses.push(response.status) },
    );
    expect(statuses[0]).toBe(202);
    expect(statuses.at(-1)).toBe(201);
    expect(api).toMatchObject({ name: 'things', displayName: 'Things', path: 'things' });
    expect(catalog.operations('things')).toHaveLength(210);
  });

  it('surfaces 412 and 404 as the SDK errors', async () => {
    const client = sdk();
    await expect(
      client.api.update(RG, SERVICE, 'azureml-demo', '"stale"', { description: 'x' }),
    ).rejects.toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
    await expect(client.api.get(RG, SERVICE, 'nope')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    const { eTag } = await client.api.getEntityTag(RG, SERVICE, 'azureml-demo');
    const updated = await client.api.update(RG, SERVICE, 'azureml-demo', eTag ?? '', {
      description: 'The tutorial API.',
    });
    expect(updated.description).toBe('The tutorial API.');
  });
});
