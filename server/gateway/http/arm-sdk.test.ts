import type { ApiManagementClient } from '@azure/arm-apimanagement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackApimClient } from '../../testing/apim-sdk';
import { startTestAzuriteTable, type TestAzuriteTable } from '../../testing/test-azurite';
import { TableCatalogStore } from '../core/table-catalog-store';
import { TableGatewayStore } from '../core/table-gateway-store';
import { createGateway, type Gateway } from './create-gateway';

const ADMIN = 'sdk-admin-key';
const RG = 'any-group';
const SERVICE = 'any-service';

let table: TestAzuriteTable;
let gateway: Gateway;
let endpoint: string;
const scopesAsked: string[] = [];

/** Azure's own management SDK, pointed at the local gateway with only its endpoint changed. */
function sdk(adminKey = ADMIN): ApiManagementClient {
  return loopbackApimClient(endpoint, adminKey, (scopes) => scopesAsked.push(...scopes));
}

beforeAll(async () => {
  table = await startTestAzuriteTable();
  gateway = await createGateway({
    store: await TableGatewayStore.open(table.connectionString),
    catalogStore: await TableCatalogStore.open(table.connectionString),
    // Never called here: the SDK only talks to the management API.
    backendUrl: 'http://127.0.0.1:9',
    adminKey: ADMIN,
    port: 0,
    flushIntervalMs: 0,
  });
  endpoint = `${await gateway.listen()}/management`;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await table?.stop();
});

describe('@azure/arm-apimanagement against the local gateway', () => {
  it('lists the products', async () => {
    const products = [];
    for await (const product of sdk().product.listByService(RG, SERVICE)) products.push(product);
    expect(products.map((p) => [p.name, p.displayName, p.approvalRequired, p.state])).toEqual([
      ['starter', 'Starter', false, 'published'],
      ['unlimited', 'Unlimited', true, 'published'],
    ]);
    expect(scopesAsked).toContain(`${endpoint}/.default`);
  });

  it('creates, approves, reads, lists, reveals, regenerates and deletes a subscription', async () => {
    const client = sdk();
    const created = await client.subscription.createOrUpdate(RG, SERVICE, 'partner-one', {
      scope: '/products/unlimited',
      displayName: 'Partner one',
    });
    expect(created).toMatchObject({
      name: 'partner-one',
      state: 'submitted',
      scope: '/products/unlimited',
    });

    const approved = await client.subscription.update(RG, SERVICE, 'partner-one', '*', {
      state: 'active',
    });
    expect(approved.state).toBe('active');
    expect(approved.startDate).toBeInstanceOf(Date);

    const read = await client.subscription.get(RG, SERVICE, 'partner-one');
    expect(read).toMatchObject({
      displayName: 'Partner one',
      state: 'active',
      ownerId: '/users/demo',
    });
    expect(read.eTag).toMatch(/^"[0-9a-f]{16}"$/);

    const names = [];
    for await (const s of client.subscription.list(RG, SERVICE)) names.push(s.name);
    expect(names.sort()).toEqual(['demo-starter', 'demo-unlimited', 'partner-one']);

    const before = await client.subscription.listSecrets(RG, SERVICE, 'partner-one');
    expect(before.primaryKey).toMatch(/^[0-9a-f]{32}$/);
    await client.subscription.regeneratePrimaryKey(RG, SERVICE, 'partner-one');
    await client.subscription.regenerateSecondaryKey(RG, SERVICE, 'partner-one');
    const after = await client.subscription.listSecrets(RG, SERVICE, 'partner-one');
    expect(after.primaryKey).not.toBe(before.primaryKey);
    expect(after.secondaryKey).not.toBe(before.secondaryKey);
    expect(gateway.core.admit(gateway.catalog.api('azureml-demo')!, before.primaryKey).kind).toBe(
      'invalidKey',
    );
    expect(gateway.core.admit(gateway.catalog.api('azureml-demo')!, after.primaryKey).kind).toBe(
      'allowed',
    );

    await client.subscription.delete(RG, SERVICE, 'partner-one', '*');
    await expect(client.subscription.get(RG, SERVICE, 'partner-one')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
  });

  it('surfaces the 401 of a wrong admin key as the SDK error', async () => {
    await expect(sdk('wrong').subscription.get(RG, SERVICE, 'demo-starter')).rejects.toMatchObject({
      statusCode: 401,
      code: 'Unauthorized',
    });
  });
});
