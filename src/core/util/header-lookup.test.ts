import { describe, expect, it } from 'vitest';
import { headerValue } from './header-lookup';

describe('headerValue', () => {
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/json'],
    ['retry-after', '5'],
    ['Retry-After', '9'],
  ];

  it('finds a header whatever the case of its name, first one wins', () => {
    expect(headerValue(headers, 'content-type')).toBe('application/json');
    expect(headerValue(headers, 'RETRY-AFTER')).toBe('5');
  });

  it('answers null for a header that is not there', () => {
    expect(headerValue(headers, 'etag')).toBeNull();
    expect(headerValue([], 'etag')).toBeNull();
  });
});
