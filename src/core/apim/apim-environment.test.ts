import { describe, expect, it } from 'vitest';
import { parseApimEnvironment } from './apim-environment';

const fail = (field: string, problem: string): never => {
  throw new Error(`${field} ${problem}`);
};

describe('parseApimEnvironment', () => {
  it('reads the local gateway block, trailing slashes trimmed', () => {
    expect(
      parseApimEnvironment(
        {
          local: true,
          developerUrl: 'http://127.0.0.1:8791/developer/',
          managementUrl: 'http://127.0.0.1:8791/management',
          subscriptionId: 'demo-starter',
        },
        'environments[0].apim',
        fail,
      ),
    ).toEqual({
      local: true,
      developerUrl: 'http://127.0.0.1:8791/developer',
      managementUrl: 'http://127.0.0.1:8791/management',
      subscriptionId: 'demo-starter',
    });
  });

  it('reads a real APIM block with only its developer portal', () => {
    expect(
      parseApimEnvironment(
        { developerPortalUrl: 'https://contoso.developer.azure-api.net' },
        'apim',
        fail,
      ),
    ).toEqual({ local: false, developerPortalUrl: 'https://contoso.developer.azure-api.net' });
  });

  it('names the field that is wrong', () => {
    expect(() => parseApimEnvironment('yes', 'e.apim', fail)).toThrow('e.apim must be an object');
    expect(() => parseApimEnvironment({ local: 'true' }, 'e.apim', fail)).toThrow(
      'e.apim.local must be true or false',
    );
    expect(() => parseApimEnvironment({ local: true }, 'e.apim', fail)).toThrow(
      'e.apim.developerUrl is required for the local gateway',
    );
    expect(() =>
      parseApimEnvironment(
        { developerPortalUrl: 'contoso.developer.azure-api.net' },
        'e.apim',
        fail,
      ),
    ).toThrow(
      'e.apim.developerPortalUrl is not usable: "contoso.developer.azure-api.net" is not an absolute URL',
    );
    expect(() => parseApimEnvironment({ subscriptionId: 3 }, 'e.apim', fail)).toThrow(
      'e.apim.subscriptionId must be a non-empty string',
    );
  });
});
