import { describe, expect, it } from 'vitest';
import { findMatches } from './response-search';

describe('findMatches', () => {
  it('finds case-insensitive matches by default', () => {
    expect(findMatches('Abc abc ABC', 'abc')).toEqual({ offsets: [0, 4, 8], capped: false });
    expect(findMatches('Abc abc ABC', 'abc', { caseSensitive: true })).toEqual({
      offsets: [4],
      capped: false,
    });
  });
  it('does not overlap matches and stops at the limit', () => {
    expect(findMatches('aaaa', 'aa')).toEqual({ offsets: [0, 2], capped: false });
    expect(findMatches('a a a a', 'a', { limit: 2 })).toEqual({ offsets: [0, 2], capped: true });
  });
  it('finds nothing for an empty query', () => {
    expect(findMatches('abc', '')).toEqual({ offsets: [], capped: false });
  });
  it('keeps offsets right when lower-casing would change the length', () => {
    expect(findMatches('İx x', 'x')).toEqual({ offsets: [1, 3], capped: false });
  });
});
