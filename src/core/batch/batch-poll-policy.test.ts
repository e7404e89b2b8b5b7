import { describe, expect, it } from 'vitest';
import {
  firstPollStep,
  isTemporaryRefusal,
  nextPollStep,
  parseRetryAfter,
} from './batch-poll-policy';

const NOW = Date.parse('2026-11-26T14:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 14:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 13:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('nextPollStep', () => {
  it('starts at 1 s and backs off by 1.5 up to 15 s', () => {
    const delays: number[] = [];
    let step = firstPollStep();
    delays.push(step.delayMs);
    for (let i = 0; i < 9; i += 1) {
      step = nextPollStep(step.intervalMs, { kind: 'status', httpStatus: 200 }, NOW);
      delays.push(step.delayMs);
    }
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7595, 11393, 15000, 15000, 15000]);
  });

  it('waits as told on 429 and 503, even below the backoff', () => {
    expect(
      nextPollStep(15_000, { kind: 'status', httpStatus: 429, retryAfter: '57' }, NOW),
    ).toEqual({ delayMs: 57_000, intervalMs: 15_000, reason: 'throttled' });
    expect(nextPollStep(15_000, { kind: 'status', httpStatus: 503, retryAfter: '2' }, NOW)).toEqual(
      {
        delayMs: 2000,
        intervalMs: 15_000,
        reason: 'throttled',
      },
    );
  });

  it('never spins on a Retry-After of 0 and caps absurd waits', () => {
    expect(
      nextPollStep(1000, { kind: 'status', httpStatus: 429, retryAfter: '0' }, NOW).delayMs,
    ).toBe(1000);
    expect(
      nextPollStep(1000, { kind: 'status', httpStatus: 503, retryAfter: '999999' }, NOW).delayMs,
    ).toBe(600_000);
  });

  it('backs off on 429/503 without Retry-After and on network failures', () => {
    expect(nextPollStep(2000, { kind: 'status', httpStatus: 503 }, NOW)).toEqual({
      delayMs: 3000,
      intervalMs: 3000,
      reason: 'throttled',
    });
    expect(nextPollStep(2000, { kind: 'network-error' }, NOW)).toEqual({
      delayMs: 3000,
      intervalMs: 3000,
      reason: 'network-error',
    });
  });

  it('lets Retry-After on a normal answer lengthen but not shorten the backoff', () => {
    expect(nextPollStep(2000, { kind: 'status', httpStatus: 200, retryAfter: '10' }, NOW)).toEqual({
      delayMs: 10_000,
      intervalMs: 3000,
      reason: 'retry-after',
    });
    expect(
      nextPollStep(2000, { kind: 'status', httpStatus: 200, retryAfter: '1' }, NOW).delayMs,
    ).toBe(3000);
  });
});

describe('isTemporaryRefusal', () => {
  it('retries timeouts, throttling and server errors', () => {
    expect(isTemporaryRefusal(408, null)).toBe(true);
    expect(isTemporaryRefusal(429, null)).toBe(true);
    expect(isTemporaryRefusal(429, '57')).toBe(true);
    expect(isTemporaryRefusal(503, null)).toBe(true);
  });

  it("retries API Management's quota 403, which says when to come back", () => {
    expect(isTemporaryRefusal(403, '406')).toBe(true);
  });

  it('gives up on refusals that waiting cannot fix', () => {
    expect(isTemporaryRefusal(403, null)).toBe(false);
    expect(isTemporaryRefusal(401, '5')).toBe(false);
    expect(isTemporaryRefusal(404, null)).toBe(false);
  });
});
