import { apimKeySchemeId } from '../core/apim/call-plan';
import { ProductsPage } from '../features/api-management/components/products-page';
import { SubscriptionsPage } from '../features/api-management/components/subscriptions-page';
import { paths } from './api-paths';
import { useCurrentApi } from './current-api';
import { usePortal } from './portal-context';

// The demo definition's scheme id, used until a definition that names its own has loaded.
const DEFAULT_KEY_SCHEME = 'apimSubscriptionKey';

/** Connects the Products and Subscriptions pages to the current API's environment and its keys. */
export function ApiManagementRoute({ page }: { page: 'products' | 'subscriptions' }) {
  const { store } = usePortal();
  const { definition, active: activeEnvironment } = useCurrentApi();
  const keySchemeId =
    (definition && apimKeySchemeId(definition.securitySchemes)) ?? DEFAULT_KEY_SCHEME;
  const onUseKey = (key: string) => {
    if (activeEnvironment) store.setCredential(activeEnvironment.id, keySchemeId, key);
  };
  return page === 'products' ? (
    <ProductsPage
      environment={activeEnvironment}
      keySchemeId={keySchemeId}
      onUseKey={onUseKey}
      subscriptionsHref={paths.subscriptions}
    />
  ) : (
    <SubscriptionsPage
      environment={activeEnvironment}
      keySchemeId={keySchemeId}
      onUseKey={onUseKey}
      productsHref={paths.products}
    />
  );
}
