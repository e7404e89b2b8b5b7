import type { Environment } from '../config/portal-config';
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { chooseSecurityRequirement } from '../request/apply-security';
import { describeLimit, type ApimProduct } from './apim-contracts';
import { entryForKey, entryForRetiredKey, type Wallet } from './subscription-wallet';

/** The security scheme that carries an API Management subscription key, if the API has one. */
export function apimKeySchemeId(schemes: Record<string, SecurityScheme>): string | undefined {
  return Object.values(schemes).find(
    (s) =>
      s.type === 'apiKey' &&
      ((s.in === 'header' && s.name.toLowerCase() === 'ocp-apim-subscription-key') ||
        (s.in === 'query' && s.name.toLowerCase() === 'subscription-key')),
  )?.id;
}

/** Which subscription (and so which product) a key belongs to, as far as this portal knows. */
export interface KeyOwner {
  subscriptionId: string;
  /** Known when this tab subscribed or was shown the subscription. */
  displayName?: string;
  productId?: string;
  /** How it is known: from this tab's subscriptions, or from the environment's config. */
  source: 'wallet' | 'config';
  /** The key was regenerated away in this tab: the gateway refuses it. */
  retired?: boolean;
}

export function keyOwner(
  environment: Environment,
  key: string,
  wallet: Wallet,
): KeyOwner | undefined {
  const developerUrl = environment.apim?.developerUrl;
  const entry = developerUrl ? entryForKey(wallet, developerUrl, key) : undefined;
  if (entry) {
    return {
      subscriptionId: entry.id,
      displayName: entry.displayName,
      ...(entry.productId ? { productId: entry.productId } : {}),
      source: 'wallet',
    };
  }
  const former = developerUrl ? entryForRetiredKey(wallet, developerUrl, key) : undefined;
  if (former) {
    return {
      subscriptionId: former.id,
      displayName: former.displayName,
      ...(former.productId ? { productId: former.productId } : {}),
      source: 'wallet',
      retired: true,
    };
  }
  const configured = environment.apim?.subscriptionId;
  return configured ? { subscriptionId: configured, source: 'config' } : undefined;
}

export type CallPlan =
  /** The call carries no subscription key: no gateway limits apply as far as the portal knows. */
  { kind: 'direct' } | { kind: 'apim'; keySchemeId: string; hasKey: boolean; owner?: KeyOwner };

/** How the next call of `operation` in `environment` will be authorised against APIM. */
export function planCall(
  operation: Pick<ApiOperation, 'security'>,
  schemes: Record<string, SecurityScheme>,
  environment: Environment,
  wallet: Wallet,
): CallPlan {
  const keySchemeId = apimKeySchemeId(schemes);
  if (!keySchemeId) return { kind: 'direct' };
  const mayUseKey = operation.security.some((alt) => alt.includes(keySchemeId));
  if (!mayUseKey) return { kind: 'direct' };
  const chosen = chooseSecurityRequirement(operation.security, environment.credentials);
  const key = (environment.credentials[keySchemeId] ?? '').trim();
  if (!chosen.includes(keySchemeId)) {
    // Behind a gateway the key is what gets a call through; without one the call is refused.
    return environment.apim ? { kind: 'apim', keySchemeId, hasKey: false } : { kind: 'direct' };
  }
  const owner = key ? keyOwner(environment, key, wallet) : undefined;
  return { kind: 'apim', keySchemeId, hasKey: key !== '', ...(owner ? { owner } : {}) };
}

/** What one call costs against the product's limits, in a sentence. */
export function callCostText(product: ApimProduct | undefined): string {
  if (!product) {
    return 'Each call counts against the limits of the key’s product, which this portal cannot see: your API Management developer portal lists them.';
  }
  const limits = [product.rateLimit, product.quota].flatMap((l) => (l ? [describeLimit(l)] : []));
  if (limits.length === 0) return `${product.displayName} sets no call limits.`;
  return `Each call counts 1 against ${product.displayName}’s limits: ${limits.join(' and ')} per subscription. A refused call (429 or quota 403) is not forwarded.`;
}
