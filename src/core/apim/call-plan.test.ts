import { describe, expect, it } from 'vitest';
import type { Environment } from '../config/portal-config';
import type { SecurityScheme } from '../definition/api-model';
import type { ApimProduct } from './apim-contracts';
import { apimKeySchemeId, callCostText, planCall } from './call-plan';
import type { Wallet } from './subscription-wallet';

const schemes: Record<string, SecurityScheme> = {
  azureml: { id: 'azureml', type: 'http', scheme: 'bearer' },
  apimSubscriptionKey: {
    id: 'apimSubscriptionKey',
    type: 'apiKey',
    in: 'header',
    name: 'Ocp-Apim-Subscription-Key',
  },
};
// As the demo definition says: APIM key and AzureML key, or the AzureML key alone.
const operation = { security: [['azureml', 'apimSubscriptionKey'], ['azureml']] };
const DEV = 'http://127.0.0.1:8791/developer';

const gateway = (credentials: Record<string, string>): Environment => ({
  id: 'local-demo',
  name: 'Local demo',
  baseUrl: 'http://127.0.0.1:8791/azureml-demo',
  credentials,
  apim: { local: true, developerUrl: DEV, subscriptionId: 'demo-starter' },
});
const wallet: Wallet = [
  {
    developerUrl: DEV,
    id: 'mine',
    displayName: 'My app',
    productId: 'starter',
    primaryKey: 'new-key',
  },
];

describe('apimKeySchemeId', () => {
  it('finds the APIM key scheme in a header or the query', () => {
    expect(apimKeySchemeId(schemes)).toBe('apimSubscriptionKey');
    expect(
      apimKeySchemeId({ k: { id: 'k', type: 'apiKey', in: 'query', name: 'subscription-key' } }),
    ).toBe('k');
    expect(apimKeySchemeId({ azureml: schemes.azureml! })).toBeUndefined();
  });
});

describe('planCall', () => {
  it('names the configured subscription for the configured key', () => {
    expect(
      planCall(
        operation,
        schemes,
        gateway({ azureml: 'a', apimSubscriptionKey: 'starter-key' }),
        wallet,
      ),
    ).toEqual({
      kind: 'apim',
      keySchemeId: 'apimSubscriptionKey',
      hasKey: true,
      owner: { subscriptionId: 'demo-starter', source: 'config' },
    });
  });

  it('names the subscription this tab created when its key is in use', () => {
    expect(
      planCall(
        operation,
        schemes,
        gateway({ azureml: 'a', apimSubscriptionKey: 'new-key' }),
        wallet,
      ),
    ).toMatchObject({
      owner: {
        subscriptionId: 'mine',
        displayName: 'My app',
        productId: 'starter',
        source: 'wallet',
      },
    });
  });

  it('knows a key this tab regenerated away', () => {
    const retired: Wallet = [{ ...wallet[0]!, primaryKey: 'newer', retiredKeys: ['new-key'] }];
    expect(
      planCall(
        operation,
        schemes,
        gateway({ azureml: 'a', apimSubscriptionKey: 'new-key' }),
        retired,
      ),
    ).toMatchObject({ owner: { subscriptionId: 'mine', retired: true } });
  });

  it('says a gateway call without a key has no subscription', () => {
    expect(planCall(operation, schemes, gateway({ azureml: 'a' }), wallet)).toEqual({
      kind: 'apim',
      keySchemeId: 'apimSubscriptionKey',
      hasKey: false,
    });
  });

  it('treats a service without APIM as direct', () => {
    const direct: Environment = {
      id: 'demo-direct',
      name: 'Direct',
      baseUrl: 'http://127.0.0.1:8790',
      credentials: { azureml: 'a' },
    };
    expect(planCall(operation, schemes, direct, wallet)).toEqual({ kind: 'direct' });
    expect(
      planCall({ security: [['azureml']] }, schemes, gateway({ azureml: 'a' }), wallet),
    ).toEqual({
      kind: 'direct',
    });
  });
});

describe('callCostText', () => {
  const starter: ApimProduct = {
    id: 'starter',
    displayName: 'Starter',
    description: '',
    terms: '',
    subscriptionRequired: true,
    approvalRequired: false,
    state: 'published',
    rateLimit: { calls: 5, renewalPeriod: 60 },
    quota: { calls: 100, renewalPeriod: 604_800 },
  };
  it('states the cost against each limit', () => {
    expect(callCostText(starter)).toBe(
      'Each call counts 1 against Starter’s limits: 5 calls per minute and 100 calls per week per subscription. A refused call (429 or quota 403) is not forwarded.',
    );
  });
  it('says when a product has no limits, and when the product is unknown', () => {
    const { rateLimit: _r, quota: _q, ...unlimited } = { ...starter, displayName: 'Unlimited' };
    expect(callCostText(unlimited)).toBe('Unlimited sets no call limits.');
    expect(callCostText(undefined)).toMatch(
      /^Each call counts against the limits of the key’s product/,
    );
  });
});
