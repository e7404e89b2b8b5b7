import { describe, expect, it } from 'vitest';
import { setupNeeded } from './first-run';
import type { Environment } from './portal-config';

const env = (over: Partial<Environment>): Environment => ({
  id: 'apim',
  name: 'Azure API Management',
  baseUrl: 'https://contoso.azure-api.net/ml',
  credentials: { azureml: '', apimSubscriptionKey: '' },
  ...over,
});

describe('setupNeeded', () => {
  it('asks for an environment when there is none', () => {
    expect(setupNeeded(undefined)).toBe(
      'No environment is set up yet. In Settings, add one with the base URL of your API and your key.',
    );
  });

  it('names the placeholder address of the shipped configuration and how to replace it', () => {
    expect(setupNeeded(env({ baseUrl: 'https://YOUR-APIM-NAME.azure-api.net/azureml-demo' }))).toBe(
      '“Azure API Management” still points at the placeholder https://YOUR-APIM-NAME.azure-api.net/azureml-demo. ' +
        'In Settings, set its base URL to your API Management address (https://<name>.azure-api.net/<api-suffix>) ' +
        'and enter your keys. To try Portico without an Azure account, run the local demo (npm start).',
    );
  });

  it('asks for a key when every credential is empty', () => {
    expect(setupNeeded(env({}))).toBe(
      'No key is set for “Azure API Management”. Enter yours in Settings or in the try-it form; it stays in this browser.',
    );
  });

  it('is satisfied by one key, or by an environment that needs none', () => {
    expect(setupNeeded(env({ credentials: { azureml: 'k', apimSubscriptionKey: '' } }))).toBe(
      undefined,
    );
    expect(setupNeeded(env({ credentials: {} }))).toBe(undefined);
  });
});
