import { describe, expect, it } from 'vitest';
import { murmur3Ascii, murmur3String, murmur3X86_32 } from './murmur3';

describe('murmur3X86_32', () => {
  // Published vectors for MurmurHash3_x86_32 (SMHasher and its ports).
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['hello', 0, 613153351],
    ['hello, world', 0, 345750399],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aa', 0x9747b28c, 0x5d211726],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
  ])('hashes %j with seed %d', (text, seed, expected) => {
    expect(murmur3String(text, seed)).toBe(expected);
  });

  it('hashes multi-byte UTF-8 as bytes', () => {
    // "ππππππππ" with seed 0x9747b28c is a published vector (16 UTF-8 bytes).
    expect(murmur3String('ππππππππ', 0x9747b28c)).toBe(0xd58063c1);
  });

  it('hashes only the first `length` bytes of a reused buffer', () => {
    const scratch = Buffer.alloc(64, 0x7a);
    const written = scratch.write('hello', 0, 'utf8');
    expect(murmur3X86_32(scratch, written)).toBe(613153351);
  });

  it('hashes an ASCII slice of a string exactly like its bytes', () => {
    const text = 'xx The quick brown fox jumps over the lazy dog yy';
    for (const [start, end] of [
      [3, 46],
      [3, 4],
      [3, 5],
      [3, 6],
      [3, 7],
      [0, 0],
    ] as const) {
      expect(murmur3Ascii(text, start, end)).toBe(murmur3String(text.slice(start, end)));
    }
    expect(murmur3Ascii('hello', 0, 5)).toBe(613153351);
  });
});
