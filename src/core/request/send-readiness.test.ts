import { describe, expect, it } from 'vitest';
import type { SecurityScheme } from '../definition/api-model';
import { baseUrlPlaceholder } from './base-url-placeholder';
import { missingCredentials, sendWarnings } from './send-readiness';

const schemes: Record<string, SecurityScheme> = {
  azureml: { id: 'azureml', type: 'http', scheme: 'bearer', description: 'AzureML API key' },
  apimSubscriptionKey: {
    id: 'apimSubscriptionKey',
    type: 'apiKey',
    in: 'header',
    name: 'Ocp-Apim-Subscription-Key',
    description: 'APIM subscription key',
  },
};
const rrs = { security: [['azureml', 'apimSubscriptionKey'], ['azureml']] };

describe('sendWarnings', () => {
  it('says nothing when the local demo has its key', () => {
    expect(
      sendWarnings(rrs, schemes, {
        name: 'Local demo',
        baseUrl: 'http://127.0.0.1:8790',
        credentials: { azureml: 'k' },
      }),
    ).toEqual([]);
  });

  it('names the missing key and the placeholder of the shipped APIM environment', () => {
    const warnings = sendWarnings(rrs, schemes, {
      name: 'Azure API Management',
      baseUrl: 'https://YOUR-APIM-NAME.azure-api.net/azureml-demo',
      credentials: { azureml: '', apimSubscriptionKey: '' },
      apim: { local: false },
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'The base URL of “Azure API Management” still has the placeholder YOUR-APIM-NAME: put in your own address in Settings, or the request cannot reach a server.',
      '“Azure API Management” has no AzureML API key and APIM subscription key: the service will answer 401 without them.',
    ]);
  });

  it('requires the subscription key behind API Management even where the backend alone would do', () => {
    expect(missingCredentials(rrs, schemes, { azureml: 'k' }, true).map((s) => s.id)).toEqual([
      'apimSubscriptionKey',
    ]);
    expect(missingCredentials(rrs, schemes, { azureml: 'k' }, false)).toEqual([]);
    expect(missingCredentials({ security: [] }, schemes, {}, true)).toEqual([]);
  });

  it('knows API Management from the environment’s apim block, not from an azure-api.net host', () => {
    // The local gateway: a loopback address with an apim block.
    const gateway = sendWarnings(rrs, schemes, {
      name: 'Local demo',
      baseUrl: 'http://127.0.0.1:8791/azureml-demo',
      credentials: { azureml: 'k' },
      apim: { local: true },
    });
    expect(gateway).toEqual([
      {
        kind: 'missing-credentials',
        schemes: [schemes.apimSubscriptionKey],
        apimKey: schemes.apimSubscriptionKey,
        message:
          '“Local demo” has no APIM subscription key: the service will answer 401 without it.',
      },
    ]);
    // An azure-api.net address without the block is called like any other server.
    expect(
      sendWarnings(rrs, schemes, {
        name: 'Direct',
        baseUrl: 'https://contoso.azure-api.net/ml',
        credentials: { azureml: 'k' },
      }),
    ).toEqual([]);
  });

  it('spots placeholders in base URLs', () => {
    expect(baseUrlPlaceholder('https://<account>.blob.core.windows.net')).toBe('<account>');
    expect(baseUrlPlaceholder('https://{host}/api')).toBe('{host}');
    expect(baseUrlPlaceholder('https://contoso.azure-api.net/ml')).toBeUndefined();
  });
});
