import { describe, expect, it } from 'vitest';
import type { SecurityScheme } from '../definition/api-model';
import { baseUrlPlaceholder, missingCredentials, sendWarnings } from './send-readiness';

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
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'The base URL of “Azure API Management” still has the placeholder YOUR-APIM-NAME: put in your own address in Settings, or the request cannot reach a server.',
      '“Azure API Management” has no AzureML API key and APIM subscription key: the service will answer 401 without them.',
    ]);
  });

  it('requires the subscription key behind an APIM gateway even where the backend alone would do', () => {
    expect(
      missingCredentials(rrs, schemes, { azureml: 'k' }, 'https://contoso.azure-api.net/ml').map(
        (s) => s.id,
      ),
    ).toEqual(['apimSubscriptionKey']);
    expect(missingCredentials(rrs, schemes, { azureml: 'k' }, 'https://ml.example.com')).toEqual(
      [],
    );
    expect(missingCredentials({ security: [] }, schemes, {}, 'https://x')).toEqual([]);
  });

  it('spots placeholders in base URLs', () => {
    expect(baseUrlPlaceholder('https://<account>.blob.core.windows.net')).toBe('<account>');
    expect(baseUrlPlaceholder('https://{host}/api')).toBe('{host}');
    expect(baseUrlPlaceholder('https://contoso.azure-api.net/ml')).toBeUndefined();
  });
});
