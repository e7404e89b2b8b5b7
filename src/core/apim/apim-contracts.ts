/**
 * API Management's Azure Resource Manager contracts as the portal reads them: products and
 * subscriptions (`{ id, name, type, properties }`, lists as `{ value, count, nextLink }`).
 * Parsing is strict about what the portal relies on and says which field is wrong, because
 * the same code reads a real APIM instance the portal does not control.
 */

import { ApimContractError } from './apim-errors';

export interface ProductLimit {
  calls: number;
  /** Seconds. */
  renewalPeriod: number;
}

export interface ApimProduct {
  /** The product id, e.g. "starter" (the contract's `name`). */
  id: string;
  displayName: string;
  description: string;
  terms: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  state: string;
  rateLimit?: ProductLimit;
  quota?: ProductLimit;
}

export type SubscriptionState =
  'active' | 'suspended' | 'submitted' | 'rejected' | 'cancelled' | 'expired';

export interface ApimSubscription {
  /** The subscription id, e.g. "demo-starter" (the contract's `name`). */
  id: string;
  displayName: string;
  /** "/products/starter" or "/apis/{apiId}". */
  scope: string;
  /** The product id when the scope is a product. */
  productId?: string;
  /** Usually a SubscriptionState; plain text, as a newer API version may send another state. */
  state: string;
  createdDate?: string;
  /** Present only where the endpoint hands out keys (self-service, listSecrets). */
  primaryKey?: string;
  secondaryKey?: string;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(what: string, field: string, problem: string): never {
  throw new ApimContractError(
    `The ${what} answer is not what API Management sends: "${field}" ${problem}.`,
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** "/products/starter" and ".../service/x/products/starter" both name the product "starter". */
export function productIdOfScope(scope: string): string | undefined {
  const m = /\/products\/([^/]+)\/?$/i.exec(scope);
  return m?.[1];
}

// APIM's built-in products describe their policy in words; the portal reads the same words
// when a product does not state its limits as numbers (real APIM keeps them in policy XML,
// which a consumer cannot read).
const PERIODS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
};

function limitsFromDescription(description: string): Pick<ApimProduct, 'rateLimit' | 'quota'> {
  const found: ProductLimit[] = [];
  const pattern =
    /(\d[\d,]*)\s*calls?\s*(?:\/|per|a|an|each)\s*(second|minute|hour|day|week|month)/gi;
  for (const m of description.matchAll(pattern)) {
    const calls = Number((m[1] ?? '').replace(/,/g, ''));
    const period = PERIODS[(m[2] ?? '').toLowerCase()];
    if (Number.isFinite(calls) && period) found.push({ calls, renewalPeriod: period });
  }
  found.sort((a, b) => a.renewalPeriod - b.renewalPeriod);
  const [rateLimit, quota] = found;
  return { ...(rateLimit ? { rateLimit } : {}), ...(quota ? { quota } : {}) };
}

function limitOf(value: unknown, what: string, field: string): ProductLimit | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    !isObj(value) ||
    typeof value.calls !== 'number' ||
    typeof value.renewalPeriod !== 'number' ||
    value.calls < 0 ||
    value.renewalPeriod <= 0
  ) {
    return fail(what, field, 'must be { "calls": number, "renewalPeriod": seconds }');
  }
  return { calls: value.calls, renewalPeriod: value.renewalPeriod };
}

export function parseProduct(json: unknown, what = 'product'): ApimProduct {
  if (!isObj(json)) return fail(what, '(root)', 'must be an object');
  const id = text(json.name);
  if (!id) fail(what, 'name', 'must be the product id');
  const p = json.properties;
  if (!isObj(p)) return fail(what, 'properties', 'must be an object');
  const description = text(p.description);
  const stated = {
    rateLimit: limitOf(p.rateLimit, what, 'properties.rateLimit'),
    quota: limitOf(p.quota, what, 'properties.quota'),
  };
  const limits =
    stated.rateLimit || stated.quota
      ? {
          ...(stated.rateLimit ? { rateLimit: stated.rateLimit } : {}),
          ...(stated.quota ? { quota: stated.quota } : {}),
        }
      : limitsFromDescription(description);
  return {
    id,
    displayName: text(p.displayName) || id,
    description,
    terms: text(p.terms),
    subscriptionRequired: p.subscriptionRequired !== false,
    approvalRequired: p.approvalRequired === true,
    state: text(p.state) || 'published',
    ...limits,
  };
}

function listValue(json: unknown, what: string): unknown[] {
  if (!isObj(json) || !Array.isArray(json.value)) return fail(what, 'value', 'must be a list');
  return json.value;
}

/** A product list; products that are not published are left out, as APIM's portal does. */
export function parseProductList(json: unknown): ApimProduct[] {
  return listValue(json, 'product list')
    .map((item, i) => parseProduct(item, `product list (value[${i}])`))
    .filter((p) => p.state === 'published');
}

export function parseSubscription(json: unknown, what = 'subscription'): ApimSubscription {
  if (!isObj(json)) return fail(what, '(root)', 'must be an object');
  const id = text(json.name);
  if (!id) fail(what, 'name', 'must be the subscription id');
  const p = json.properties;
  if (!isObj(p)) return fail(what, 'properties', 'must be an object');
  const scope = text(p.scope);
  if (!scope) fail(what, 'properties.scope', 'must name a product or API');
  const productId = productIdOfScope(scope);
  const keys = ['primaryKey', 'secondaryKey'] as const;
  const out: ApimSubscription = {
    id,
    displayName: text(p.displayName) || id,
    scope,
    ...(productId ? { productId } : {}),
    state: text(p.state) || 'active',
    ...(text(p.createdDate) ? { createdDate: text(p.createdDate) } : {}),
  };
  for (const key of keys) {
    if (p[key] === undefined || p[key] === null) continue;
    if (typeof p[key] !== 'string' || p[key] === '')
      fail(what, `properties.${key}`, 'must be a key');
    out[key] = p[key];
  }
  return out;
}

/** "5 calls per minute", "100 calls per week", "1,000 calls per 90 s". */
export function describeLimit(limit: ProductLimit): string {
  const calls = `${limit.calls.toLocaleString('en-US')} ${limit.calls === 1 ? 'call' : 'calls'}`;
  const named = Object.entries(PERIODS).find(([, seconds]) => seconds === limit.renewalPeriod);
  return named ? `${calls} per ${named[0]}` : `${calls} per ${limit.renewalPeriod} s`;
}

/** What a subscription's state means for its keys, in the words a consumer needs. */
export function subscriptionStateText(state: string): string {
  switch (state) {
    case 'active':
      return 'Active: its keys work.';
    case 'submitted':
      return 'Waiting for an administrator to approve it: its keys are refused until then.';
    case 'suspended':
      return 'Suspended by an administrator: its keys are refused.';
    case 'rejected':
      return 'Rejected by an administrator: its keys never work.';
    case 'cancelled':
      return 'Cancelled: its keys no longer work.';
    case 'expired':
      return 'Expired: its keys no longer work.';
    default:
      return `State "${state}".`;
  }
}
