/**
 * Pre-aggregated buckets: the recorder adds every call to one bucket per level, and a report
 * reads the coarsest buckets that fit its range, with the raw calls only for the partial
 * minutes at the edges. That keeps counts exact for any range while a day at PT5M reads 288
 * rows instead of a day of calls.
 */
export interface BucketLevel {
  /** Short name used in table names. */
  name: string;
  ms: number;
}

export const MINUTE_LEVEL: BucketLevel = { name: '1m', ms: 60_000 };
export const FIVE_MINUTE_LEVEL: BucketLevel = { name: '5m', ms: 300_000 };
export const HOUR_LEVEL: BucketLevel = { name: '1h', ms: 3_600_000 };
export const DAY_LEVEL: BucketLevel = { name: '1d', ms: 86_400_000 };

/**
 * Totals over every dimension keep all four levels (they are few rows); the per-dimension
 * buckets skip the minute level, whose rows would outnumber the calls at low traffic.
 */
export const TOTAL_LEVELS = [DAY_LEVEL, HOUR_LEVEL, FIVE_MINUTE_LEVEL, MINUTE_LEVEL];
export const DIMENSION_LEVELS = [DAY_LEVEL, HOUR_LEVEL, FIVE_MINUTE_LEVEL];

export type Segment =
  | { kind: 'buckets'; level: BucketLevel; start: number; end: number }
  | { kind: 'calls'; start: number; end: number };

/**
 * Splits [start, end) into runs of whole buckets (coarsest first, never coarser than
 * `maxLevelMs`) and the leftover pieces, read from the raw calls. Levels are epoch-aligned.
 */
export function planSegments(
  start: number,
  end: number,
  levels: readonly BucketLevel[],
  maxLevelMs = Infinity,
): Segment[] {
  const usable = levels.filter((l) => l.ms <= maxLevelMs).sort((a, b) => b.ms - a.ms);
  const plan = (from: number, to: number, at: number): Segment[] => {
    if (from >= to) return [];
    const level = usable[at];
    if (!level) return [{ kind: 'calls', start: from, end: to }];
    const first = Math.ceil(from / level.ms) * level.ms;
    const last = Math.floor(to / level.ms) * level.ms;
    if (first >= last) return plan(from, to, at + 1);
    return [
      ...plan(from, first, at + 1),
      { kind: 'buckets', level, start: first, end: last },
      ...plan(last, to, at + 1),
    ];
  };
  return plan(start, end, 0);
}

/** The coarsest level that fits `interval` a whole number of times (buckets never straddle two intervals). */
export function maxLevelFor(intervalMs: number, levels: readonly BucketLevel[]): number {
  const fitting = levels.filter((l) => intervalMs % l.ms === 0).map((l) => l.ms);
  return fitting.length ? Math.max(...fitting) : 0;
}
