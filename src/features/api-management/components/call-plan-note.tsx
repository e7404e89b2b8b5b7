import { callCostText } from '../../../core/apim/call-plan';
import type { Environment } from '../../../core/config/portal-config';
import type { ApiDefinitionHead, ApiOperation } from '../../../core/definition/api-model';
import { useKeyProduct } from '../../../hooks/use-key-product';
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
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment;
  subscriptionsHref: string;
}) {
  const { plan, subscription, products, productId, product } = useKeyProduct(
    api,
    operation,
    environment,
  );
  const developerUrl = environment.apim?.local ? environment.apim.developerUrl : undefined;
  const owner = plan.kind === 'apim' ? plan.owner : undefined;

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
