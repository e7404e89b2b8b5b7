import { describe, expect, it } from 'vitest';
import { formatElapsed } from './batch-elapsed';

describe('formatElapsed', () => {
  it('uses tenths below 10 s, then seconds, minutes and hours', () => {
    expect(
      [-5, 0, 849, 9_999, 10_000, 59_999, 60_000, 185_000, 3_600_000, 3_725_000].map(formatElapsed),
    ).toEqual([
      '0.0 s',
      '0.0 s',
      '0.8 s',
      '9.9 s',
      '10 s',
      '59 s',
      '1 min 00 s',
      '3 min 05 s',
      '1 h 00 min',
      '1 h 02 min',
    ]);
  });
});
