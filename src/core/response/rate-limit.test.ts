import { describe, expect, it } from 'vitest';
import { formatWait, readRateLimit, remainingText, secondsUntil } from './rate-limit';

const AT = Date.parse('2026-11-30T12:00:00Z');

describe('readRateLimit', () => {
  it('reads the remaining calls of a forwarded call, whatever the header case', () => {
    expect(readRateLimit(200, [['X-RateLimit-Remaining', '4']], AT)).toEqual({ remaining: 4 });
    expect(readRateLimit(200, [['x-ratelimit-remaining', ' 0 ']], AT)).toEqual({ remaining: 0 });
  });

  it('ignores a remaining-calls header it cannot read', () => {
    expect(readRateLimit(200, [['x-ratelimit-remaining', 'lots']], AT)).toEqual({});
    expect(readRateLimit(200, [['x-ratelimit-remaining', '-1']], AT)).toEqual({});
    expect(readRateLimit(200, [], AT)).toEqual({});
  });

  it('turns a 429 with Retry-After into a deadline counted from when it arrived', () => {
    expect(
      readRateLimit(
        429,
        [
          ['retry-after', '57'],
          ['x-ratelimit-remaining', '0'],
        ],
        AT,
      ),
    ).toEqual({ remaining: 0, blocked: { kind: 'rate-limit', retryAt: AT + 57_000 } });
  });

  it("says when the refusal counts tokens (llm-token-limit's remaining-tokens headers)", () => {
    expect(
      readRateLimit(
        429,
        [
          ['Retry-After', '12'],
          ['x-ratelimit-remaining-tokens', '0'],
        ],
        AT,
      ),
    ).toEqual({ blocked: { kind: 'rate-limit', retryAt: AT + 12_000, tokens: true } });
    expect(
      readRateLimit(
        403,
        [
          ['Retry-After', '3600'],
          ['x-ratelimit-remaining-quota-tokens', '0'],
        ],
        AT,
      ),
    ).toEqual({ blocked: { kind: 'quota', retryAt: AT + 3_600_000, tokens: true } });
    // A call-counting 429 stays one.
    expect(readRateLimit(429, [['Retry-After', '5']], AT).blocked?.tokens).toBeUndefined();
  });

  it('reads Retry-After as an HTTP date too', () => {
    expect(readRateLimit(429, [['Retry-After', 'Mon, 30 Nov 2026 12:01:00 GMT']], AT)).toEqual({
      blocked: { kind: 'rate-limit', retryAt: AT + 60_000 },
    });
  });

  it('keeps a 429 without Retry-After blocked with no deadline', () => {
    expect(readRateLimit(429, [], AT)).toEqual({ blocked: { kind: 'rate-limit' } });
  });

  it('counts a 403 as a quota refusal only when it says when to come back', () => {
    expect(readRateLimit(403, [['Retry-After', '406']], AT)).toEqual({
      blocked: { kind: 'quota', retryAt: AT + 406_000 },
    });
    expect(readRateLimit(403, [], AT)).toEqual({});
  });

  it('does not block a success that carries Retry-After', () => {
    expect(readRateLimit(202, [['Retry-After', '5']], AT)).toEqual({});
  });
});

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(AT + 56_001, AT)).toBe(57);
    expect(secondsUntil(AT + 57_000, AT)).toBe(57);
    expect(secondsUntil(AT, AT)).toBe(0);
    expect(secondsUntil(AT - 5000, AT)).toBe(0);
  });
});

describe('formatWait', () => {
  it('reads at a glance from seconds to days', () => {
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(57)).toBe('57 s');
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(406)).toBe('6 min 46 s');
    expect(formatWait(7500)).toBe('2 h 5 min');
    expect(formatWait(7200)).toBe('2 h');
    expect(formatWait(604_800)).toBe('7 d');
    expect(formatWait(273_600)).toBe('3 d 4 h');
  });
});

describe('remainingText', () => {
  it('says calls in the singular and plural', () => {
    expect(remainingText(1)).toBe('1 call left in this rate-limit window');
    expect(remainingText(4)).toBe('4 calls left in this rate-limit window');
  });
});
