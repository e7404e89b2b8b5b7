import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../util/browser-storage';
import { ClientSettingsStore, effectiveSettings, tokenParameters } from './client-settings';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('effectiveSettings and tokenParameters', () => {
  it("starts from the environment's client, the user's changes win field by field", () => {
    const settings = effectiveSettings(
      {
        clientId: 'portico-demo-spa',
        confidentialClientId: 'portico-demo-service',
        scopes: ['openid', 'scores.read'],
        resource: 'api://portico-demo',
      },
      { scopes: ['openid'], prompt: 'login' },
    );
    expect(settings).toEqual({
      clientId: 'portico-demo-spa',
      confidentialClientId: 'portico-demo-service',
      scopes: ['openid'],
      resource: 'api://portico-demo',
      audience: '',
      prompt: 'login',
      showDeprecated: false,
    });
    expect(tokenParameters(settings)).toEqual({
      scopes: ['openid'],
      resource: 'api://portico-demo',
      prompt: 'login',
    });
  });
});

describe('ClientSettingsStore', () => {
  it('keeps the settings on the device but never a secret unless remembered', () => {
    const local = memoryStorage();
    const store = new ClientSettingsStore(local);
    store.setSecret('env', 'oidc', 's3cret', false);
    expect(store.secret('env', 'oidc')).toBe('s3cret');
    expect([...local.data.values()].join()).not.toContain('s3cret');
    expect(new ClientSettingsStore(local).secret('env', 'oidc')).toBe('');

    store.setSecret('env', 'oidc', 's3cret', true);
    const again = new ClientSettingsStore(local);
    expect(again.secret('env', 'oidc')).toBe('s3cret');
    expect(again.secretRemembered('env', 'oidc')).toBe(true);

    again.setSecret('env', 'oidc', 's3cret', false);
    expect([...local.data.values()].join()).not.toContain('s3cret');
  });

  it('stores the non-secret settings by environment and scheme', () => {
    const local = memoryStorage();
    const store = new ClientSettingsStore(local);
    const settings = effectiveSettings({ clientId: 'a' }, undefined);
    store.write('env', 'oidc', settings);
    expect(new ClientSettingsStore(local).read('env', 'oidc')).toEqual(settings);
    expect(store.read('other', 'oidc')).toBeUndefined();
  });
});
