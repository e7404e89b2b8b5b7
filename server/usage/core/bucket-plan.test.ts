import { describe, expect, it } from 'vitest';
import { DIMENSION_LEVELS, TOTAL_LEVELS, maxLevelFor, planSegments } from './bucket-plan';

const t = (iso: string) => Date.parse(iso);
const show = (segments: ReturnType<typeof planSegments>) =>
  segments.map(
    (s) =>
      `${s.kind === 'buckets' ? s.level.name : 'calls'} ${new Date(s.start).toISOString().slice(11, 23)}-${new Date(s.end).toISOString().slice(5, 23)}`,
  );

describe('planSegments', () => {
  it('reads whole days, hours, five and one minutes, and raw calls at the edges', () => {
    expect(
      show(planSegments(t('2026-11-29T22:57:30Z'), t('2026-12-01T01:07:10Z'), TOTAL_LEVELS)),
    ).toEqual([
      'calls 22:57:30.000-11-29T22:58:00.000',
      '1m 22:58:00.000-11-29T23:00:00.000',
      '1h 23:00:00.000-11-30T00:00:00.000',
      '1d 00:00:00.000-12-01T00:00:00.000',
      '1h 00:00:00.000-12-01T01:00:00.000',
      '5m 01:00:00.000-12-01T01:05:00.000',
      '1m 01:05:00.000-12-01T01:07:00.000',
      'calls 01:07:00.000-12-01T01:07:10.000',
    ]);
  });

  it('never uses a level coarser than the interval allows', () => {
    expect(
      show(
        planSegments(t('2026-11-30T00:00:00Z'), t('2026-12-01T00:00:00Z'), TOTAL_LEVELS, 300_000),
      ),
    ).toEqual(['5m 00:00:00.000-12-01T00:00:00.000']);
  });

  it('reads raw calls where the dimension buckets have no minute level', () => {
    expect(
      show(planSegments(t('2026-11-30T10:02:00Z'), t('2026-11-30T10:13:00Z'), DIMENSION_LEVELS)),
    ).toEqual([
      'calls 10:02:00.000-11-30T10:05:00.000',
      '5m 10:05:00.000-11-30T10:10:00.000',
      'calls 10:10:00.000-11-30T10:13:00.000',
    ]);
  });

  it('a range inside one minute is raw calls only', () => {
    expect(show(planSegments(1_000, 2_000, TOTAL_LEVELS))).toEqual([
      'calls 00:00:01.000-01-01T00:00:02.000',
    ]);
  });
});

describe('maxLevelFor', () => {
  it('is the coarsest level that divides the interval', () => {
    expect(
      [60_000, 300_000, 900_000, 3_600_000, 5_400_000, 86_400_000, 420_000].map((i) =>
        maxLevelFor(i, TOTAL_LEVELS),
      ),
    ).toEqual([60_000, 300_000, 300_000, 3_600_000, 300_000, 86_400_000, 60_000]);
    expect(maxLevelFor(60_000, DIMENSION_LEVELS)).toBe(0);
  });
});
