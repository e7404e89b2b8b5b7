import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  JobFailure,
  csvCell,
  csvHashingStages,
  delimiterFor,
  type TableFormat,
} from './csv-hashing';
import { DEMO_HASHING } from './feature-hashing';

async function run(
  input: string,
  chunk = 7,
  settings = DEMO_HASHING,
  format: TableFormat = { input: ',', output: ',' },
): Promise<string> {
  let out = '';
  // Byte slices, as storage delivers them: a multi-byte character may be split across two.
  const bytes = Buffer.from(input, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  await pipeline(
    Readable.from(chunks),
    ...csvHashingStages(settings, undefined, format),
    new Writable({
      write(data: Buffer, _encoding, callback) {
        out += data.toString('utf8');
        callback();
      },
    }),
  );
  return out;
}

describe('csvHashingStages', () => {
  it('hashes Col2 wherever it is, with quoting that a CSV reader reads back', async () => {
    const input =
      '\ufeffCol1,Col2,Col3\r\n5,This is a good day,x\r\n1,"Quoted, with ""quotes""\nand a line break",y\r\n\r\n3,,z\r\n';
    const rows = parse(await run(input));
    expect(rows[0]).toEqual([
      'Col2',
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`),
    ]);
    expect(rows[1]).toEqual(['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']);
    expect(rows[2]?.[0]).toBe('Quoted, with "quotes"\nand a line break');
    expect(rows[3]).toEqual(['', '0', '0', '0', '0', '0', '0', '0', '0']);
    expect(rows).toHaveLength(4);
  });

  it('keeps rows in order across many batches', async () => {
    const lines = Array.from({ length: 1234 }, (_, i) => `row ${i}`);
    const rows = parse(await run(`Col2\n${lines.join('\n')}\n`, 100));
    expect(rows.slice(1).map((r) => r[0])).toEqual(lines);
  });

  it('gives the same output whether the input comes in tiny chunks or one large one', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},"quoted, ${i} ""x"" é😀\nline"`);
    const input = `Col1,Col2\n${lines.join('\n')}\n`;
    expect(Buffer.byteLength(input)).toBeGreaterThan(64 * 1024);
    const whole = await run(input, Buffer.byteLength(input));
    expect(whole).toBe(await run(input, 7));
    expect(parse(whole).length).toBe(3001);
  });

  it('reads and writes tab-separated files by their extension', async () => {
    expect([
      delimiterFor('in/reviews.TSV'),
      delimiterFor('reviews.csv'),
      delimiterFor('noext'),
    ]).toEqual(['\t', ',', ',']);
    const tsvIn = await run('Col1\tCol2\n5\tThis is a good day, really\n', 5, DEMO_HASHING, {
      input: '\t',
      output: ',',
    });
    expect(tsvIn.split('\n')[1]).toMatch(/^"This is a good day, really",/);
    const tsvOut = await run('Col2\nThis is a good day\n', 5, DEMO_HASHING, {
      input: ',',
      output: '\t',
    });
    expect(tsvOut.split('\n')[1]).toBe('This is a good day\t1\t1\t2\t2\t0\t2\t0\t1');
    expect(csvCell('a\tb', '\t')).toBe('"a\tb"');
    expect(csvCell('a,b', '\t')).toBe('a,b');
  });

  it('writes wide rows for the largest batch bit size', async () => {
    const rows = parse(await run('Col2\nThis is a good day\nx\n', 64, { bitSize: 16, ngrams: 2 }));
    expect(rows.map((r) => r.length)).toEqual([65537, 65537, 65537]);
    expect(rows[0]?.[65536]).toBe('Col2_HashingFeature.65535');
    const counts = rows[1]?.slice(1).map(Number) ?? [];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('fails clearly on a missing Col2 column, an empty input and malformed CSV', async () => {
    await expect(run('Text\nhello\n')).rejects.toThrow(JobFailure);
    await expect(run('Text\nhello\n')).rejects.toThrow(
      /no 'Col2' column. Its header row is "Text"/,
    );
    await expect(run('')).rejects.toThrow(/The input CSV is empty/);
    await expect(run('Col2,B\n1,2,3\n')).rejects.toThrow(/Invalid Record Length/);
  });

  it('quotes only the cells that need it', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});
