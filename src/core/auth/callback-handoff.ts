/**
 * How a provider's answer gets from public/oauth-callback.html back to the page that started
 * the sign-in. The callback page is a plain script (no bundle, CSP without inline script), so
 * the names it reads and writes are fixed here and repeated there; oauth-callback.test.ts keeps
 * the two in step.
 *
 * - The page stores the pending sign-in (state, PKCE verifier, nonce) in sessionStorage under
 *   PENDING_PREFIX + state before it opens the provider; a pop-up gets a copy of the opener's
 *   sessionStorage when it opens, and a redirect stays in the same tab.
 * - Pop-up: the callback posts CALLBACK_MESSAGE with its URL to a same-origin opener (and on
 *   CALLBACK_CHANNEL, for an opener a provider's Cross-Origin-Opener-Policy cut off), then closes.
 * - Redirect (the pop-up was blocked): the callback stores its URL under CALLBACK_KEY and goes
 *   back to the pending sign-in's page, where the console completes the exchange.
 */
import type { StorageLike } from '../util/browser-storage';
import { readStored, removeStored, writeStored } from '../util/browser-storage';
import type { PendingAuthorization } from './sign-in';

export const PENDING_PREFIX = 'portico.oauth.pending.';
export const CALLBACK_KEY = 'portico.oauth.callback';
export const CALLBACK_CHANNEL = 'portico-oauth';
export const CALLBACK_MESSAGE = 'portico-oauth-callback';

/** A sign-in left unanswered this long is forgotten (providers' codes live minutes). */
const PENDING_MAX_AGE_MS = 15 * 60_000;

export function savePending(
  storage: StorageLike | undefined,
  pending: PendingAuthorization,
): boolean {
  return writeStored(storage, PENDING_PREFIX + pending.state, JSON.stringify(pending));
}

/** The pending sign-in the callback answers (read once: a code is exchanged once). */
export function takePending(
  storage: StorageLike | undefined,
  callbackUrl: string,
  now: number = Date.now(),
): PendingAuthorization | undefined {
  const state = stateOf(callbackUrl);
  if (!state) return undefined;
  const key = PENDING_PREFIX + state;
  const text = readStored(storage, key);
  removeStored(storage, key);
  if (!text) return undefined;
  try {
    const pending = JSON.parse(text) as PendingAuthorization;
    return now - pending.startedAt <= PENDING_MAX_AGE_MS ? pending : undefined;
  } catch {
    return undefined;
  }
}

/** The callback URL a redirect left for this tab, taken once. */
export function takeRedirectCallback(storage: StorageLike | undefined): string | undefined {
  const url = readStored(storage, CALLBACK_KEY);
  removeStored(storage, CALLBACK_KEY);
  return url ?? undefined;
}

export function stateOf(callbackUrl: string): string | undefined {
  try {
    const url = new URL(callbackUrl);
    // Some providers answer in the fragment (response_mode=fragment).
    const params = url.search ? url.searchParams : new URLSearchParams(url.hash.slice(1));
    return params.get('state') ?? undefined;
  } catch {
    return undefined;
  }
}

/** A message event that is the callback page's answer: same origin, the right shape. */
export function callbackUrlOf(
  event: { origin: string; data: unknown },
  origin: string,
): string | undefined {
  if (event.origin !== origin) return undefined;
  const data = event.data as { type?: unknown; url?: unknown } | null;
  if (typeof data !== 'object' || data === null || data.type !== CALLBACK_MESSAGE) return undefined;
  if (typeof data.url !== 'string' || !data.url.startsWith(`${origin}/`)) return undefined;
  return data.url;
}

/**
 * The redirect URI to register at the provider: the callback page next to the portal's page,
 * `<origin><base>oauth-callback.html` (hash routes leave the path at the portal's base).
 */
export function redirectUriFor(location: { origin: string; pathname: string }): string {
  return new URL('oauth-callback.html', `${location.origin}${location.pathname}`).href;
}
