import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../util/browser-storage';
import { REMEMBERED_WALLET_KEY, TAB_WALLET_KEY, WalletStore } from './wallet-store';
import type { WalletEntry } from './subscription-wallet';

function memory(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const DEV = 'http://127.0.0.1:8791/developer';
const entry = (id: string): WalletEntry => ({
  developerUrl: DEV,
  id,
  displayName: id,
  primaryKey: `${id}-p`,
});

describe('WalletStore', () => {
  it('keeps keys in the tab only, until asked to remember them on the device', () => {
    const session = memory();
    const local = memory();
    const tab = new WalletStore(session, local);
    tab.update((w) => [...w, entry('a')]);
    expect(tab.isRemembered()).toBe(false);
    expect([...local.data.keys()]).toEqual([]);
    expect(session.data.get(TAB_WALLET_KEY)).toContain('a-p');
    // A second tab has a session of its own: it does not see them.
    expect(new WalletStore(memory(), local).getSnapshot()).toEqual([]);

    tab.setRemembered(true);
    expect(session.data.has(TAB_WALLET_KEY)).toBe(false);
    const other = new WalletStore(memory(), local);
    expect(other.isRemembered()).toBe(true);
    expect(other.getSnapshot()).toEqual([entry('a')]);
    // What either tab adds then is on the device for both.
    other.update((w) => [...w, entry('b')]);
    tab.reload();
    expect(tab.getSnapshot().map((e) => e.id)).toEqual(['a', 'b']);

    // Forgetting on the device keeps them in this tab, and nowhere else.
    tab.setRemembered(false);
    expect(local.data.has(REMEMBERED_WALLET_KEY)).toBe(false);
    expect(tab.getSnapshot().map((e) => e.id)).toEqual(['a', 'b']);
    expect(session.data.get(TAB_WALLET_KEY)).toContain('b-p');
  });

  it('joins what the tab held with what the device remembers, the tab’s entry first', () => {
    const session = memory();
    const local = memory();
    local.setItem(REMEMBERED_WALLET_KEY, JSON.stringify([entry('a'), entry('b')]));
    session.setItem(TAB_WALLET_KEY, JSON.stringify([{ ...entry('a'), primaryKey: 'newer' }]));
    expect(new WalletStore(session, local).getSnapshot()).toEqual([
      { ...entry('a'), primaryKey: 'newer' },
      entry('b'),
    ]);
  });

  it('works in memory when storage is blocked', () => {
    const store = new WalletStore(undefined, undefined);
    store.update((w) => [...w, entry('a')]);
    store.setRemembered(true);
    expect(store.getSnapshot()).toEqual([entry('a')]);
  });
});
