import { parseRetryAfter } from '../batch/batch-poll-policy';
import { headerValue } from '../util/header-lookup';

/**
 * What a response says about the caller's rate limit and quota (API Management's rate-limit
 * and quota policies): how many calls are left in the window, and, when a call was refused,
 * how long to wait before the next one can succeed.
 */
export interface RateLimitState {
  /** From the remaining-calls header (X-RateLimit-Remaining), when the gateway sends it. */
  remaining?: number;
  /** Set when the call was refused for volume: 429 (rate limit) or 403 with Retry-After (quota). */
  blocked?: {
    kind: 'rate-limit' | 'quota';
    /** Epoch ms when a call may succeed again; undefined when the server did not say. */
    retryAt?: number;
    /**
     * Counted in tokens, not calls: llm-token-limit (tokens per minute, a token quota), known by
     * the remaining-tokens headers it was configured to send.
     */
    tokens?: true;
  };
}

// llm-token-limit's remaining-tokens / remaining-quota-tokens / tokens-consumed headers: their
// names are the publisher's choice, so the words in them are what can be known.
const TOKEN_HEADER = /remaining[-_]?(quota[-_]?)?tokens|tokens[-_]?consumed/i;

export const REMAINING_HEADER = 'x-ratelimit-remaining';

/**
 * Reads the rate-limit state of a response that arrived at `receivedAt` (epoch ms). A 403 is a
 * quota refusal only with Retry-After: APIM's quota policy sends one, an authorization 403 does not.
 */
export function readRateLimit(
  status: number,
  headers: ReadonlyArray<readonly [string, string]>,
  receivedAt: number,
): RateLimitState {
  const state: RateLimitState = {};
  const remainingText = headerValue(headers, REMAINING_HEADER)?.trim();
  if (remainingText !== undefined && /^\d+$/.test(remainingText)) {
    state.remaining = Number(remainingText);
  }
  const retryAfter = headerValue(headers, 'retry-after');
  const waitMs = parseRetryAfter(retryAfter, receivedAt);
  const tokens = headers.some(([name]) => TOKEN_HEADER.test(name)) ? { tokens: true as const } : {};
  if (status === 429) {
    state.blocked = {
      kind: 'rate-limit',
      ...(waitMs !== undefined ? { retryAt: receivedAt + waitMs } : {}),
      ...tokens,
    };
  } else if (status === 403 && waitMs !== undefined) {
    state.blocked = { kind: 'quota', retryAt: receivedAt + waitMs, ...tokens };
  }
  return state;
}

/** Whole seconds left until `retryAt`, rounded up so "0 s" means the wait is over. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/** "57 s", "6 min 46 s", "2 h 5 min", "3 d 4 h": a countdown a person reads at a glance. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "1 call left", "4 calls left": the remaining-calls line of the response panel. */
export function remainingText(remaining: number): string {
  return `${remaining} ${remaining === 1 ? 'call' : 'calls'} left in this rate-limit window`;
}
