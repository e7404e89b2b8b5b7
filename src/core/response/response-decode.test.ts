import { describe, expect, it } from 'vitest';
import { decodeBody, decodePrefix } from './response-decode';

describe('decodeBody', () => {
  it('decodes UTF-8 by default and honours a charset', () => {
    expect(decodeBody(new Uint8Array([0xc3, 0xa9]))).toBe('é');
    expect(decodeBody(new Uint8Array([0xe9]), 'text/plain; charset=ISO-8859-1')).toBe('é');
    expect(decodeBody(new Uint8Array([0xc3, 0xa9]), 'text/plain; charset=nonsense')).toBe('é');
  });
});

describe('decodePrefix', () => {
  it('returns everything when it fits', () => {
    expect(decodePrefix(new TextEncoder().encode('abc'), 10)).toEqual({
      text: 'abc',
      complete: true,
    });
  });
  it('drops a character cut at the limit instead of showing U+FFFD', () => {
    const b = new TextEncoder().encode('ab日');
    expect(decodePrefix(b, 4)).toEqual({ text: 'ab', complete: false });
  });
});
