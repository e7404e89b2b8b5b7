import { describe, expect, it } from 'vitest';
import { oauthClientsQuery, oauthDiscoveryQuery } from './oauth-queries';

describe('oauth query keys', () => {
  it('hold environment ids and discovery URLs, never a token', () => {
    expect(oauthClientsQuery('local-demo').queryKey).toEqual(['oauth', 'clients', 'local-demo']);
    expect(
      oauthDiscoveryQuery('http://127.0.0.1:8792/.well-known/openid-configuration').queryKey,
    ).toEqual(['oauth', 'discovery', 'http://127.0.0.1:8792/.well-known/openid-configuration']);
  });
});
