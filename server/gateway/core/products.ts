/**
 * The products of the local gateway: APIM's two default products with their documented
 * policies (shared/reference/api-management.md).
 */
export interface CallLimit {
  calls: number;
  renewalPeriodSeconds: number;
}

export interface Product {
  id: 'starter' | 'unlimited';
  displayName: string;
  description: string;
  terms: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  /** Not enforced locally (the one demo user subscribes as often as they like): null. */
  subscriptionsLimit: number | null;
  state: 'published' | 'notPublished';
  /** `<rate-limit calls renewal-period>`, counted per subscription. */
  rateLimit?: CallLimit;
  /** `<quota calls renewal-period>`, counted per subscription. */
  quota?: CallLimit;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 'starter',
    displayName: 'Starter',
    description:
      'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
    terms: '',
    subscriptionRequired: true,
    approvalRequired: false,
    subscriptionsLimit: null,
    state: 'published',
    rateLimit: { calls: 5, renewalPeriodSeconds: 60 },
    quota: { calls: 100, renewalPeriodSeconds: 604_800 },
  },
  {
    id: 'unlimited',
    displayName: 'Unlimited',
    description:
      'Subscribers have completely unlimited access to the API. Administrator approval is required.',
    terms: '',
    subscriptionRequired: true,
    approvalRequired: true,
    subscriptionsLimit: null,
    state: 'published',
  },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}

/** `/products/starter` -> the Starter product. */
export function productOfScope(scope: string): Product | undefined {
  const match = /^\/products\/([^/]+)$/.exec(scope);
  return match?.[1] ? findProduct(match[1]) : undefined;
}
