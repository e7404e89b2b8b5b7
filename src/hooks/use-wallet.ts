import { useSyncExternalStore } from 'react';
import type { Wallet } from '../core/apim/subscription-wallet';
import { REMEMBERED_WALLET_KEY, WalletStore } from '../core/apim/wallet-store';
import { browserStorage } from '../core/util/browser-storage';

let store: WalletStore | undefined;

/** The one wallet of this page (created on first use, kept in step with other tabs). */
function walletStore(): WalletStore {
  if (!store) {
    const created = new WalletStore(browserStorage('session'), browserStorage('local'));
    window.addEventListener('storage', (event) => {
      if (event.key === REMEMBERED_WALLET_KEY || event.key === null) created.reload();
    });
    store = created;
  }
  return store;
}

export function updateWallet(update: (wallet: Wallet) => Wallet): void {
  walletStore().update(update);
}

export function setWalletRemembered(on: boolean): void {
  walletStore().setRemembered(on);
}

/** The subscriptions this portal holds keys for (see core WalletStore). */
export function useWallet(): Wallet {
  const wallet = walletStore();
  return useSyncExternalStore(wallet.subscribe, wallet.getSnapshot);
}

/** Whether the keys are remembered on this device rather than in this tab only. */
export function useWalletRemembered(): boolean {
  const wallet = walletStore();
  return useSyncExternalStore(wallet.subscribe, wallet.isRemembered);
}
