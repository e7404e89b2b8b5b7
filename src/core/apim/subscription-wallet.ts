import type { ApimSubscription } from './apim-contracts';

/**
 * The subscriptions this browser tab subscribed to or was handed, with their keys, per local
 * gateway. The gateway's self-service has no user sign-in: holding a key is what lets the
 * portal read, show and regenerate a subscription's keys, so the keys are kept (in session
 * storage, like other credentials) next to the subscription's name and product.
 */
export interface WalletEntry {
  developerUrl: string;
  id: string;
  displayName: string;
  productId?: string;
  primaryKey: string;
  secondaryKey?: string;
  /** Keys this tab saw regenerated away: a call with one of them is refused, and this says why. */
  retiredKeys?: string[];
}

export type Wallet = WalletEntry[];

const MAX_RETIRED = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads stored text defensively: a tab's storage from another build must never crash a page. */
export function parseWallet(text: string | null): Wallet {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e: unknown): Wallet => {
    if (
      !isRecord(e) ||
      typeof e.developerUrl !== 'string' ||
      typeof e.id !== 'string' ||
      typeof e.primaryKey !== 'string'
    ) {
      return [];
    }
    return [
      {
        developerUrl: e.developerUrl,
        id: e.id,
        displayName: typeof e.displayName === 'string' ? e.displayName : e.id,
        ...(typeof e.productId === 'string' ? { productId: e.productId } : {}),
        primaryKey: e.primaryKey,
        ...(typeof e.secondaryKey === 'string' ? { secondaryKey: e.secondaryKey } : {}),
        ...(Array.isArray(e.retiredKeys)
          ? { retiredKeys: e.retiredKeys.filter((k): k is string => typeof k === 'string') }
          : {}),
      },
    ];
  });
}

/**
 * Adds or refreshes a subscription from a contract that carries its keys; a contract without
 * keys only refreshes the name and product of an entry that is already there.
 */
export function rememberSubscription(
  wallet: Wallet,
  developerUrl: string,
  subscription: ApimSubscription,
): Wallet {
  const existing = wallet.find((e) => e.developerUrl === developerUrl && e.id === subscription.id);
  const primaryKey = subscription.primaryKey ?? existing?.primaryKey;
  if (primaryKey === undefined) return wallet;
  const secondaryKey = subscription.secondaryKey ?? existing?.secondaryKey;
  const current = new Set([primaryKey, secondaryKey]);
  const retiredKeys = [
    ...(existing?.retiredKeys ?? []),
    ...[existing?.primaryKey, existing?.secondaryKey].filter(
      (k): k is string => k !== undefined && !current.has(k),
    ),
  ].slice(-MAX_RETIRED);
  const entry: WalletEntry = {
    developerUrl,
    id: subscription.id,
    displayName: subscription.displayName,
    ...(subscription.productId ? { productId: subscription.productId } : {}),
    primaryKey,
    ...(secondaryKey !== undefined ? { secondaryKey } : {}),
    ...(retiredKeys.length > 0 ? { retiredKeys } : {}),
  };
  return existing ? wallet.map((e) => (e === existing ? entry : e)) : [...wallet, entry];
}

export function forgetSubscription(wallet: Wallet, developerUrl: string, id: string): Wallet {
  return wallet.filter((e) => !(e.developerUrl === developerUrl && e.id === id));
}

/** The entry one of whose keys is `key`, on that gateway. */
export function entryForKey(
  wallet: Wallet,
  developerUrl: string,
  key: string,
): WalletEntry | undefined {
  const k = key.trim();
  if (k === '') return undefined;
  return wallet.find(
    (e) => e.developerUrl === developerUrl && (e.primaryKey === k || e.secondaryKey === k),
  );
}

/** The entry that `key` used to belong to before this tab regenerated it. */
export function entryForRetiredKey(
  wallet: Wallet,
  developerUrl: string,
  key: string,
): WalletEntry | undefined {
  const k = key.trim();
  if (k === '') return undefined;
  return wallet.find((e) => e.developerUrl === developerUrl && e.retiredKeys?.includes(k));
}
