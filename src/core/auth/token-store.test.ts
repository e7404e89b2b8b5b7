import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../util/browser-storage';
import { SignedInTokens, type HeldToken } from './token-store';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const token = (accessToken: string): HeldToken => ({
  accessToken,
  tokenType: 'bearer',
  expiresAt: 1_000,
  refreshToken: `refresh-${accessToken}`,
  flow: 'authorizationCode',
  obtainedAt: 0,
});

describe('SignedInTokens', () => {
  it('keeps tokens in memory only unless the user chose to keep them for the tab', () => {
    const session = memoryStorage();
    const store = new SignedInTokens(session);
    store.set('local-demo', 'oidc', token('t1'), false);
    expect(store.get('local-demo', 'oidc')?.accessToken).toBe('t1');
    expect(session.data.size).toBe(0);
    expect(new SignedInTokens(session).get('local-demo', 'oidc')).toBeUndefined();

    store.keepInTab('local-demo', 'oidc', true);
    expect([...session.data.keys()]).toEqual(['portico.signin.v1']);
    const reloaded = new SignedInTokens(session);
    expect(reloaded.get('local-demo', 'oidc')).toEqual(token('t1'));
    expect(reloaded.keptInTab('local-demo', 'oidc')).toBe(true);

    store.keepInTab('local-demo', 'oidc', false);
    expect(session.data.size).toBe(0);
  });

  it('gives each environment its own tokens, by scheme', () => {
    const store = new SignedInTokens(undefined);
    store.set('a', 'oidc', token('ta'), false);
    store.set('b', 'oidc', token('tb'), false);
    store.set('a', 'other', token('tc'), false);
    expect(store.accessTokens('a')).toEqual({ oidc: 'ta', other: 'tc' });
    expect(store.accessTokens('b')).toEqual({ oidc: 'tb' });
  });

  it('sign-out clears the token from memory and the tab, and tells listeners', () => {
    const session = memoryStorage();
    const store = new SignedInTokens(session);
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.set('a', 'oidc', token('t'), true);
    const before = store.getVersion();
    store.clear('a', 'oidc');
    expect(store.get('a', 'oidc')).toBeUndefined();
    expect(session.data.size).toBe(0);
    expect(store.getVersion()).toBe(before + 1);
    expect(calls).toBe(2);
  });

  it('ignores a stored entry it cannot read', () => {
    const session = memoryStorage();
    session.setItem('portico.signin.v1', '{"a\\noidc":{"accessToken":1}}');
    expect(new SignedInTokens(session).accessTokens('a')).toEqual({});
    session.setItem('portico.signin.v1', 'not json');
    expect(new SignedInTokens(session).accessTokens('a')).toEqual({});
  });
});
