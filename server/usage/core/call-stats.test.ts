import { describe, expect, it } from 'vitest';
import { emptyStats, mergeStats, type CallStats } from './call-stats';

function stats(part: Partial<CallStats>): CallStats {
  return { ...emptyStats(), ...part };
}

describe('mergeStats', () => {
  it("takes the first bucket's minimum as it is, not the empty total's 0", () => {
    const merged = mergeStats(
      emptyStats(),
      stats({ success: 2, apiTimeMin: 12, apiTimeMax: 30, forwarded: 2, serviceTimeMin: 8 }),
    );
    expect([merged.apiTimeMin, merged.serviceTimeMin]).toEqual([12, 8]);
  });

  it('keeps the smaller minimum and the larger maximum after that', () => {
    const into = stats({
      success: 1,
      apiTimeMin: 12,
      apiTimeMax: 12,
      forwarded: 1,
      serviceTimeMin: 8,
    });
    mergeStats(
      into,
      stats({ failed: 1, apiTimeMin: 5, apiTimeMax: 40, forwarded: 1, serviceTimeMin: 9 }),
    );
    expect(into).toMatchObject({
      success: 1,
      failed: 1,
      apiTimeMin: 5,
      apiTimeMax: 40,
      serviceTimeMin: 8,
    });
  });

  it('leaves the service time alone for calls that were never forwarded', () => {
    const into = stats({ blocked: 1, apiTimeMin: 1 });
    mergeStats(into, stats({ success: 1, apiTimeMin: 3, forwarded: 1, serviceTimeMin: 7 }));
    expect(into.serviceTimeMin).toBe(7);
  });
});
