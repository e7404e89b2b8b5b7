import type { StorageLike } from '../util/browser-storage';
import { browserStorage, readStored, removeStored, writeStored } from '../util/browser-storage';
import type { SignInFlowKind } from './scheme-flows';

/** A token the user signed in for, with what refreshing and signing out need. */
export interface HeldToken {
  accessToken: string;
  tokenType: string;
  /** Epoch ms; absent when the provider did not say. */
  expiresAt?: number;
  refreshToken?: string;
  idToken?: string;
  /** The scopes granted, when the provider said (they may be fewer than asked for). */
  scope?: string;
  flow: SignInFlowKind;
  obtainedAt: number;
}

const SESSION_KEY = 'portico.signin.v1';

const keyOf = (environmentId: string, schemeId: string) => `${environmentId}\n${schemeId}`;

function isHeldToken(value: unknown): value is HeldToken {
  const t = value as Partial<HeldToken> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.accessToken === 'string' &&
    typeof t.tokenType === 'string' &&
    typeof t.flow === 'string' &&
    typeof t.obtainedAt === 'number'
  );
}

/**
 * The signed-in tokens, by environment and scheme. They live in memory and end with the page;
 * only a token the user chose to keep for this tab goes to sessionStorage (never localStorage),
 * so a reload keeps it and closing the tab forgets it. Nothing here ever goes into a URL, a
 * query key, history or a code sample: the request carries the token as a secret header that
 * every view masks.
 */
export class SignedInTokens {
  // Replaced (never changed in place) on every write: it is useSyncExternalStore's snapshot.
  private tokens: ReadonlyMap<string, HeldToken> = new Map<string, HeldToken>();
  private kept = new Set<string>();
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly session: StorageLike | undefined) {
    const loaded = new Map<string, HeldToken>();
    try {
      const stored: unknown = JSON.parse(readStored(session, SESSION_KEY) ?? '{}');
      if (typeof stored === 'object' && stored !== null)
        for (const [key, token] of Object.entries(stored))
          if (isHeldToken(token)) {
            loaded.set(key, token);
            this.kept.add(key);
          }
      this.tokens = loaded;
    } catch {
      // An unreadable entry is as good as none: the user signs in again.
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every write. */
  getVersion = (): number => this.version;

  /** Every token, by environment and scheme; a new object after each write. */
  getSnapshot = (): ReadonlyMap<string, HeldToken> => this.tokens;

  get(environmentId: string, schemeId: string): HeldToken | undefined {
    return this.tokens.get(keyOf(environmentId, schemeId));
  }

  keptInTab(environmentId: string, schemeId: string): boolean {
    return this.kept.has(keyOf(environmentId, schemeId));
  }

  /** Each scheme's access token for the environment: what the request sends as Bearer. */
  accessTokens(environmentId: string): Record<string, string> {
    return accessTokensIn(this.tokens, environmentId);
  }

  set(environmentId: string, schemeId: string, token: HeldToken, keepInTab: boolean): void {
    const key = keyOf(environmentId, schemeId);
    this.tokens = new Map(this.tokens).set(key, token);
    if (keepInTab) this.kept.add(key);
    else this.kept.delete(key);
    this.commit();
  }

  /** Changes where the token is kept, without changing the token. */
  keepInTab(environmentId: string, schemeId: string, keep: boolean): void {
    const key = keyOf(environmentId, schemeId);
    if (keep && this.tokens.has(key)) this.kept.add(key);
    else this.kept.delete(key);
    this.commit();
  }

  clear(environmentId: string, schemeId: string): void {
    const key = keyOf(environmentId, schemeId);
    const tokens = new Map(this.tokens);
    tokens.delete(key);
    this.tokens = tokens;
    this.kept.delete(key);
    this.commit();
  }

  private commit(): void {
    const keep: Record<string, HeldToken> = {};
    for (const key of this.kept) {
      const token = this.tokens.get(key);
      if (token) keep[key] = token;
    }
    if (Object.keys(keep).length === 0) removeStored(this.session, SESSION_KEY);
    else writeStored(this.session, SESSION_KEY, JSON.stringify(keep));
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Each scheme's access token for the environment, from a snapshot of the store. */
export function accessTokensIn(
  tokens: ReadonlyMap<string, HeldToken>,
  environmentId: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `${environmentId}\n`;
  for (const [key, token] of tokens)
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = token.accessToken;
  return out;
}

let shared: SignedInTokens | undefined;

/** The page's one store (made on first use, so tests and the server never touch a window). */
export function signedInTokens(): SignedInTokens {
  shared ??= new SignedInTokens(browserStorage('session'));
  return shared;
}
