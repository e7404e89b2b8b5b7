import { useQueryClient } from '@tanstack/react-query';
import { ArmTokenForm } from '../components/arm-token-form';
import { ErrorMessage } from '../components/error-message';
import { ApimCatalogError } from '../core/apim/apim-catalog-error';
import { armTokenStore, isArmManagementUrl } from '../core/apim/arm-token-store';
import type { ApimApiSource } from '../core/config/portal-config';
import { refreshApimCatalog } from '../queries/apim-catalog-queries';

/**
 * Why the APIs of the config's API Management source are not listed, and what to do: paste a
 * (new) token where one is needed, or try again. Loaded only when there is something to say.
 */
export function ApimCatalogNotice({ source, error }: { source: ApimApiSource; error: unknown }) {
  const client = useQueryClient();
  const failure = error instanceof ApimCatalogError ? error.failure : undefined;
  const asksForToken =
    !source.demoAdminKey && (failure === 'no-credential' || failure === 'refused');
  const hasToken = armTokenStore.read(source.managementUrl) !== '';
  return (
    <ErrorMessage error={error} className="app-config-error">
      <p>The APIs listed in portico.config.json itself are still available.</p>
      {asksForToken ? (
        <ArmTokenForm
          hasToken={hasToken}
          onToken={(token) => {
            armTokenStore.write(source.managementUrl, token);
            void refreshApimCatalog(client);
          }}
        >
          {isArmManagementUrl(source.managementUrl)
            ? 'The APIs come from Azure API Management, read through Azure Resource Manager.'
            : 'The APIs come from the API Management gateway at ' +
              new URL(source.managementUrl).origin +
              '.'}
        </ArmTokenForm>
      ) : (
        <button type="button" className="button" onClick={() => void refreshApimCatalog(client)}>
          Try again
        </button>
      )}
    </ErrorMessage>
  );
}
