import { readStored, writeStored, type StorageLike } from '../util/browser-storage';
import { parseWallet, type Wallet } from './subscription-wallet';

/** This tab's subscriptions and keys (session storage: closing the tab forgets them). */
export const TAB_WALLET_KEY = 'portico.apim-subscriptions.v1';
/** The same, remembered on this device when the user asks (local storage, every tab). */
export const REMEMBERED_WALLET_KEY = 'portico.apim-subscriptions.remembered.v1';

/** Entries of `first`, then those of `second` that `first` does not hold. */
function joinWallets(first: Wallet, second: Wallet): Wallet {
  const held = new Set(first.map((e) => `${e.developerUrl} ${e.id}`));
  return [...first, ...second.filter((e) => !held.has(`${e.developerUrl} ${e.id}`))];
}

/**
 * The subscriptions this portal holds keys for (read with useSyncExternalStore). Keys are
 * credentials, so they stay in the tab unless the user asks to remember them on this device;
 * then they live in local storage, where every tab reads them. The gateway's self-service has
 * no sign-in yet, so without a kept key the portal cannot list a subscription again.
 */
export class WalletStore {
  private snapshot: Wallet;
  private remembered: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly session: StorageLike | undefined,
    private readonly local: StorageLike | undefined,
  ) {
    this.remembered = readStored(local, REMEMBERED_WALLET_KEY) !== null;
    this.snapshot = this.read();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Wallet => this.snapshot;

  isRemembered = (): boolean => this.remembered;

  update(change: (wallet: Wallet) => Wallet): void {
    // Read first: another tab may have changed the remembered list since.
    if (this.remembered && this.local) this.snapshot = this.read();
    this.write(change(this.snapshot));
  }

  /** Moves the keys to this device's storage, or back into this tab only. */
  setRemembered(on: boolean): void {
    if (on === this.remembered) return;
    const wallet = this.snapshot;
    this.remembered = on;
    if (on) this.session?.removeItem(TAB_WALLET_KEY);
    else this.local?.removeItem(REMEMBERED_WALLET_KEY);
    this.write(wallet);
  }

  /** Another tab changed what the device remembers (a storage event). */
  reload(): void {
    this.remembered = readStored(this.local, REMEMBERED_WALLET_KEY) !== null;
    this.set(this.read());
  }

  private read(): Wallet {
    const tab = parseWallet(readStored(this.session, TAB_WALLET_KEY));
    if (!this.remembered) return tab;
    return joinWallets(tab, parseWallet(readStored(this.local, REMEMBERED_WALLET_KEY)));
  }

  private write(wallet: Wallet): void {
    const text = JSON.stringify(wallet);
    if (this.remembered) writeStored(this.local, REMEMBERED_WALLET_KEY, text);
    else writeStored(this.session, TAB_WALLET_KEY, text);
    this.set(wallet);
  }

  private set(wallet: Wallet): void {
    this.snapshot = wallet;
    for (const listener of this.listeners) listener();
  }
}
