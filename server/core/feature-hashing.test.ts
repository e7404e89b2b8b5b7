import { describe, expect, it } from 'vitest';
import { murmur3String } from './murmur3';
import { DEMO_HASHING, FeatureHasher, featureColumnNames, tokenize } from './feature-hashing';

describe('FeatureHasher', () => {
  const demo = new FeatureHasher(DEMO_HASHING);

  it('matches every row of the reference table for "This is a good day"', () => {
    expect(demo.featureHashes('This is a good day')).toEqual([
      2997037087, 2021799277, 1009084850, 115441729, 3774761357, 1774321680, 124346987, 3423268139,
      605775306,
    ]);
  });

  it('gives the tutorial web service output 1 1 2 2 0 2 0 1', () => {
    expect(demo.featureCells('This is a good day')).toEqual([
      '1',
      '1',
      '2',
      '2',
      '0',
      '2',
      '0',
      '1',
    ]);
  });

  it('names the columns <column>_HashingFeature.<i>', () => {
    expect(featureColumnNames('Col2', 3)).toEqual([
      'Col2_HashingFeature.0',
      'Col2_HashingFeature.1',
      'Col2_HashingFeature.2',
      'Col2_HashingFeature.3',
      'Col2_HashingFeature.4',
      'Col2_HashingFeature.5',
      'Col2_HashingFeature.6',
      'Col2_HashingFeature.7',
    ]);
    expect(featureColumnNames('Col2', 1)).toEqual([
      'Col2_HashingFeature.0',
      'Col2_HashingFeature.1',
    ]);
  });

  it('splits on runs of any whitespace and keeps case and punctuation', () => {
    expect(tokenize('  Good\tbook,\n\nGOOD  ')).toEqual(['Good', 'book,', 'GOOD']);
    expect(demo.tokenHash('Day')).not.toBe(demo.tokenHash('day'));
    expect(new FeatureHasher(DEMO_HASHING).featureCells(' \t ')).toEqual(Array(8).fill('0'));
  });

  it('hashes an all-digit token to its integer value modulo 2^32', () => {
    expect(demo.tokenHash('0')).toBe(0);
    expect(demo.tokenHash('42')).toBe(42);
    expect(demo.tokenHash('4294967296')).toBe(0);
    expect(demo.tokenHash('4294967301')).toBe(5);
    // Mixed tokens are text: murmur3 of the bytes.
    expect(demo.tokenHash('42a')).not.toBe(42);
  });

  it('uses the bit size as a mask over the same hashes', () => {
    // The reference hashes masked to 4 bits: 15 13 2 1 13 | 0 11 11 10
    const k4 = new FeatureHasher({ bitSize: 4, ngrams: 2 }).featureCells('This is a good day');
    const expected = Array(16).fill('0');
    for (const [col, n] of [
      [15, 1],
      [13, 2],
      [2, 1],
      [1, 1],
      [0, 1],
      [11, 2],
      [10, 1],
    ] as const) {
      expected[col] = String(n);
    }
    expect(k4).toEqual(expected);
    // 1 bit: parity of the nine hashes -> three even, six odd.
    expect(new FeatureHasher({ bitSize: 1, ngrams: 2 }).featureCells('This is a good day')).toEqual(
      ['3', '6'],
    );
  });

  it('counts unigrams only for N-grams 0 and 1', () => {
    for (const ngrams of [0, 1]) {
      const hasher = new FeatureHasher({ bitSize: 3, ngrams });
      // Unigram columns 7 5 2 1 5.
      expect(hasher.featureCells('This is a good day')).toEqual([
        '0',
        '1',
        '1',
        '0',
        '0',
        '2',
        '0',
        '1',
      ]);
    }
  });

  it('folds trigrams with the quadratic constant', () => {
    const hasher = new FeatureHasher({ bitSize: 3, ngrams: 3 });
    const hashes = hasher.featureHashes('This is a good day');
    expect(hashes).toHaveLength(5 + 4 + 3);
    const fold = (a: number, b: number) => Number((BigInt(a) * 27942141n + BigInt(b)) % 2n ** 32n);
    expect(hashes[9]).toBe(fold(fold(2997037087, 2021799277), 1009084850));
    expect(hashes[11]).toBe(fold(fold(1009084850, 115441729), 3774761357));
    // A text shorter than n simply has no n-grams of that size.
    expect(new FeatureHasher({ bitSize: 3, ngrams: 10 }).featureHashes('one two')).toHaveLength(3);
  });

  it('handles the largest bit size without overflowing the mask', () => {
    const hasher = new FeatureHasher({ bitSize: 31, ngrams: 2 });
    expect(hasher.mask).toBe(2 ** 31 - 1);
    const counts = hasher.countFeatures('This is');
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(
      [2997037087 & 0x7fffffff, 2021799277 & 0x7fffffff, 1774321680].sort((a, b) => a - b),
    );
  });

  it('hashes long and non-ASCII tokens by their UTF-8 bytes', () => {
    // Longer than the initial scratch buffer, so the hasher must grow it.
    const long = 'é'.repeat(2000);
    const hasher = new FeatureHasher(DEMO_HASHING);
    expect(hasher.tokenHash('ππππππππ')).toBe(murmur3String('ππππππππ'));
    expect(hasher.tokenHash(long)).toBe(murmur3String(long));
    expect(hasher.tokenHash('ab')).toBe(murmur3String('ab'));
  });

  it('agrees with the plain reference walk (split on \\s, murmur of UTF-8) on awkward text', () => {
    const reference = (text: string, ngrams: number): number[] => {
      const hashes = tokenize(text).map((t) =>
        /^[0-9]+$/.test(t) ? Number(BigInt(t) % 2n ** 32n) : murmur3String(t),
      );
      const all = [...hashes];
      for (let m = 2; m <= ngrams; m++) {
        for (let s = 0; s + m <= hashes.length; s++) {
          let h = BigInt(hashes[s] as number);
          for (let j = 1; j < m; j++)
            h = (h * 27942141n + BigInt(hashes[s + j] as number)) % 2n ** 32n;
          all.push(Number(h));
        }
      }
      return all;
    };
    const texts = [
      'Ünïcödé café\u00a0naïve\u2003text\u3000日本語 テキスト\ufeffend',
      '  leading and trailing  ',
      'tabs\tand\nnew\r\nlines\vvertical\fform',
      'emoji 😀 mixed😀text 12345678901234567890 007',
      '',
    ];
    for (const text of texts) {
      for (const ngrams of [0, 2, 4]) {
        expect(new FeatureHasher({ bitSize: 8, ngrams }).featureHashes(text)).toEqual(
          reference(text, ngrams),
        );
      }
    }
  });

  it('writes the same counts as CSV as it returns as cells', () => {
    const hasher = new FeatureHasher(DEMO_HASHING);
    expect(hasher.csvCounts('This is a good day')).toBe(',1,1,2,2,0,2,0,1');
    // The dense counter is reset between rows.
    expect(hasher.csvCounts('This is a good day')).toBe(',1,1,2,2,0,2,0,1');
    expect(hasher.csvCounts('')).toBe(',0,0,0,0,0,0,0,0');
    expect(new FeatureHasher({ bitSize: 3, ngrams: 0 }).csvCounts('This is a good day')).toBe(
      ',0,1,1,0,0,2,0,1',
    );
  });
});
