import { describe, expect, it } from 'vitest';
import { applyHeaderChanges } from './header-changes';

describe('applyHeaderChanges', () => {
  it('applies override, skip, append and delete in order, names case-insensitive', () => {
    expect(
      applyHeaderChanges({ 'Content-Type': 'text/plain', 'x-a': 'one', 'x-gone': 'z' }, [
        { name: 'content-type', action: 'skip', values: ['application/json'] },
        { name: 'X-A', action: 'append', values: ['two'] },
        { name: 'X-B', action: 'skip', values: ['b'] },
        { name: 'X-Gone', action: 'delete', values: [] },
        { name: 'X-C', action: 'override', values: ['c1', 'c2'] },
        { name: 'x-c', action: 'override', values: ['c3'] },
      ]),
    ).toEqual({ 'Content-Type': 'text/plain', 'x-a': ['one', 'two'], 'X-B': 'b', 'x-c': 'c3' });
  });
});
