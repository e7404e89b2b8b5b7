import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAzuriteTable, type TestAzuriteTable } from '../../testing/test-azurite';
import { Catalog } from './catalog';
import type { StoredOperation } from './catalog-store';
import type { ImportedApi } from './openapi-import';
import { CATALOG_TABLE, TableCatalogStore } from './table-catalog-store';

let azurite: TestAzuriteTable;

beforeAll(async () => {
  azurite = await startTestAzuriteTable();
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
});

let tables = 0;

/** A table of its own per test, so that tests do not see each other's rows. */
async function openCatalog(tableName = `catalog${++tables}`) {
  const store = await TableCatalogStore.open(azurite.connectionString, tableName);
  const catalog = await Catalog.open({
    store,
    isTrustedBackend: () => true,
    trustSetting: 'GATEWAY_TRUSTED_HOSTS',
    seedDefaults: true,
  });
  return { catalog, tableName };
}

async function rows(tableName: string): Promise<Array<{ partitionKey: string; rowKey: string }>> {
  const client = TableClient.fromConnectionString(azurite.connectionString, tableName, {
    allowInsecureConnection: true,
  });
  const out = [];
  for await (const row of client.listEntities<{ partitionKey: string; rowKey: string }>())
    out.push({ partitionKey: row.partitionKey, rowKey: row.rowKey });
  return out;
}

function imported(count: number, schemaChars = 0): ImportedApi {
  return {
    properties: { displayName: 'Big', protocols: ['https'] },
    operations: Array.from({ length: count }, (_, i) => ({
      id: `op-${i}`,
      properties: {
        displayName: `Operation ${i}`,
        method: 'POST',
        urlTemplate: `/things/${i}/{id}`,
        templateParameters: [{ name: 'id', type: 'string', required: true }],
        description: `Does thing ${i}.`,
        responses: [{ statusCode: 200, description: 'OK', representations: [], headers: [] }],
      },
    })),
    ...(schemaChars > 0
      ? {
          schema: {
            id: 'default' as const,
            contentType: 'application/vnd.oai.openapi.components+json' as const,
            // Not ASCII, and not cut-friendly: "é" and an emoji (a surrogate pair) repeated.
            document: {
              components: { schemas: { Big: { description: 'é😀'.repeat(schemaChars / 3) } } },
            },
          },
        }
      : {}),
    warnings: [],
  };
}

describe('TableCatalogStore on Azurite', () => {
  it(`keeps every kind of entity in table ${CATALOG_TABLE} by default, and reads them back`, async () => {
    const store = await TableCatalogStore.open(azurite.connectionString);
    const catalog = await Catalog.open({
      store,
      isTrustedBackend: () => true,
      trustSetting: 'X',
      seedDefaults: true,
    });
    await catalog.putApi('echo;rev=1', {
      displayName: 'Echo',
      path: 'echo',
      serviceUrl: 'http://127.0.0.1:1/',
    });
    await catalog.putOperation('echo;rev=1', 'get', {
      displayName: 'Get',
      method: 'GET',
      urlTemplate: '/{id}',
      templateParameters: [{ name: 'id', type: 'string' }],
    });
    await catalog.putPolicy(
      { kind: 'operation', apiId: 'echo;rev=1', operationId: 'get' },
      '<policies><inbound><base /></inbound></policies>',
      'xml',
    );
    await catalog.linkApi('starter', 'echo;rev=1');

    const again = await Catalog.open({
      store: await TableCatalogStore.open(azurite.connectionString),
      isTrustedBackend: () => true,
      trustSetting: 'X',
      seedDefaults: true,
    });
    expect(again.apis()).toEqual(catalog.apis());
    expect(again.products()).toEqual(catalog.products());
    expect(again.operations('echo;rev=1')).toEqual(catalog.operations('echo;rev=1'));
    expect(again.productApis('starter')).toEqual(['echo;rev=1']);
    expect(again.policy({ kind: 'operation', apiId: 'echo;rev=1', operationId: 'get' })).toEqual(
      catalog.policy({ kind: 'operation', apiId: 'echo;rev=1', operationId: 'get' }),
    );
    expect(again.productLimits('starter')).toEqual({
      rateLimit: { calls: 5, renewalPeriod: 60 },
      quota: { calls: 100, renewalPeriod: 604_800 },
    });
    expect((await rows(CATALOG_TABLE)).map((r) => `${r.partitionKey} ${r.rowKey}`).sort()).toEqual([
      'api echo~3Brev~3D1',
      'link starter|echo~3Brev~3D1',
      'meta initialized',
      'op|echo~3Brev~3D1 get',
      'policy global',
      'policy operation|echo~3Brev~3D1|get',
      'policy product|starter',
      'product starter',
      'product unlimited',
    ]);
  });

  it('imports 2,000 operations in well under 2 s, and replaces them on a re-import', async () => {
    const { catalog, tableName } = await openCatalog();
    const start = performance.now();
    await catalog.putApi('big', { path: 'big' }, { imported: imported(2000) });
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(2000);
    const { catalog: reopened } = await openCatalog(tableName);
    expect(reopened.operations('big')).toHaveLength(2000);
    expect(reopened.route('POST', '/big/things/1999/x')?.operation?.id).toBe('op-1999');

    await catalog.putApi('big', { path: 'big' }, { imported: imported(10) });
    const { catalog: shrunk } = await openCatalog(tableName);
    expect(shrunk.operations('big').map((o: StoredOperation) => o.id)).toHaveLength(10);
    expect((await rows(tableName)).filter((r) => r.partitionKey === 'op|big')).toHaveLength(10);
  }, 20_000);

  it('splits a schema bigger than one entity across rows, and removes the extra rows when it shrinks', async () => {
    const { catalog, tableName } = await openCatalog();
    const big = imported(1, 1_500_000);
    await catalog.putApi('docs', { path: 'docs' }, { imported: big });
    const schemaRows = (): Promise<string[]> =>
      rows(tableName).then((all) =>
        all.filter((r) => r.partitionKey === 'schema|docs').map((r) => r.rowKey),
      );
    expect((await schemaRows()).length).toBeGreaterThan(2);
    const { catalog: reopened } = await openCatalog(tableName);
    expect(reopened.schema('docs')).toEqual(big.schema);

    const small = imported(1, 300);
    await catalog.putApi('docs', { path: 'docs' }, { imported: small });
    expect(await schemaRows()).toEqual(['default']);
    expect((await openCatalog(tableName)).catalog.schema('docs')).toEqual(small.schema);

    await catalog.deleteApi('docs', { ifMatch: '*' });
    expect(await schemaRows()).toEqual([]);
  }, 20_000);

  it('deletes an API and everything under it', async () => {
    const { catalog, tableName } = await openCatalog();
    await catalog.putApi('gone', { path: 'gone' }, { imported: imported(150, 300) });
    await catalog.linkApi('starter', 'gone');
    await catalog.deleteApi('gone', { ifMatch: '*' });
    expect(
      (await rows(tableName))
        .map((r) => r.partitionKey)
        .filter((p) => p.includes('gone') || p === 'link'),
    ).toEqual([]);
  });
});
