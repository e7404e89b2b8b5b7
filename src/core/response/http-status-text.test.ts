import { describe, expect, it } from 'vitest';
import { statusClass, statusLine, statusTextFor } from './http-status-text';

describe('statusTextFor', () => {
  it('keeps a sent reason, else the standard phrase, else nothing', () => {
    expect(statusTextFor(404, ' Nope ')).toBe('Nope');
    expect(statusTextFor(413, '')).toBe('Content Too Large');
    expect(statusTextFor(299)).toBe('');
  });
});

describe('statusLine', () => {
  it('prefers the server reason, falls back to the standard one', () => {
    expect(statusLine(200, 'OK')).toBe('200 OK');
    expect(statusLine(200, 'All Good')).toBe('200 All Good');
    expect(statusLine(429, '')).toBe('429 Too Many Requests');
    expect(statusLine(299)).toBe('299');
  });
});

describe('statusClass', () => {
  it('groups by the first digit', () => {
    expect([101, 200, 304, 404, 503].map(statusClass)).toEqual([
      'informational',
      'success',
      'redirect',
      'client-error',
      'server-error',
    ]);
  });
});
