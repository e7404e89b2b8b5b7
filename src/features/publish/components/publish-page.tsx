import { Link } from 'wouter';
import { ArmTokenForm } from '../../../components/arm-token-form';
import { HttpCallList } from '../../../components/http-call-list';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { CallLogProvider, useCallLog } from '../api/call-log';
import { publishPaths, type PublishView } from '../publish-paths';
import { ApiDetail } from './api-detail';
import { ApisPage } from './apis-page';
import type { OpenDefinition } from './import-panel';
import { OperationDetail } from './operation-detail';
import { ProductDetail, ProductsAdmin } from './products-admin';
import '../publish.css';

export type PublishAccess =
  | { kind: 'ready'; target: ManagementTarget }
  /** A real APIM whose ARM token is not in this tab yet. */
  | { kind: 'needs-token'; onToken: (token: string) => void }
  | { kind: 'none' };

/**
 * The publisher's half of the tutorial: APIs, operations, products and policies through the
 * management API, every call it makes shown below as the raw request and response.
 */
export function PublishPage({
  access,
  view,
  openDefinition,
  onTokenRefused,
}: {
  access: PublishAccess;
  view: PublishView;
  openDefinition: OpenDefinition | undefined;
  /** Forget a token ARM refused, so the form to paste a new one shows. */
  onTokenRefused?: () => void;
}) {
  return (
    <div className="publish-page">
      <header>
        <h1>Publish</h1>
        <p className="muted">
          Create and change what API Management publishes: APIs and their operations, products and
          their limits, policies. Every change is a call to the management API, listed below as you
          would script it.
        </p>
      </header>
      {access.kind === 'none' ? (
        <p>
          Publishing needs an environment with an API Management management endpoint and an
          administrator credential.
        </p>
      ) : access.kind === 'needs-token' ? (
        <ArmTokenForm hasToken={false} onToken={access.onToken}>
          Publishing on this API Management instance goes through Azure Resource Manager.
        </ArmTokenForm>
      ) : (
        <CallLogProvider>
          <nav aria-label="Publish" className="publish-tabs">
            <Link
              href={publishPaths.apis}
              aria-current={
                view.kind === 'apis' || view.kind === 'api' || view.kind === 'operation'
                  ? 'page'
                  : undefined
              }
            >
              APIs
            </Link>
            <Link
              href={publishPaths.products}
              aria-current={
                view.kind === 'products' || view.kind === 'product' ? 'page' : undefined
              }
            >
              Products
            </Link>
            {access.target.kind === 'arm' && onTokenRefused && (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={onTokenRefused}
              >
                Paste a new ARM token
              </button>
            )}
          </nav>
          <View target={access.target} view={view} openDefinition={openDefinition} />
          <CallLog />
        </CallLogProvider>
      )}
    </div>
  );
}

function View({
  target,
  view,
  openDefinition,
}: {
  target: ManagementTarget;
  view: PublishView;
  openDefinition: OpenDefinition | undefined;
}) {
  switch (view.kind) {
    case 'apis':
      return <ApisPage target={target} openDefinition={openDefinition} />;
    case 'api':
      return <ApiDetail key={view.apiId} target={target} apiId={view.apiId} />;
    case 'operation':
      return (
        <OperationDetail
          key={`${view.apiId}/${view.operationId}`}
          target={target}
          apiId={view.apiId}
          operationId={view.operationId}
        />
      );
    case 'products':
      return <ProductsAdmin target={target} />;
    case 'product':
      return <ProductDetail key={view.productId} target={target} productId={view.productId} />;
  }
}

function CallLog() {
  const { calls } = useCallLog();
  return (
    <div className="publish-calls">
      {calls.length === 0 ? (
        <p className="muted">The management calls your changes make will be listed here.</p>
      ) : (
        <HttpCallList calls={calls} title="Management calls" showBodies />
      )}
    </div>
  );
}
