import { describe, expect, it } from 'vitest';
import { fetchInputUrl } from './fetch-input-url';

describe('fetchInputUrl', () => {
  it('reads a string, a URL and a Request alike', () => {
    expect(fetchInputUrl('https://x/a?b=1')).toBe('https://x/a?b=1');
    expect(fetchInputUrl(new URL('https://x/a?b=1'))).toBe('https://x/a?b=1');
    expect(fetchInputUrl(new Request('https://x/a?b=1'))).toBe('https://x/a?b=1');
  });
});
