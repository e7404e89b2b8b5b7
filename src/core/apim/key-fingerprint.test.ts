import { describe, expect, it } from 'vitest';
import { keyFingerprint } from './key-fingerprint';

describe('keyFingerprint', () => {
  it('is FNV-1a: stable, eight hex digits, different for different keys', () => {
    expect(keyFingerprint('')).toBe('811c9dc5');
    expect(keyFingerprint('a')).toBe('e40c292c');
    expect(keyFingerprint('portico-starter-key')).toMatch(/^[0-9a-f]{8}$/);
    expect(keyFingerprint('portico-starter-key')).not.toBe(keyFingerprint('portico-starter-kez'));
    expect(keyFingerprint('portico-starter-key')).not.toContain('starter');
  });
});
