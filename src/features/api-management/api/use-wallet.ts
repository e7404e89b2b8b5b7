import { useSyncExternalStore } from 'react';
import { parseWallet, type Wallet } from '../../../core/apim/subscription-wallet';

// Keys are credentials: like the environments' keys they stay in this tab (sessionStorage).
const STORAGE_KEY = 'portico.apim-subscriptions.v1';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

let snapshot: Wallet | undefined;
const listeners = new Set<() => void>();

function read(): Wallet {
  snapshot ??= parseWallet(storage()?.getItem(STORAGE_KEY) ?? null);
  return snapshot;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateWallet(update: (wallet: Wallet) => Wallet): void {
  snapshot = update(read());
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(snapshot));
  } catch {
    // A full or blocked storage keeps the wallet in memory for this page.
  }
  for (const l of listeners) l();
}

/** The subscriptions this tab holds keys for (see core subscription-wallet). */
export function useWallet(): Wallet {
  return useSyncExternalStore(subscribe, read);
}
