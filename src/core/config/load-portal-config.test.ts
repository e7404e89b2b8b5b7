import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateBaseUrl } from './environment-validation';
import { loadPortalConfig, parsePortalConfig, PortalConfigError } from './load-portal-config';

const shipped = readFileSync(
  new URL('../../../public/portico.config.json', import.meta.url),
  'utf8',
);
const demo = readFileSync(new URL('../../../demo/portico.config.json', import.meta.url), 'utf8');

const respond =
  (body: string, init: ResponseInit = {}): typeof fetch =>
  async () =>
    new Response(body, { headers: { 'content-type': 'application/json' }, ...init });

describe('loadPortalConfig', () => {
  it('ships a configuration with no keys and no local demo (public/, copied into the build)', async () => {
    const config = await loadPortalConfig(
      'https://portal.example/portico.config.json',
      respond(shipped),
    );
    expect(config.apis.map((a) => [a.id, a.url, a.environments])).toEqual([
      ['azureml-demo', 'apis/azureml-demo.openapi.json', ['apim', 'classic-direct']],
      // The ids of the APIs the demo gateway publishes them as: one entry each in the catalog.
      ['hashing-endpoint', 'apis/portico-hashing.openapi.json', ['hashing-apim', 'hashing-azure']],
      [
        'assistant-endpoint',
        'apis/portico-assistant.openapi.json',
        ['assistant-apim', 'assistant-azure'],
      ],
    ]);
    expect(config.environments.map((e) => [e.id, e.baseUrl, e.credentials])).toEqual([
      [
        'apim',
        'https://YOUR-APIM-NAME.azure-api.net/azureml-demo',
        { azureml: '', apimSubscriptionKey: '' },
      ],
      ['classic-direct', 'https://ussouthcentral.services.azureml.net', { azureml: '' }],
      [
        'hashing-apim',
        'https://YOUR-APIM-NAME.azure-api.net/hashing-endpoint',
        { apimSubscriptionKey: '' },
      ],
      [
        'hashing-azure',
        'https://YOUR-ENDPOINT.YOUR-REGION.inference.ml.azure.com',
        { azureml: '' },
      ],
      [
        'assistant-apim',
        'https://YOUR-APIM-NAME.azure-api.net/assistant-endpoint',
        { apimSubscriptionKey: '' },
      ],
      [
        'assistant-azure',
        'https://YOUR-ENDPOINT.YOUR-REGION.inference.ml.azure.com',
        { azureml: '' },
      ],
    ]);
    // The classic service's region host is offered only as what it is (retired-service.ts).
    expect(config.environments[1]?.name).toBe(
      'Azure ML Studio (classic) web service, direct (retired)',
    );
    expect(config.defaultEnvironment).toBe('apim');
    expect(shipped).not.toMatch(/127\.0\.0\.1|localhost|portico-demo-key|sasEndpoint/);
  });

  it('reads the demo configuration the dev and preview servers serve with the demo stack', async () => {
    const config = await loadPortalConfig(
      'https://portal.example/portico.config.json',
      respond(demo),
    );
    expect(config.environments.slice(0, 3).map((e) => [e.id, e.baseUrl, e.builtIn])).toEqual([
      ['local-demo', 'http://127.0.0.1:8791/azureml-demo', true],
      ['demo-direct', 'http://127.0.0.1:8790', true],
      ['apim', 'https://YOUR-APIM-NAME.azure-api.net/azureml-demo', true],
    ]);
    // The online endpoints: through the gateway with the Starter key only (the gateway adds the
    // endpoint's key), and directly with the endpoint's own key.
    const byId = (id: string) => config.environments.find((e) => e.id === id);
    expect(config.apis.find((a) => a.id === 'hashing-endpoint')?.environments).toEqual([
      'hashing-local-demo',
      'hashing-direct',
      'hashing-apim',
      'hashing-azure',
    ]);
    expect(byId('hashing-local-demo')).toMatchObject({
      name: 'Local demo',
      baseUrl: 'http://127.0.0.1:8791/hashing-endpoint',
      credentials: { apimSubscriptionKey: 'portico-starter-key' },
    });
    expect(byId('hashing-direct')).toMatchObject({
      name: 'Local endpoint, direct',
      baseUrl: 'http://127.0.0.1:8793',
      credentials: { azureml: 'portico-endpoint-key' },
    });
    expect(byId('assistant-local-demo')?.baseUrl).toBe('http://127.0.0.1:8791/assistant-endpoint');
    expect(byId('assistant-direct')).toMatchObject({
      baseUrl: 'http://127.0.0.1:8795',
      credentials: { azureml: 'portico-assistant-key' },
    });
    // The default goes through the local gateway with the Starter key; batch jobs get their
    // demo SAS from the service itself, since the gateway publishes only the API's operations.
    expect(config.environments[0]?.credentials.apimSubscriptionKey).toBe('portico-starter-key');
    expect(config.environments[0]?.apim).toEqual({
      local: true,
      developerUrl: 'http://127.0.0.1:8791/developer',
      managementUrl: 'http://127.0.0.1:8791/management',
      subscriptionId: 'demo-starter',
    });
    // The stack's storage and the sample it uploads at start (server/stack/sample-input.ts).
    const sample = {
      input: 'portico-uploads/samples/tutorial-reviews.csv',
      output: 'portico-uploads/samples/tutorial-reviews-hashed.csv',
    };
    expect(config.environments[0]?.storage).toEqual({
      sasEndpoint: 'http://127.0.0.1:8790/demo/storage/sas',
      blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      sample,
    });
    expect(config.environments[1]?.storage).toEqual({
      sasEndpoint: '/demo/storage/sas',
      blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      sample,
    });
    expect(config.environments[2]?.apim).toEqual({
      local: false,
      developerPortalUrl: 'https://YOUR-APIM-NAME.developer.azure-api.net',
    });
    expect(config.defaultEnvironment).toBe('local-demo');
    // The gateway's published APIs are listed too, each called through its own suffix with the
    // Local demo's keys; the demo API keeps its own entry (and its own definition).
    expect(config.apiSource).toEqual({
      kind: 'apim',
      managementUrl: 'http://127.0.0.1:8791/management',
      gatewayUrl: 'http://127.0.0.1:8791',
      environmentTemplate: 'local-demo',
    });
  });

  it('says what is wrong with a missing or broken file', async () => {
    const fail = (fetchImpl: typeof fetch) =>
      loadPortalConfig('https://portal.example/portico.config.json', fetchImpl).catch(
        (e: unknown) => e,
      );
    const missing = await fail(
      respond('not found', { status: 404, headers: { 'content-type': 'text/plain' } }),
    );
    expect(missing).toBeInstanceOf(PortalConfigError);
    expect((missing as Error).message).toBe(
      'Could not fetch the portal configuration from https://portal.example/portico.config.json: HTTP 404',
    );
    const broken = await fail(respond('{"apis": [}'));
    expect((broken as Error).message).toMatch(/^portico\.config\.json is not valid JSON/);
  });
});

