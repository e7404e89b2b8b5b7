import { describe, expect, it } from 'vitest';
import { checkIntervalCount, formatInterval, parseInterval } from './report-interval';

describe('parseInterval', () => {
  it.each([
    ['PT1M', 60_000],
    ['PT5M', 300_000],
    ['PT15M', 900_000],
    ['pt1h', 3_600_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P1DT1H', 90_000_000],
    ['PT120S', 120_000],
  ])('%s is %d ms', (raw, ms) => {
    expect(parseInterval(raw)).toBe(ms);
    expect(parseInterval(formatInterval(ms))).toBe(ms);
  });

  it.each([
    [undefined, /needs interval/],
    ['15', /not an ISO 8601 duration/],
    ['P1M', /not an ISO 8601 duration/],
    ['PT', /not an ISO 8601 duration/],
    ['P', /not an ISO 8601 duration/],
    ['PT30S', /whole minutes, PT1M or more/],
    ['PT90S', /whole minutes/],
    ['PT0M', /whole minutes/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseInterval(raw)).toThrow(message);
  });
});

describe('formatInterval', () => {
  it('writes canonical durations', () => {
    expect(
      [60_000, 900_000, 3_600_000, 5_400_000, 86_400_000, 90_000_000].map(formatInterval),
    ).toEqual(['PT1M', 'PT15M', 'PT1H', 'PT1H30M', 'P1D', 'P1DT1H']);
  });
});

describe('checkIntervalCount', () => {
  it('refuses more than 100,000 intervals', () => {
    expect(() => checkIntervalCount(0, 100_000 * 60_000, 60_000)).not.toThrow();
    expect(() => checkIntervalCount(0, 100_001 * 60_000, 60_000)).toThrow(/100001 intervals/);
  });
});
