import { describe, expect, it } from 'vitest';
import { normalizeDefinition } from '../definition/normalize-definition';
import { offeredFlows, schemeFlows, type ProviderMetadata } from './scheme-flows';

const swagger2 = (flow: Record<string, unknown>) =>
  normalizeDefinition(
    {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {},
      securityDefinitions: { auth: { type: 'oauth2', ...flow } },
    },
    { id: 'a' },
  ).securitySchemes.auth;

describe('schemeFlows: OpenAPI 3 oauth2', () => {
  const def = normalizeDefinition(
    {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        securitySchemes: {
          auth: {
            type: 'oauth2',
            flows: {
              implicit: {
                authorizationUrl: 'https://id.example/authorize',
                scopes: { read: 'Read' },
              },
              clientCredentials: { tokenUrl: '/token', scopes: {} },
              authorizationCode: {
                authorizationUrl: 'https://id.example/authorize',
                tokenUrl: 'https://id.example/token',
                scopes: { read: 'Read', write: 'Write' },
              },
            },
          },
        },
      },
    },
    { id: 'a' },
  );
  const scheme = def.securitySchemes.auth!;

  it('lists every flow, code first, relative URLs resolved against the definition', () => {
    expect(schemeFlows(scheme, undefined, 'https://api.example/openapi.json')).toEqual([
      {
        kind: 'authorizationCode',
        authorizationUrl: 'https://id.example/authorize',
        tokenUrl: 'https://id.example/token',
        scopes: { read: 'Read', write: 'Write' },
        deprecated: false,
      },
      {
        kind: 'clientCredentials',
        tokenUrl: 'https://api.example/token',
        scopes: {},
        deprecated: false,
      },
      {
        kind: 'implicit',
        authorizationUrl: 'https://id.example/authorize',
        scopes: { read: 'Read' },
        deprecated: true,
      },
    ]);
  });

  it('hides implicit and password unless the user opts in', () => {
    const flows = schemeFlows(scheme);
    expect(offeredFlows(flows, false).map((f) => f.kind)).toEqual([
      'authorizationCode',
      'clientCredentials',
    ]);
    expect(offeredFlows(flows, true).map((f) => f.kind)).toContain('implicit');
  });
});

describe('schemeFlows: Swagger 2.0 flows map onto OpenAPI 3 names', () => {
  it.each([
    ['accessCode', 'authorizationCode', false],
    ['application', 'clientCredentials', false],
    ['implicit', 'implicit', true],
    ['password', 'password', true],
  ] as const)('%s is %s', (flow, kind, deprecated) => {
    const scheme = swagger2({
      flow,
      authorizationUrl: 'https://id.example/authorize',
      tokenUrl: 'https://id.example/token',
      scopes: { 'scores.read': 'Read scores' },
    });
    expect(schemeFlows(scheme!)).toEqual([
      expect.objectContaining({ kind, deprecated, scopes: { 'scores.read': 'Read scores' } }),
    ]);
  });

  it('an unknown flow name gives no flow', () => {
    expect(schemeFlows(swagger2({ flow: 'magic', tokenUrl: 'https://x/t' })!)).toEqual([]);
  });
});

describe('schemeFlows: openIdConnect reads discovery', () => {
  const scheme = normalizeDefinition(
    {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        securitySchemes: {
          oidc: {
            type: 'openIdConnect',
            openIdConnectUrl: 'http://127.0.0.1:8792/.well-known/openid-configuration',
          },
        },
      },
    },
    { id: 'a' },
  ).securitySchemes.oidc!;
  const discovery: ProviderMetadata = {
    issuer: 'http://127.0.0.1:8792',
    authorization_endpoint: 'http://127.0.0.1:8792/auth',
    token_endpoint: 'http://127.0.0.1:8792/token',
    device_authorization_endpoint: 'http://127.0.0.1:8792/device/auth',
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    scopes_supported: ['openid', 'offline_access'],
  };

  it('keeps the discovery URL and knows no flow before discovery', () => {
    expect(scheme).toEqual({
      id: 'oidc',
      type: 'openIdConnect',
      openIdConnectUrl: 'http://127.0.0.1:8792/.well-known/openid-configuration',
    });
    expect(schemeFlows(scheme)).toEqual([]);
  });

  it('offers the grants discovery lists, device code where its endpoint is offered', () => {
    expect(schemeFlows(scheme, discovery)).toEqual([
      {
        kind: 'authorizationCode',
        authorizationUrl: 'http://127.0.0.1:8792/auth',
        tokenUrl: 'http://127.0.0.1:8792/token',
        scopes: { openid: '', offline_access: '' },
        deprecated: false,
      },
      {
        kind: 'clientCredentials',
        tokenUrl: 'http://127.0.0.1:8792/token',
        scopes: { openid: '', offline_access: '' },
        deprecated: false,
      },
      {
        kind: 'deviceCode',
        authorizationUrl: 'http://127.0.0.1:8792/auth',
        tokenUrl: 'http://127.0.0.1:8792/token',
        deviceAuthorizationUrl: 'http://127.0.0.1:8792/device/auth',
        scopes: { openid: '', offline_access: '' },
        deprecated: false,
      },
    ]);
    const { device_authorization_endpoint: _, ...noDevice } = discovery;
    expect(schemeFlows(scheme, noDevice).map((f) => f.kind)).not.toContain('deviceCode');
  });

  it('without grant_types_supported assumes code and implicit, as OpenID Connect Discovery says', () => {
    const { grant_types_supported: _, ...rest } = discovery;
    expect(schemeFlows(scheme, rest).map((f) => [f.kind, f.deprecated])).toEqual([
      ['authorizationCode', false],
      ['deviceCode', false],
      ['implicit', true],
    ]);
  });
});
