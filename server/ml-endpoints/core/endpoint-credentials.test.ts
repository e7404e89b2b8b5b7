import { describe, expect, it } from 'vitest';
import { EndpointCredentials, MemoryCredentialStore } from './endpoint-credentials';

async function open(options: { clock?: () => number; ttl?: number } = {}) {
  const store = new MemoryCredentialStore();
  const credentials = await EndpointCredentials.open({
    endpoint: 'portico-hashing',
    store,
    initialPrimaryKey: 'first-primary-key',
    tokenTtlSeconds: options.ttl ?? 3600,
    clock: options.clock,
  });
  return { store, credentials };
}

describe('EndpointCredentials', () => {
  it('starts with the configured primary key and a generated secondary, stored', async () => {
    const { store, credentials } = await open();
    const keys = credentials.keys();
    expect(keys.primaryKey).toBe('first-primary-key');
    expect(keys.secondaryKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(store.rows.get('portico-hashing')).toMatchObject(keys);
    expect(credentials.check('Bearer first-primary-key')).toBe('key');
    expect(credentials.check(`Bearer ${keys.secondaryKey}`)).toBe('key');
    expect(credentials.check('first-primary-key')).toBe('refused');
    expect(credentials.check(undefined)).toBe('refused');
  });

  it('keeps the stored keys on a second open (a restart), whatever the variable says now', async () => {
    const { store, credentials } = await open();
    await credentials.regenerate('Primary');
    const again = await EndpointCredentials.open({
      endpoint: 'portico-hashing',
      store,
      initialPrimaryKey: 'first-primary-key',
    });
    expect(again.keys()).toEqual(credentials.keys());
    expect(again.keys().primaryKey).not.toBe('first-primary-key');
  });

  it('rotates one key at a time: the old one fails at once, the other still works', async () => {
    const { credentials } = await open();
    const before = credentials.keys();
    const after = await credentials.regenerate('Secondary', 'a-chosen-secondary-key');
    expect(after).toEqual({
      primaryKey: before.primaryKey,
      secondaryKey: 'a-chosen-secondary-key',
    });
    expect(credentials.check(`Bearer ${before.secondaryKey}`)).toBe('refused');
    expect(credentials.check('Bearer a-chosen-secondary-key')).toBe('key');
    expect(credentials.check(`Bearer ${before.primaryKey}`)).toBe('key');
  });

  it('issues aml_tokens in Unix seconds that expire, and refuses one signed elsewhere', async () => {
    let now = Date.UTC(2026, 11, 7, 0, 0, 0);
    const { credentials } = await open({ clock: () => now, ttl: 600 });
    const token = credentials.issueToken();
    expect(token).toMatchObject({
      tokenType: 'Bearer',
      expiryTimeUtc: now / 1000 + 600,
      refreshAfterTimeUtc: now / 1000 + 300,
    });
    expect(credentials.check(`Bearer ${token.accessToken}`)).toBe('token');
    now += 599_000;
    expect(credentials.check(`Bearer ${token.accessToken}`)).toBe('token');
    now += 1_000;
    expect(credentials.check(`Bearer ${token.accessToken}`)).toBe('expired');

    const other = (await open({ clock: () => now })).credentials.issueToken();
    expect(credentials.check(`Bearer ${other.accessToken}`)).toBe('refused');
    const [header, , signature] = token.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ aud: 'portico-hashing', exp: now / 1000 + 9999 }),
    ).toString('base64url');
    expect(credentials.check(`Bearer ${header}.${forged}.${signature}`)).toBe('refused');
  });
});
