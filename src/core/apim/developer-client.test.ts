import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApimRequestError } from './apim-errors';
import {
  createSubscription,
  getSubscription,
  listProductApis,
  listProducts,
  regenerateKey,
} from './developer-client';

/**
 * A stand-in that answers like the gateway's developer endpoints so the client's wire format
 * is checked (methods, paths, headers, bodies); the gateway itself is tested in server/.
 */
describe('developer client', () => {
  let server: Server;
  let base = '';
  const seen: Array<{ method?: string; url?: string; key?: string; body: string }> = [];
  const contract = (primaryKey: string) => ({
    id: '/subscriptions/s1',
    name: 's1',
    type: 'Microsoft.ApiManagement/service/subscriptions',
    properties: {
      scope: '/products/starter',
      state: 'active',
      displayName: 'Mine',
      primaryKey,
      secondaryKey: 'sec',
    },
  });
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const key = req.headers['ocp-apim-subscription-key'];
        seen.push({
          method: req.method,
          url: req.url,
          key: typeof key === 'string' ? key : undefined,
          body,
        });
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (req.url === '/developer/products') {
          json(200, {
            value: [
              {
                name: 'starter',
                properties: {
                  displayName: 'Starter',
                  description: '5 calls/minute',
                  state: 'published',
                },
              },
            ],
            count: 1,
            nextLink: null,
          });
        } else if (req.url === '/developer/products/starter/apis') {
          json(200, {
            value: [
              {
                name: 'azureml-demo',
                properties: { displayName: 'AzureML Demo API', path: 'azureml-demo' },
              },
            ],
            count: 1,
            nextLink: null,
          });
        } else if (req.url === '/developer/subscriptions' && req.method === 'POST') {
          json(201, contract('new-primary'));
        } else if (key !== 'good' && key !== 'new-primary') {
          json(401, {
            statusCode: 401,
            message:
              'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
          });
        } else if (req.url === '/developer/subscriptions/s1') {
          json(200, contract('good'));
        } else if (req.url === '/developer/subscriptions/s1/regeneratePrimaryKey') {
          json(200, contract('regenerated'));
        } else {
          json(404, { statusCode: 404, message: 'Resource not found' });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/developer/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists products', async () => {
    const products = await listProducts(base);
    expect(products.map((p) => [p.id, p.rateLimit])).toEqual([
      ['starter', { calls: 5, renewalPeriod: 60 }],
    ]);
  });

  it('lists the APIs of a product, without a key', async () => {
    expect(await listProductApis(base, 'starter')).toEqual([
      { id: 'azureml-demo', title: 'AzureML Demo API', description: '', path: 'azureml-demo' },
    ]);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', key: undefined });
    await expect(listProductApis(base, 'gold')).rejects.toThrow(
      /^Listing the APIs of product gold was answered with 401/,
    );
  });

  it('subscribes with a JSON body and returns the keys', async () => {
    const sub = await createSubscription(base, { productId: 'starter', displayName: 'Mine' });
    expect(sub.primaryKey).toBe('new-primary');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/developer/subscriptions',
      key: undefined,
      body: '{"productId":"starter","displayName":"Mine"}',
    });
  });

  it('reads and regenerates with the key in the APIM header', async () => {
    expect((await getSubscription(base, 's1', 'good')).secondaryKey).toBe('sec');
    expect(seen.at(-1)).toMatchObject({
      method: 'GET',
      url: '/developer/subscriptions/s1',
      key: 'good',
    });
    expect((await regenerateKey(base, 's1', 'primary', 'good')).primaryKey).toBe('regenerated');
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/developer/subscriptions/s1/regeneratePrimaryKey',
    });
  });

  it("turns a refusal into APIM's own sentence", async () => {
    const error = await getSubscription(base, 's1', 'stale').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApimRequestError);
    expect((error as ApimRequestError).status).toBe(401);
    expect((error as ApimRequestError).message).toBe(
      'Reading subscription s1 was answered with 401 Unauthorized. Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    );
  });
});
