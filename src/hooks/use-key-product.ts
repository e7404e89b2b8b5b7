import { useQuery } from '@tanstack/react-query';
import { planCall, type CallPlan } from '../core/apim/call-plan';
import type { ApimProduct, ApimSubscription } from '../core/apim/apim-contracts';
import type { Environment } from '../core/config/portal-config';
import type { ApiDefinitionHead, ApiOperation } from '../core/definition/api-model';
import { productsQuery, subscriptionQuery } from '../queries/apim-queries';
import { useWallet } from './use-wallet';

export interface KeyProduct {
  plan: CallPlan;
  /** The subscription as the local gateway reads it with the key, when it could. */
  subscription: ReturnType<typeof useQuery<ApimSubscription>>;
  products: ReturnType<typeof useQuery<ApimProduct[]>>;
  productId: string | undefined;
  /** The key's product, with its limits, when the local gateway says which it is. */
  product: ApimProduct | undefined;
}

/**
 * Which subscription and product the next call of `operation` uses in `environment`: the
 * operation page's note says it, and batch watching paces itself by the product's rate limit.
 */
export function useKeyProduct(
  api: Pick<ApiDefinitionHead, 'securitySchemes'>,
  operation: Pick<ApiOperation, 'security'> | undefined,
  environment: Environment,
): KeyProduct {
  const wallet = useWallet();
  const plan: CallPlan = operation
    ? planCall(operation, api.securitySchemes, environment, wallet)
    : { kind: 'direct' };
  const developerUrl = environment.apim?.local ? environment.apim.developerUrl : undefined;
  const key = plan.kind === 'apim' ? (environment.credentials[plan.keySchemeId] ?? '').trim() : '';
  const owner = plan.kind === 'apim' ? plan.owner : undefined;
  const subscription = useQuery({
    ...subscriptionQuery(developerUrl ?? '', owner?.subscriptionId ?? '', key),
    enabled: developerUrl !== undefined && owner !== undefined && !owner.retired && key !== '',
  });
  const products = useQuery({
    ...productsQuery(developerUrl ?? ''),
    enabled: developerUrl !== undefined && plan.kind === 'apim',
  });
  const productId = subscription.data?.productId ?? owner?.productId;
  const product = products.data?.find((p) => p.id === productId);
  return { plan, subscription, products, productId, product };
}
