import { describe, expect, it } from 'vitest';
import {
  checkCustomRange,
  intervalFor,
  isoDuration,
  reportFilter,
  resolveRange,
  usageSeries,
} from './usage-range';

const now = Date.parse('2026-11-30T10:07:42.500Z');

describe('resolveRange', () => {
  it('turns presets into a range ending now, starting on an interval boundary', () => {
    const show = (r: ReturnType<typeof resolveRange>) => [
      new Date(r.from).toISOString(),
      new Date(r.to).toISOString(),
      isoDuration(r.intervalMs),
    ];
    expect(show(resolveRange({ preset: '15m' }, now, 60_000))).toEqual([
      '2026-11-30T09:52:00.000Z',
      '2026-11-30T10:07:42.500Z',
      'PT1M',
    ]);
    expect(show(resolveRange({ preset: '1d' }, now, 60_000))).toEqual([
      '2026-11-29T10:05:00.000Z',
      '2026-11-30T10:07:42.500Z',
      'PT5M',
    ]);
    expect(show(resolveRange({ preset: '1d' }, now, 900_000))[2]).toBe('PT15M');
    expect(show(resolveRange({ preset: '7d' }, now, 60_000))[2]).toBe('PT1H');
  });

  it('picks an interval from the span, in steps real APIM accepts', () => {
    expect(
      [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000].map((s) => intervalFor(s, 60_000)),
    ).toEqual([60_000, 300_000, 3_600_000, 86_400_000]);
    expect(intervalFor(3_600_000, 900_000)).toBe(900_000);
  });
});

describe('checkCustomRange', () => {
  it('says what is wrong', () => {
    expect(checkCustomRange(NaN, now, now)).toBe('Enter both a start and an end.');
    expect(checkCustomRange(now, now - 1, now)).toBe('The start must be before the end.');
    expect(checkCustomRange(now + 1, now + 2, now)).toBe(
      'The start is in the future: no calls there yet.',
    );
    expect(checkCustomRange(now - 40 * 86_400_000, now, now)).toBe('Choose at most 31 days.');
    expect(checkCustomRange(now - 1000, now, now)).toBeUndefined();
  });
});

describe('reportFilter', () => {
  it('writes the required time filter to the second, in UTC', () => {
    expect(
      reportFilter({ from: Date.parse('2026-11-30T09:52:00Z'), to: now, intervalMs: 60_000 }),
    ).toBe(
      "timestamp ge datetime'2026-11-30T09:52:00' and timestamp le datetime'2026-11-30T10:07:42'",
    );
  });
});

describe('usageSeries', () => {
  it('puts every interval on the axis, zero calls and no latency where nothing happened', () => {
    const range = {
      from: Date.parse('2026-11-30T10:00:00Z'),
      to: Date.parse('2026-11-30T10:03:30Z'),
      intervalMs: 60_000,
    };
    expect(
      usageSeries(
        [
          {
            timestamp: '2026-11-30T10:01:00Z',
            callCountSuccess: 2,
            callCountBlocked: 1,
            callCountTotal: 3,
            apiTimeAvg: 5,
            apiTimeMax: 9,
            serviceTimeAvg: 4,
            serviceTimeMax: 8,
          },
          {
            timestamp: '2026-11-30T10:03:00Z',
            callCountBlocked: 1,
            callCountTotal: 1,
            apiTimeAvg: 1,
            apiTimeMax: 1,
            serviceTimeAvg: 0,
            serviceTimeMax: 0,
          },
        ],
        range,
      ),
    ).toEqual({
      x: [0, 60, 120, 180].map((s) => Date.parse('2026-11-30T10:00:00Z') / 1000 + s),
      success: [0, 2, 0, 0],
      blocked: [0, 1, 0, 1],
      failed: [0, 0, 0, 0],
      other: [0, 0, 0, 0],
      apiTimeAvg: [null, 5, null, 1],
      apiTimeMax: [null, 9, null, 1],
      serviceTimeAvg: [null, 4, null, null],
      serviceTimeMax: [null, 8, null, null],
    });
  });
});
