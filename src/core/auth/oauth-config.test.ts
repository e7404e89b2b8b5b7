import { describe, expect, it } from 'vitest';
import { environmentOAuth, parseOAuthConfig } from './oauth-config';

const fail = (field: string, problem: string): never => {
  throw new Error(`"${field}" ${problem}`);
};
const parse = (raw: unknown) => parseOAuthConfig(raw, 'environments[0].oauth', fail);

describe('parseOAuthConfig', () => {
  it("reads the demo's block", () => {
    expect(
      parse({
        portico_oidc: {
          clientId: 'portico-demo-spa',
          confidentialClientId: 'portico-demo-service',
          scopes: ['openid', 'offline_access', 'scores.read'],
          resource: 'api://portico-demo',
        },
      }),
    ).toEqual({
      portico_oidc: {
        clientId: 'portico-demo-spa',
        confidentialClientId: 'portico-demo-service',
        scopes: ['openid', 'offline_access', 'scores.read'],
        resource: 'api://portico-demo',
      },
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parse([])).toThrow('"environments[0].oauth" must map security scheme ids');
    expect(() => parse({ s: 'x' })).toThrow('"environments[0].oauth.s" must be an object');
    expect(() => parse({ s: { clientId: '' } })).toThrow(
      '"environments[0].oauth.s.clientId" must be a non-empty string',
    );
    expect(() => parse({ s: { scopes: 'openid profile' } })).toThrow(
      '"environments[0].oauth.s.scopes" must be a list of scope names without spaces',
    );
    expect(() => parse({ s: { prompt: 'always' } })).toThrow(
      '"environments[0].oauth.s.prompt" must be one of none, login',
    );
    expect(() => parse({ s: { clientID: 'x' } })).toThrow(
      '"environments[0].oauth.s.clientID" is not a setting Portico knows',
    );
  });

  it('refuses a client secret in the config', () => {
    expect(() => parse({ s: { clientId: 'c', clientSecret: 'x' } })).toThrow(
      '"environments[0].oauth.s.clientSecret" must not be in the config: every visitor can read it',
    );
  });
});

describe('environmentOAuth', () => {
  it("finds the environment's block in the config, or none", () => {
    const config = {
      environments: [
        { id: 'direct' },
        { id: 'local-demo', oauth: { portico_oidc: { clientId: 'portico-demo-spa' } } },
      ],
    };
    expect(environmentOAuth(config, 'local-demo')).toEqual({
      clients: { portico_oidc: { clientId: 'portico-demo-spa' } },
    });
    expect(environmentOAuth(config, 'direct')).toEqual({ clients: {} });
    expect(environmentOAuth(config, 'custom-1')).toEqual({ clients: {} });
    expect(environmentOAuth(null, 'local-demo')).toEqual({ clients: {} });
  });

  it('names the file and the field when the block is wrong', () => {
    expect(
      environmentOAuth(
        { environments: [{ id: 'a' }, { id: 'b' }, { id: 'c', oauth: { s: { scopes: [1] } } }] },
        'c',
      ),
    ).toEqual({
      clients: {},
      problem:
        'portico.config.json: "environments[2].oauth.s.scopes" must be a list of scope names without spaces',
    });
  });
});
