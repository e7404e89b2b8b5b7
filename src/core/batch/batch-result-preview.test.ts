import { describe, expect, it } from 'vitest';
import { previewCsv } from './batch-result-preview';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('previewCsv', () => {
  it('parses a whole small file', () => {
    const text = 'Col2,F.0\n"This is a good day",1\n"a, b",0\n';
    expect(previewCsv(bytes(text), text.length)).toEqual({
      columns: ['Col2', 'F.0'],
      rows: [
        ['This is a good day', '1'],
        ['a, b', '0'],
      ],
      truncated: false,
    });
  });

  it('drops the line cut by the range of a bigger file', () => {
    const head = bytes('Col2,F.0\nfirst,1\nsecond,2\nthi');
    expect(previewCsv(head, 5000)).toEqual({
      columns: ['Col2', 'F.0'],
      rows: [
        ['first', '1'],
        ['second', '2'],
      ],
      truncated: true,
    });
  });

  it('drops a quoted field that spans the cut', () => {
    const head = bytes('Col2,F.0\nfirst,1\n"multi\nline');
    expect(previewCsv(head, 5000).rows).toEqual([['first', '1']]);
  });

  it('limits the rows and says so', () => {
    const text = `Col2\n${Array.from({ length: 10 }, (_, i) => `r${i}`).join('\n')}\n`;
    const preview = previewCsv(bytes(text), text.length, 3);
    expect(preview.rows).toEqual([['r0'], ['r1'], ['r2']]);
    expect(preview.truncated).toBe(true);
  });

  it('copes with an empty blob', () => {
    expect(previewCsv(new Uint8Array(0), 0)).toEqual({ columns: [], rows: [], truncated: false });
  });
});
