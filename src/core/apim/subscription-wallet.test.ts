import { describe, expect, it } from 'vitest';
import type { ApimSubscription } from './apim-contracts';
import {
  entryForKey,
  entryForRetiredKey,
  forgetSubscription,
  parseWallet,
  rememberSubscription,
} from './subscription-wallet';

const DEV = 'http://127.0.0.1:8791/developer';
const created: ApimSubscription = {
  id: 's1',
  displayName: 'My app',
  scope: '/products/starter',
  productId: 'starter',
  state: 'active',
  primaryKey: 'p1',
  secondaryKey: 's1-key',
};

describe('subscription wallet', () => {
  it('remembers a new subscription with its keys and finds it by either key', () => {
    const wallet = rememberSubscription([], DEV, created);
    expect(wallet).toEqual([
      {
        developerUrl: DEV,
        id: 's1',
        displayName: 'My app',
        productId: 'starter',
        primaryKey: 'p1',
        secondaryKey: 's1-key',
      },
    ]);
    expect(entryForKey(wallet, DEV, ' p1 ')?.id).toBe('s1');
    expect(entryForKey(wallet, DEV, 's1-key')?.id).toBe('s1');
    expect(entryForKey(wallet, 'http://other/developer', 'p1')).toBeUndefined();
    expect(entryForKey(wallet, DEV, '')).toBeUndefined();
  });

  it('replaces a regenerated key and keeps the other', () => {
    const wallet = rememberSubscription([], DEV, created);
    const next = rememberSubscription(wallet, DEV, { ...created, primaryKey: 'p2' });
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({
      primaryKey: 'p2',
      secondaryKey: 's1-key',
      retiredKeys: ['p1'],
    });
    expect(entryForKey(next, DEV, 'p1')).toBeUndefined();
    expect(entryForRetiredKey(next, DEV, 'p1')?.id).toBe('s1');
    expect(entryForRetiredKey(next, DEV, 'p2')).toBeUndefined();
    // Reading the same keys again retires nothing more.
    expect(
      rememberSubscription(next, DEV, { ...created, primaryKey: 'p2' })[0]?.retiredKeys,
    ).toEqual(['p1']);
  });

  it('does not add a subscription it holds no key for', () => {
    const { primaryKey: _p, secondaryKey: _s, ...withoutKeys } = created;
    expect(rememberSubscription([], DEV, withoutKeys)).toEqual([]);
  });

  it('forgets one subscription', () => {
    const wallet = rememberSubscription(rememberSubscription([], DEV, created), DEV, {
      ...created,
      id: 's2',
      primaryKey: 'x',
    });
    expect(forgetSubscription(wallet, DEV, 's1').map((e) => e.id)).toEqual(['s2']);
  });

  it('reads stored text defensively', () => {
    expect(parseWallet(null)).toEqual([]);
    expect(parseWallet('not json')).toEqual([]);
    expect(parseWallet('{"id":"s1"}')).toEqual([]);
    expect(
      parseWallet(
        JSON.stringify([{ developerUrl: DEV, id: 's1', primaryKey: 'p' }, { id: 'broken' }]),
      ),
    ).toEqual([{ developerUrl: DEV, id: 's1', displayName: 's1', primaryKey: 'p' }]);
  });
});
