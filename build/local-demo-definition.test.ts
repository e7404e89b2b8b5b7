import { describe, expect, it } from 'vitest';
import { withRunningDemoServer, withRunningOidcProvider } from './local-demo-definition.ts';

describe('withRunningDemoServer', () => {
  const definition = JSON.stringify({
    openapi: '3.0.3',
    servers: [
      { url: 'http://127.0.0.1:8790', description: 'Local demo stack (npm start)' },
      { url: 'https://{apimName}.azure-api.net/azureml-demo', variables: {} },
    ],
    paths: {},
  });

  it("points the definition's local demo server at the emulator that runs, and only that one", () => {
    const served = JSON.parse(withRunningDemoServer(definition, 'http://127.0.0.1:18790/')) as {
      servers: Array<{ url: string; description?: string }>;
    };
    expect(served.servers).toEqual([
      { url: 'http://127.0.0.1:18790', description: 'Local demo stack (npm start)' },
      { url: 'https://{apimName}.azure-api.net/azureml-demo', variables: {} },
    ]);
  });

  it('leaves a definition without that server as it was', () => {
    const other = JSON.stringify({ openapi: '3.0.3', servers: [{ url: 'https://a.test' }] });
    expect(withRunningDemoServer(other, 'http://127.0.0.1:18790')).toBe(other);
  });
});

describe('withRunningOidcProvider', () => {
  const definition = JSON.stringify({
    openapi: '3.0.3',
    paths: {},
    components: {
      securitySchemes: {
        portico_oidc: {
          type: 'openIdConnect',
          openIdConnectUrl: 'http://127.0.0.1:8792/.well-known/openid-configuration',
        },
        entra: {
          type: 'openIdConnect',
          openIdConnectUrl:
            'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
        },
      },
    },
  });

  it("points the demo provider's scheme at the provider that runs, and only that one", () => {
    const served = JSON.parse(withRunningOidcProvider(definition, 'http://127.0.0.1:18792/')) as {
      components: { securitySchemes: Record<string, { openIdConnectUrl: string }> };
    };
    expect(served.components.securitySchemes.portico_oidc?.openIdConnectUrl).toBe(
      'http://127.0.0.1:18792/.well-known/openid-configuration',
    );
    expect(served.components.securitySchemes.entra?.openIdConnectUrl).toBe(
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    );
  });

  it('leaves a definition without that scheme as it was', () => {
    const other = JSON.stringify({ openapi: '3.0.3', paths: {} });
    expect(withRunningOidcProvider(other, 'http://127.0.0.1:18792')).toBe(other);
  });
});
