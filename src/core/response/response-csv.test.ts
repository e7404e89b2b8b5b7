import { describe, expect, it } from 'vitest';
import { parseCsvPreview } from './response-csv';

describe('parseCsvPreview', () => {
  it('splits header and rows, with quoted fields', () => {
    expect(parseCsvPreview('Col2,Score\r\n"a, b",1\r\n"say ""hi""",2\r\n')).toEqual({
      columns: ['Col2', 'Score'],
      rows: [
        ['a, b', '1'],
        ['say "hi"', '2'],
      ],
      truncated: false,
      delimiter: ',',
      problems: [],
    });
  });

  it('detects tabs and stops after maxRows', () => {
    const text = ['h1\th2', ...Array.from({ length: 10 }, (_, i) => `${i}\tx`)].join('\n');
    const preview = parseCsvPreview(text, 3);
    expect(preview.delimiter).toBe('\t');
    expect(preview.rows).toEqual([
      ['0', 'x'],
      ['1', 'x'],
      ['2', 'x'],
    ]);
    expect(preview.truncated).toBe(true);
  });

  it('reports ragged rows', () => {
    const preview = parseCsvPreview('a,b\n1,2\n"unclosed,3\n');
    expect(preview.problems).toEqual(['Row 3: Quoted field unterminated']);
  });
});
