import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './response-size';

describe('formatBytes', () => {
  it('uses 1024-based units with at most three significant digits', () => {
    expect(
      [
        0,
        999,
        1024,
        1536,
        10_240,
        123_456,
        5 * 1024 * 1024,
        20 * 1024 * 1024 + 1,
        1.25 * 1024 ** 3,
      ].map(formatBytes),
    ).toEqual(['0 B', '999 B', '1 KB', '1.5 KB', '10 KB', '121 KB', '5 MB', '20 MB', '1.25 GB']);
  });
  it('shows a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('formatDuration', () => {
  it('picks ms, s or minutes', () => {
    expect([0, 87.4, 999.6, 1240, 65_300, 125_000].map(formatDuration)).toEqual([
      '0 ms',
      '87 ms',
      '1.00 s',
      '1.24 s',
      '65.3 s',
      '2 min 5 s',
    ]);
  });
});
