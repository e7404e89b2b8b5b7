import { describe, expect, it } from 'vitest';
import { hasIsolatedValue } from './isolated-values';

describe('hasIsolatedValue', () => {
  it('finds a value with no neighbour to draw a line to', () => {
    expect(hasIsolatedValue([42])).toBe(true);
    expect(hasIsolatedValue([null, 3, null, 4, 5])).toBe(true);
    expect(hasIsolatedValue([1, 2, null, 4, 5])).toBe(false);
    expect(hasIsolatedValue([null, null])).toBe(false);
    expect(hasIsolatedValue([])).toBe(false);
    // Zero is a value.
    expect(hasIsolatedValue([0, null, 0])).toBe(true);
  });
});
