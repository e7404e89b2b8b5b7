import type { CallLimit, Product } from './products';

/**
 * A subscription's rate-limit and quota counters. Each is a fixed window that opens with the
 * first call counted in it and lasts its product's renewal period.
 */
export interface CallCounters {
  rateWindowStart: number;
  rateCount: number;
  quotaWindowStart: number;
  quotaCount: number;
}

export const NO_CALLS: CallCounters = {
  rateWindowStart: 0,
  rateCount: 0,
  quotaWindowStart: 0,
  quotaCount: 0,
};

export type CallAdmission =
  | {
      kind: 'allowed';
      counters: CallCounters;
      /** Calls left in the rate-limit window after this one; undefined without a rate limit. */
      remaining: number | undefined;
    }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'quotaExceeded'; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

function current(limit: CallLimit, start: number, count: number, now: number): Window {
  return now - start >= limit.renewalPeriodSeconds * 1000 || now < start
    ? { start: now, count: 0 }
    : { start, count };
}

function secondsLeft(limit: CallLimit, window: Window, now: number): number {
  return Math.max(1, Math.ceil((window.start + limit.renewalPeriodSeconds * 1000 - now) / 1000));
}

/**
 * Whether one more call is allowed now, as APIM's `<rate-limit>` then `<quota>` policies decide.
 * A refused call counts against neither (it is not forwarded).
 */
export function admitCall(product: Product, counters: CallCounters, now: number): CallAdmission {
  let rate: Window = { start: counters.rateWindowStart, count: counters.rateCount };
  let quota: Window = { start: counters.quotaWindowStart, count: counters.quotaCount };
  if (product.rateLimit) {
    rate = current(product.rateLimit, rate.start, rate.count, now);
    if (rate.count >= product.rateLimit.calls)
      return { kind: 'rateLimited', retryAfterSeconds: secondsLeft(product.rateLimit, rate, now) };
  }
  if (product.quota) {
    quota = current(product.quota, quota.start, quota.count, now);
    if (quota.count >= product.quota.calls)
      return { kind: 'quotaExceeded', retryAfterSeconds: secondsLeft(product.quota, quota, now) };
  }
  return {
    kind: 'allowed',
    counters: {
      rateWindowStart: product.rateLimit ? rate.start : 0,
      rateCount: product.rateLimit ? rate.count + 1 : 0,
      quotaWindowStart: product.quota ? quota.start : 0,
      quotaCount: product.quota ? quota.count + 1 : 0,
    },
    remaining: product.rateLimit ? product.rateLimit.calls - rate.count - 1 : undefined,
  };
}

/** Calls left in the current rate-limit window, without counting one. */
export function remainingCalls(
  product: Product,
  counters: CallCounters,
  now: number,
): number | undefined {
  if (!product.rateLimit) return undefined;
  const rate = current(product.rateLimit, counters.rateWindowStart, counters.rateCount, now);
  return Math.max(0, product.rateLimit.calls - rate.count);
}

/** A duration as .NET's TimeSpan prints it, as APIM's quota message does: `[d.]hh:mm:ss`. */
export function formatTimeSpan(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86_400);
  const rest = totalSeconds % 86_400;
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}
