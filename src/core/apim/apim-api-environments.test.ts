import { describe, expect, it } from 'vitest';
import type { Environment } from '../config/portal-config';
import { apimApiEnvironments, gatewayBaseUrl } from './apim-api-environments';

const template: Environment = {
  id: 'local-demo',
  name: 'Local demo',
  baseUrl: 'http://127.0.0.1:8791/azureml-demo',
  credentials: { azureml: 'demo-key', apimSubscriptionKey: 'starter-key' },
  storage: { sasEndpoint: 'http://127.0.0.1:8790/demo/storage/sas' },
  apim: { local: true, developerUrl: 'http://127.0.0.1:8791/developer' },
  builtIn: true,
};

describe('gatewayBaseUrl', () => {
  it('joins the gateway and the suffix, and is the gateway itself for the root', () => {
    expect(gatewayBaseUrl('http://127.0.0.1:8791/', '/azureml-demo-2/')).toBe(
      'http://127.0.0.1:8791/azureml-demo-2',
    );
    expect(gatewayBaseUrl('https://contoso.azure-api.net', '')).toBe(
      'https://contoso.azure-api.net',
    );
  });
});

describe('apimApiEnvironments', () => {
  it("copies the template's credentials, apim and storage to each API at its suffix", () => {
    expect(
      apimApiEnvironments(
        [
          { id: 'azureml-demo-2', title: 'Two', description: '', path: 'azureml-demo-2' },
          { id: 'root', title: 'Root', description: '', path: '' },
        ],
        template,
        'http://127.0.0.1:8791',
        { 'local-demo~apim~root': { apiKeyHeader: 'typed-for-root' } },
      ),
    ).toEqual([
      {
        id: 'local-demo~apim~azureml-demo-2',
        name: 'Local demo',
        baseUrl: 'http://127.0.0.1:8791/azureml-demo-2',
        // APIM's export names the key schemes apiKeyHeader and apiKeyQuery.
        credentials: {
          azureml: 'demo-key',
          apimSubscriptionKey: 'starter-key',
          apiKeyHeader: 'starter-key',
          apiKeyQuery: 'starter-key',
        },
        storage: { sasEndpoint: 'http://127.0.0.1:8790/demo/storage/sas' },
        apim: { local: true, developerUrl: 'http://127.0.0.1:8791/developer' },
        builtIn: true,
        apiIds: ['azureml-demo-2'],
      },
      {
        id: 'local-demo~apim~root',
        name: 'Local demo',
        baseUrl: 'http://127.0.0.1:8791',
        credentials: {
          azureml: 'demo-key',
          apimSubscriptionKey: 'starter-key',
          apiKeyHeader: 'typed-for-root',
          apiKeyQuery: 'starter-key',
        },
        storage: { sasEndpoint: 'http://127.0.0.1:8790/demo/storage/sas' },
        apim: { local: true, developerUrl: 'http://127.0.0.1:8791/developer' },
        builtIn: true,
        apiIds: ['root'],
      },
    ]);
  });
});
