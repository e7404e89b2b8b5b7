import type { Environment } from '../../../core/config/portal-config';
import { PasteKeyForm } from './paste-key-form';

/**
 * For an environment whose API Management is not the local gateway: the portal cannot list
 * products or create subscriptions there, so it says where the keys come from and takes one.
 */
export function NotLocalNote({
  environment,
  onUseKey,
}: {
  environment: Environment;
  onUseKey: (key: string) => void;
}) {
  if (!environment.apim) {
    return (
      <div className="apim-note card">
        <p>
          <strong>{environment.name}</strong> calls the service directly, without API Management: no
          subscription key is needed and no gateway limits apply. Choose an environment that goes
          through API Management (the Local demo does) to see products and keys.
        </p>
      </div>
    );
  }
  const portal = environment.apim.developerPortalUrl;
  return (
    <div className="apim-note card">
      <p>
        <strong>{environment.name}</strong> goes through an API Management instance that this portal
        does not manage. Get a subscription key in that instance’s developer portal:
      </p>
      <ol className="apim-note__steps">
        <li>
          Open{' '}
          {portal ? (
            <a href={portal} target="_blank" rel="noreferrer noopener">
              {portal}
            </a>
          ) : (
            'its developer portal (https://NAME.developer.azure-api.net)'
          )}{' '}
          and sign in.
        </li>
        <li>
          Under <em>Products</em>, subscribe to the product that contains this API (Starter, for
          example); some products wait for an administrator’s approval.
        </li>
        <li>
          Under <em>Profile</em>, press <em>Show</em> next to the subscription’s primary key and
          copy it.
        </li>
      </ol>
      <PasteKeyForm environmentName={environment.name} onUseKey={onUseKey} />
    </div>
  );
}
