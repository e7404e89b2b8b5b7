import { describe, expect, it } from 'vitest';
import {
  NO_CALLS,
  admitCall,
  formatTimeSpan,
  remainingCalls,
  type CallCounters,
} from './call-limits';
import { findProduct } from './products';

const starter = findProduct('starter')!;
const unlimited = findProduct('unlimited')!;
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

function calls(n: number, from: CallCounters, at: (i: number) => number) {
  let counters = from;
  const results = [];
  for (let i = 0; i < n; i++) {
    const result = admitCall(starter, counters, at(i));
    if (result.kind === 'allowed') counters = result.counters;
    results.push(result);
  }
  return { counters, results };
}

describe('admitCall', () => {
  it('allows 5 Starter calls a minute, counting down the remaining calls, then refuses the 6th', () => {
    const { results } = calls(6, NO_CALLS, (i) => T0 + i * 1000);
    expect(results.slice(0, 5).map((r) => (r.kind === 'allowed' ? r.remaining : r.kind))).toEqual([
      4, 3, 2, 1, 0,
    ]);
    // The window opened at T0; the 6th call is at T0+5s: 55 s to wait.
    expect(results[5]).toEqual({ kind: 'rateLimited', retryAfterSeconds: 55 });
  });

  it('opens a new rate-limit window once the renewal period has passed', () => {
    const { counters } = calls(5, NO_CALLS, () => T0);
    expect(admitCall(starter, counters, T0 + 59_999).kind).toBe('rateLimited');
    const next = admitCall(starter, counters, T0 + 60_000);
    expect(next).toMatchObject({ kind: 'allowed', remaining: 4 });
    expect(remainingCalls(starter, counters, T0 + 60_000)).toBe(5);
  });

  it('refuses the 101st call in a week with the time until the quota renews', () => {
    // 5 calls a minute for 20 minutes: 100 calls, never rate limited.
    const { counters, results } = calls(100, NO_CALLS, (i) => T0 + Math.floor(i / 5) * 60_000);
    expect(results.every((r) => r.kind === 'allowed')).toBe(true);
    expect(counters.quotaCount).toBe(100);
    const now = T0 + 20 * 60_000;
    expect(admitCall(starter, counters, now)).toEqual({
      kind: 'quotaExceeded',
      retryAfterSeconds: 604_800 - 20 * 60,
    });
    expect(admitCall(starter, counters, T0 + 604_800_000)).toMatchObject({ kind: 'allowed' });
  });

  it('counts nothing for Unlimited', () => {
    const result = admitCall(unlimited, NO_CALLS, T0);
    expect(result).toEqual({ kind: 'allowed', counters: NO_CALLS, remaining: undefined });
  });
});

describe('formatTimeSpan', () => {
  it('prints hh:mm:ss, with days in front as .NET does', () => {
    expect(formatTimeSpan(406)).toBe('00:06:46');
    expect(formatTimeSpan(604_800 - 1200)).toBe('6.23:40:00');
  });
});
