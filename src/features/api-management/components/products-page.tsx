import { useQuery } from '@tanstack/react-query';
import { describeLimit } from '../../../core/apim/apim-contracts';
import type { Environment } from '../../../core/config/portal-config';
import { productsQuery } from '../api/apim-queries';
import { ErrorNote } from './error-note';
import { NotLocalNote } from './not-local-note';
import { SubscribeForm } from './subscribe-form';
import '../api-management.css';

export interface ApimPageProps {
  environment: Environment | undefined;
  /** The security scheme id that carries the subscription key (credentials[keySchemeId]). */
  keySchemeId: string;
  onUseKey: (key: string) => void;
  subscriptionsHref: string;
}

/** The products of the environment's API Management, with their limits and Subscribe. */
export function ProductsPage({
  environment,
  keySchemeId,
  onUseKey,
  subscriptionsHref,
}: ApimPageProps) {
  const developerUrl = environment?.apim?.local ? environment.apim.developerUrl : undefined;
  return (
    <div className="apim-page">
      <header>
        <h1>Products</h1>
        <p className="muted">
          A product bundles APIs with usage limits. Subscribe to one to get a pair of keys; every
          call sends one of them as <code>Ocp-Apim-Subscription-Key</code>. Your keys are on the{' '}
          <a href={`#${subscriptionsHref}`}>Subscriptions</a> page.
        </p>
      </header>
      {!environment ? (
        <p>Choose an environment first.</p>
      ) : developerUrl ? (
        <ProductList
          developerUrl={developerUrl}
          environment={environment}
          keyInUse={environment.credentials[keySchemeId] ?? ''}
          onUseKey={onUseKey}
        />
      ) : (
        <NotLocalNote environment={environment} onUseKey={onUseKey} />
      )}
    </div>
  );
}

function ProductList({
  developerUrl,
  environment,
  keyInUse,
  onUseKey,
}: {
  developerUrl: string;
  environment: Environment;
  keyInUse: string;
  onUseKey: (key: string) => void;
}) {
  const products = useQuery(productsQuery(developerUrl));
  if (products.isPending) return <p role="status">Loading the products…</p>;
  if (products.isError) return <ErrorNote error={products.error} />;
  if (products.data.length === 0) return <p>This API Management instance publishes no products.</p>;
  return (
    <ul className="apim-products">
      {products.data.map((product) => (
        <li key={product.id}>
          <section className="apim-product card" aria-labelledby={`product-${product.id}`}>
            <h2 id={`product-${product.id}`}>{product.displayName}</h2>
            {product.description && <p>{product.description}</p>}
            <dl className="apim-product__limits" aria-label={`${product.displayName} limits`}>
              <dt>Rate limit</dt>
              <dd>{product.rateLimit ? describeLimit(product.rateLimit) : 'None'}</dd>
              <dt>Quota</dt>
              <dd>{product.quota ? describeLimit(product.quota) : 'None'}</dd>
              <dt>Approval</dt>
              <dd>
                {product.approvalRequired
                  ? 'An administrator approves each subscription'
                  : 'Not needed: a subscription is active at once'}
              </dd>
            </dl>
            {product.terms && <p className="muted">Terms: {product.terms}</p>}
            <SubscribeForm
              product={product}
              developerUrl={developerUrl}
              keyInUse={keyInUse}
              environmentName={environment.name}
              onUseKey={onUseKey}
            />
          </section>
        </li>
      ))}
    </ul>
  );
}
