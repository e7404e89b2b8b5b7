import { useQuery } from '@tanstack/react-query';
import { callCostText, planCall } from '../../../core/apim/call-plan';
import type { Environment } from '../../../core/config/portal-config';
import type { ApiDefinition, ApiOperation } from '../../../core/definition/api-model';
import { productsQuery, subscriptionQuery } from '../api/apim-queries';
import { useWallet } from '../api/use-wallet';
import '../api-management.css';

/**
 * On the operation page: which subscription (and so which product) the next call uses, and
 * what it costs against that product's limits.
 */
export function CallPlanNote({
  api,
  operation,
  environment,
  subscriptionsHref,
}: {
  api: ApiDefinition;
  operation: ApiOperation;
  environment: Environment;
  subscriptionsHref: string;
}) {
  const wallet = useWallet();
  const plan = planCall(operation, api.securitySchemes, environment, wallet);
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

  if (plan.kind === 'direct') return null;
  const manage = <a href={`#${subscriptionsHref}`}>Manage keys</a>;
  if (!plan.hasKey) {
    return (
      <aside className="apim-plan" aria-label="Subscription and limits">
        <p>
          {environment.name} goes through API Management, but no subscription key is set: the
          gateway will refuse the call with 401. {manage} to subscribe or paste a key.
        </p>
      </aside>
    );
  }
  const productId = subscription.data?.productId ?? owner?.productId;
  const product = products.data?.find((p) => p.id === productId);
  const name = subscription.data?.displayName ?? owner?.displayName ?? owner?.subscriptionId;
  return (
    <aside className="apim-plan" aria-label="Subscription and limits">
      <p>
        {name ? (
          <>
            This call uses subscription <strong>{name}</strong>
            {product ? (
              <>
                {' '}
                of the <strong>{product.displayName}</strong> product
              </>
            ) : productId ? (
              <>
                {' '}
                of the <strong>{productId}</strong> product
              </>
            ) : null}
            .{' '}
          </>
        ) : (
          <>This call uses the subscription key set for {environment.name}. </>
        )}
        {owner?.retired
          ? 'The gateway refuses this key: it was regenerated. '
          : subscription.isError
            ? 'The gateway refuses this key (regenerated, or its subscription is not active). '
            : product || !developerUrl || !(products.isPending || subscription.isFetching)
              ? `${callCostText(product)} `
              : ''}
        {manage}.
      </p>
    </aside>
  );
}
