import { describe, expect, it } from 'vitest';
import { isContinuationRow, rowOfOffset, rowText, splitRows } from './response-rows';

describe('splitRows', () => {
  it('makes one row per line, without line breaks in the row text', () => {
    const text = 'a\r\nbb\n\nccc';
    const rows = splitRows(text);
    expect(rows.rowCount).toBe(4);
    expect(rows.lineCount).toBe(4);
    expect(Array.from(rows.rowStarts)).toEqual([0, 3, 6, 7, 10]);
    expect(Array.from(rows.rowLines)).toEqual([1, 2, 3, 4]);
    expect([0, 1, 2, 3].map((r) => rowText(text, rows, r))).toEqual(['a', 'bb', '', 'ccc']);
  });

  it('cuts long lines into rows that continue the same line', () => {
    const text = 'abcdefg\nxy';
    const rows = splitRows(text, 3);
    expect([0, 1, 2, 3].map((r) => rowText(text, rows, r))).toEqual(['abc', 'def', 'g', 'xy']);
    expect(Array.from(rows.rowLines)).toEqual([1, 1, 1, 2]);
    expect([0, 1, 2, 3].map((r) => isContinuationRow(rows, r))).toEqual([false, true, true, false]);
    expect(rows.lineCount).toBe(2);
  });

  it('wraps long lines after a space or comma when asked, hard only without one', () => {
    const text = 'the quick brown fox,jumps\nabcdefghijkl\nab cdefghijkl';
    const rows = splitRows(text, 10, { wordWrap: true });
    const texts = Array.from({ length: rows.rowCount }, (_, r) => rowText(text, rows, r));
    // The last line's only space is too early: cutting there would leave a stub of a row.
    expect(texts).toEqual([
      'the quick ',
      'brown fox,',
      'jumps',
      'abcdefghij',
      'kl',
      'ab cdefghi',
      'jkl',
    ]);
    expect(Array.from(rows.rowLines)).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });

  it('handles empty text and a trailing newline', () => {
    expect(splitRows('').rowCount).toBe(1);
    const rows = splitRows('x\n');
    expect(rows.rowCount).toBe(2);
    expect(rowText('x\n', rows, 1)).toBe('');
  });

  it('grows past its first estimate', () => {
    const text = '\n'.repeat(100);
    expect(splitRows(text).rowCount).toBe(101);
  });
});

describe('rowOfOffset', () => {
  it('finds the row holding an offset', () => {
    const rows = splitRows('ab\ncd\nef');
    expect([0, 2, 3, 5, 7].map((o) => rowOfOffset(rows, o))).toEqual([0, 0, 1, 1, 2]);
  });
});
