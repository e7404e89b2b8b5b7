import { useQuery } from '@tanstack/react-query';
import { describeLimit, type ApimProduct } from '../../../core/apim/apim-contracts';
import type { Environment } from '../../../core/config/portal-config';
import { productApisQuery, productsQuery } from '../../../queries/apim-queries';
import { useWallet } from '../../../hooks/use-wallet';
import { ErrorMessage } from '../../../components/error-message';
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
  const wallet = useWallet();
  if (products.isPending) return <p role="status">Loading the products…</p>;
  if (products.isError) return <ErrorMessage error={products.error} />;
  if (products.data.length === 0) return <p>This API Management instance publishes no products.</p>;
  return (
    <ul className="apim-products">
      {products.data.map((product) => (
        <li key={product.id}>
          <section className="apim-product card" aria-labelledby={`product-${product.id}`}>
            <h2 id={`product-${product.id}`}>{product.displayName}</h2>
            {product.description && <p>{product.description}</p>}
            <ProductApis developerUrl={developerUrl} product={product} />
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
            <AlreadySubscribed
              product={product}
              names={wallet
                .filter((e) => e.developerUrl === developerUrl && e.productId === product.id)
                .map((e) => e.displayName)}
            />
            <SubscribeForm
              product={product}
              developerUrl={developerUrl}
              keyInUse={keyInUse}
              environmentName={environment.name}
              onUseKey={onUseKey}
              managementUrl={environment.apim?.managementUrl}
            />
          </section>
        </li>
      ))}
    </ul>
  );
}

/** What subscribing opens: the product's APIs, from the gateway's self-service list. */
function ProductApis({ developerUrl, product }: { developerUrl: string; product: ApimProduct }) {
  const apis = useQuery(productApisQuery(developerUrl, product.id));
  if (apis.isPending) return <p className="muted">Reading its APIs…</p>;
  if (apis.isError) return <ErrorMessage error={apis.error} />;
  if (apis.data.length === 0) return <p className="muted">It opens no APIs yet.</p>;
  return (
    <div className="apim-product__apis">
      <span className="apim-product__apis-label">APIs</span>
      <ul aria-label={`APIs in ${product.displayName}`}>
        {apis.data.map((api) => (
          <li key={api.id}>{api.title}</li>
        ))}
      </ul>
    </div>
  );
}

/** The subscriptions this portal holds keys for in the product, so nobody subscribes twice by mistake. */
function AlreadySubscribed({ product, names }: { product: ApimProduct; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p className="apim-product__mine" role="note">
      You already subscribe to {product.displayName}: {names.join(', ')}.
    </p>
  );
}