describe('parsePortalConfig', () => {
  const valid = () => JSON.parse(shipped) as Record<string, unknown>;
  const apimSource = {
    kind: 'apim',
    managementUrl:
      'https://management.azure.com/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso',
    gatewayUrl: 'https://contoso.azure-api.net',
    environmentTemplate: 'apim',
  };
  const message = (json: unknown): string => {
    try {
      parsePortalConfig(json);
    } catch (error) {
      expect(error).toBeInstanceOf(PortalConfigError);
      return (error as Error).message;
    }
    throw new Error('expected an error');
  };

  it.each([
    [() => [], 'portico.config.json: "(root)" must be a JSON object'],
    [
      () => ({ ...valid(), apis: 'x' }),
      'portico.config.json: "apis" must be a list of { "id", "title", "url" }',
    ],
    [
      () => ({ ...valid(), apis: [{ id: 'a', title: 'A' }] }),
      'portico.config.json: "apis[0].url" must be a non-empty string',
    ],
    [
      () => ({ ...valid(), apis: [{ id: 'a b', title: 'A', url: 'x' }] }),
      'portico.config.json: "apis[0].id" may only contain letters, digits, "-" and "_"',
    ],
    [
      () => ({ ...valid(), environments: [{ id: 'e', name: 'E', baseUrl: 'ftp://x' }] }),
      'portico.config.json: "environments[0].baseUrl" is not usable: The base URL must start with https:// or http://, not ftp://',
    ],
    [
      () => ({
        ...valid(),
        environments: [{ id: 'e', name: 'E', baseUrl: 'http://x', credentials: { a: 1 } }],
      }),
      'portico.config.json: "environments[0].credentials.a" must be a string',
    ],
    [
      () => ({
        ...valid(),
        environments: [
          { id: 'e', baseUrl: 'http://x', storage: { sasEndpoint: '/s', blobEndpoint: 'x' } },
        ],
      }),
      'portico.config.json: "environments[0].storage.blobEndpoint" must be an http(s) URL',
    ],
    [
      () => ({
        ...valid(),
        environments: [
          {
            id: 'e',
            baseUrl: 'http://x',
            storage: { sasEndpoint: '/s', sample: { input: 'in.csv', output: 'c/out.csv' } },
          },
        ],
      }),
      'portico.config.json: "environments[0].storage.sample.input" must be "container/blob name"',
    ],
    [
      () => ({ ...valid(), apiSource: { kind: 'azure', managementUrl: 'x' } }),
      'portico.config.json: "apiSource.kind" must be "apim" (the only source there is)',
    ],
    [
      () => ({ ...valid(), apiSource: { kind: 'apim', managementUrl: 'management.azure.com' } }),
      'portico.config.json: "apiSource.managementUrl" is not usable: "management.azure.com" is not an absolute URL: start it with https:// or http://',
    ],
    [
      () => ({ ...valid(), apiSource: { ...apimSource, environmentTemplate: 'nope' } }),
      'portico.config.json: "apiSource.environmentTemplate" names "nope", which is not one of the environments\' ids',
    ],
    [
      () => ({ ...valid(), apiSource: { ...apimSource, demoAdminKey: 'k' } }),
      'portico.config.json: "apiSource.demoAdminKey" is for the local demo gateway only: Azure Resource Manager takes a token the user pastes',
    ],
    [
      () => ({ ...valid(), defaultEnvironment: 'nope' }),
      'portico.config.json: "defaultEnvironment" names "nope", which is not one of the environments\' ids',
    ],
  ])('rejects %#', (make, expected) => {
    expect(message(make())).toBe(expected);
  });

  it('takes an API Management source beside the APIs it lists, or in their place', () => {
    const { apis: _listed, ...rest } = valid();
    const config = parsePortalConfig({
      ...rest,
      apiSource: { ...apimSource, gatewayUrl: 'https://contoso.azure-api.net/' },
    });
    expect(config.apis).toEqual([]);
    expect(config.apiSource).toEqual({
      kind: 'apim',
      managementUrl: apimSource.managementUrl,
      gatewayUrl: 'https://contoso.azure-api.net',
      environmentTemplate: 'apim',
    });
  });
});

describe('validateBaseUrl', () => {
  it.each([
    ['http://127.0.0.1:8790', null],
    ['https://x.azure-api.net/azureml-demo/', null],
    ['', 'Enter a base URL, e.g. https://myapi.azure-api.net/azureml-demo'],
    [
      '127.0.0.1:8790',
      '"127.0.0.1:8790" is not an absolute URL: start it with https:// or http://',
    ],
    [
      'x.azure-api.net/azureml-demo',
      '"x.azure-api.net/azureml-demo" is not an absolute URL: start it with https:// or http://',
    ],
    [
      'localhost:8790',
      '"localhost:8790" is not an absolute URL: start it with https:// or http://',
    ],
    ['ftp://files.example', 'The base URL must start with https:// or http://, not ftp://'],
    ['https://', '"https://" is not a valid URL'],
    [
      'https://user:pw@x.example',
      'Do not put credentials in the base URL: use the key fields instead',
    ],
    ['https://x.example/api?code=1', 'The base URL cannot contain a query (?) or fragment (#)'],
  ])('%j', (value, expected) => {
    expect(validateBaseUrl(value)).toBe(expected);
  });
});
