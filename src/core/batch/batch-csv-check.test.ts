import { describe, expect, it } from 'vitest';
import { checkCsvHead } from './batch-csv-check';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function check(name: string, text: string | Uint8Array, size?: number) {
  const head = typeof text === 'string' ? bytes(text) : text;
  return checkCsvHead(name, head, size ?? head.length);
}

describe('checkCsvHead', () => {
  it('accepts a CSV with a Col2 header, BOM and quotes included', () => {
    expect(check('r.csv', '\uFEFFCol1,"Col2"\n1,"This is a good day"\n')).toEqual({
      ok: true,
      columns: ['Col1', 'Col2'],
    });
  });

  it('accepts a head cut in the middle of a line or a character of a bigger file', () => {
    const text = bytes('Col2\nThis is a good day\ncaf\u00e9 au lait');
    expect(checkCsvHead('big.csv', text.subarray(0, text.length - 7), 10_000_000)).toEqual({
      ok: true,
      columns: ['Col2'],
    });
  });

  it('rejects an empty file', () => {
    expect(check('e.csv', '')).toEqual({
      ok: false,
      message: '"e.csv" is empty. Choose a CSV file with a header row and data.',
    });
  });

  it('rejects binary content', () => {
    expect(
      check('p.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
    ).toEqual({
      ok: false,
      message:
        '"p.png" looks like a binary file, not CSV text. Export the data as CSV (UTF-8) and try again.',
    });
  });

  it('rejects text that is not UTF-8', () => {
    expect(
      check('l.csv', new Uint8Array([0x43, 0x6f, 0x6c, 0x32, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])),
    ).toEqual({
      ok: false,
      message: '"l.csv" is not valid UTF-8 text. Save it as CSV with UTF-8 encoding.',
    });
  });

  it('names the columns found when Col2 is missing', () => {
    expect(check('n.csv', 'Review,Stars\nnice,5\n')).toEqual({
      ok: false,
      message:
        'The header row of "n.csv" has no "Col2" column (found "Review", "Stars"). The service scores the text in "Col2": rename that column in the first line.',
    });
    expect(check('low.csv', 'col2\nx\n').ok).toBe(false);
  });

  it('rejects a header without data', () => {
    expect(check('h.csv', 'Col2\n')).toEqual({
      ok: false,
      message: '"h.csv" has a header row but no data rows.',
    });
    expect(check('blank.csv', '\n\n  \n')).toEqual({
      ok: false,
      message: '"blank.csv" has no header row.',
    });
  });
});
