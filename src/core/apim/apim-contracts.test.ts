import { describe, expect, it } from 'vitest';
import { ApimContractError } from './apim-errors';
import {
  describeLimit,
  parseProduct,
  parseProductList,
  parseSubscription,
  productIdOfScope,
} from './apim-contracts';

const starter = {
  id: '/products/starter',
  name: 'starter',
  type: 'Microsoft.ApiManagement/service/products',
  properties: {
    displayName: 'Starter',
    description:
      'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
    terms: '',
    subscriptionRequired: true,
    approvalRequired: false,
    subscriptionsLimit: 1,
    state: 'published',
  },
};

const unlimited = {
  id: '/products/unlimited',
  name: 'unlimited',
  type: 'Microsoft.ApiManagement/service/products',
  properties: {
    displayName: 'Unlimited',
    description:
      'Subscribers have completely unlimited access to the API. Administrator approval is required.',
    subscriptionRequired: true,
    approvalRequired: true,
    state: 'published',
  },
};

describe('parseProductList', () => {
  it('reads ARM products with the limits APIM states in their descriptions', () => {
    const list = parseProductList({ value: [starter, unlimited], count: 2, nextLink: null });
    expect(list).toEqual([
      {
        id: 'starter',
        displayName: 'Starter',
        description:
          'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
        terms: '',
        subscriptionRequired: true,
        approvalRequired: false,
        state: 'published',
        rateLimit: { calls: 5, renewalPeriod: 60 },
        quota: { calls: 100, renewalPeriod: 604_800 },
      },
      {
        id: 'unlimited',
        displayName: 'Unlimited',
        description:
          'Subscribers have completely unlimited access to the API. Administrator approval is required.',
        terms: '',
        subscriptionRequired: true,
        approvalRequired: true,
        state: 'published',
      },
    ]);
  });

  it('prefers limits stated as numbers over the description', () => {
    const product = parseProduct({
      name: 'gold',
      properties: {
        displayName: 'Gold',
        description: '5 calls/minute',
        state: 'published',
        rateLimit: { calls: 50, renewalPeriod: 60 },
      },
    });
    expect(product.rateLimit).toEqual({ calls: 50, renewalPeriod: 60 });
    expect(product.quota).toBeUndefined();
  });

  it('leaves out products that are not published', () => {
    const hidden = { ...starter, properties: { ...starter.properties, state: 'notPublished' } };
    expect(parseProductList({ value: [hidden, unlimited] }).map((p) => p.id)).toEqual([
      'unlimited',
    ]);
  });

  it('names the field that is wrong', () => {
    expect(() => parseProductList({ products: [] })).toThrow(
      'The product list answer is not what API Management sends: "value" must be a list.',
    );
    expect(() => parseProductList({ value: [{ properties: {} }] })).toThrow(ApimContractError);
    expect(() => parseProductList({ value: [{ name: 'x' }] })).toThrow(
      '"properties" must be an object',
    );
    expect(() => parseProduct({ name: 'x', properties: { rateLimit: { calls: '5' } } })).toThrow(
      '"properties.rateLimit" must be { "calls": number, "renewalPeriod": seconds }',
    );
  });
});

describe('parseSubscription', () => {
  it('reads a self-service answer with its keys and product', () => {
    expect(
      parseSubscription({
        id: '/subscriptions/5f1c',
        name: '5f1c',
        type: 'Microsoft.ApiManagement/service/subscriptions',
        properties: {
          ownerId: '/users/demo',
          scope: '/products/starter',
          displayName: 'My app',
          state: 'active',
          createdDate: '2026-11-30T12:00:00Z',
          primaryKey: 'p-key',
          secondaryKey: 's-key',
        },
      }),
    ).toEqual({
      id: '5f1c',
      displayName: 'My app',
      scope: '/products/starter',
      productId: 'starter',
      state: 'active',
      createdDate: '2026-11-30T12:00:00Z',
      primaryKey: 'p-key',
      secondaryKey: 's-key',
    });
  });

  it('reads a contract without keys, scoped to an API', () => {
    const sub = parseSubscription({
      name: 'api-only',
      properties: { scope: '/apis/azureml-demo', state: 'submitted' },
    });
    expect(sub).toEqual({
      id: 'api-only',
      displayName: 'api-only',
      scope: '/apis/azureml-demo',
      state: 'submitted',
    });
  });

  it('refuses a contract without scope or with an empty key', () => {
    expect(() => parseSubscription({ name: 's', properties: {} })).toThrow(
      '"properties.scope" must name a product or API',
    );
    expect(() =>
      parseSubscription({ name: 's', properties: { scope: '/products/starter', primaryKey: '' } }),
    ).toThrow('"properties.primaryKey" must be a key');
  });
});

describe('productIdOfScope', () => {
  it('reads short and full ARM scopes', () => {
    expect(productIdOfScope('/products/starter')).toBe('starter');
    expect(
      productIdOfScope(
        '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ApiManagement/service/s/products/unlimited',
      ),
    ).toBe('unlimited');
    expect(productIdOfScope('/apis/azureml-demo')).toBeUndefined();
  });
});

describe('describeLimit', () => {
  it('names common periods and falls back to seconds', () => {
    expect(describeLimit({ calls: 5, renewalPeriod: 60 })).toBe('5 calls per minute');
    expect(describeLimit({ calls: 100, renewalPeriod: 604_800 })).toBe('100 calls per week');
    expect(describeLimit({ calls: 1, renewalPeriod: 3600 })).toBe('1 call per hour');
    expect(describeLimit({ calls: 1000, renewalPeriod: 90 })).toBe('1,000 calls per 90 s');
  });
});
