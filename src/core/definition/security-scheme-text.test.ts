import { describe, expect, it } from 'vitest';
import type { ApiDefinition, ApiOperation, SecurityScheme } from './api-model';
import { operationSchemes, schemeHint, schemeLabel } from './security-scheme-text';

const apiKey: SecurityScheme = { id: 'key', type: 'apiKey', in: 'header', name: 'api-key' };
const bearer: SecurityScheme = { id: 'bearer', type: 'http', scheme: 'bearer' };
const basic: SecurityScheme = { id: 'basic', type: 'http', scheme: 'Basic' };
const oauth: SecurityScheme = { id: 'oauth', type: 'oauth2' };

describe('operationSchemes', () => {
  it('lists each known scheme once, in requirement order, skipping unknown ids', () => {
    const api = { securitySchemes: { key: apiKey, bearer } } as unknown as ApiDefinition;
    const operation = {
      security: [['bearer'], ['key', 'bearer'], ['missing']],
    } as unknown as ApiOperation;
    expect(operationSchemes(api, operation)).toEqual([bearer, apiKey]);
  });
});

describe('schemeLabel', () => {
  it('prefers the description, then the key name, then the http scheme, then the id', () => {
    expect(schemeLabel({ ...apiKey, description: 'API key' })).toBe('API key');
    expect(schemeLabel(apiKey)).toBe('api-key');
    expect(schemeLabel(bearer)).toBe('Bearer token');
    expect(schemeLabel(basic)).toBe('Credentials');
    expect(schemeLabel(oauth)).toBe('oauth');
  });
});

describe('schemeHint', () => {
  it('says where the credential is sent', () => {
    expect(schemeHint(bearer)).toBe('Sent as Authorization: Bearer <key>');
    expect(schemeHint(basic)).toBe('Sent as Authorization: Basic (user:password)');
    expect(schemeHint(apiKey)).toBe('Sent in the header api-key');
    expect(schemeHint(oauth)).toBe('');
  });
});
