import { murmur3X86_32 } from './murmur3';

/**
 * Feature Hashing as the classic Azure ML Studio module computes it (Vowpal Wabbit hashing):
 * see shared/reference/feature-hashing.md for the algorithm and the tutorial's worked example.
 */
export interface HashingSettings {
  /** "Hashing bitsize" k: 2^k output columns. */
  bitSize: number;
  /** "N-grams" n: unigrams plus every run of 2..n tokens. */
  ngrams: number;
}

/** The tutorial's SimpleFeatureHashingExperiment (the module's own default bitsize is 10). */
export const DEMO_HASHING: HashingSettings = { bitSize: 3, ngrams: 2 };

export const BIT_SIZE_RANGE = { min: 1, max: 31 } as const;
export const NGRAM_RANGE = { min: 0, max: 10 } as const;

/** Vowpal Wabbit's `quadratic_constant`, used to fold n-gram hashes. */
const NGRAM_FOLD = 27942141;
const WHITESPACE = /\s+/;
const ALL_DIGITS = /^[0-9]+$/;

export function featureColumnNames(column: string, bitSize: number): string[] {
  const names: string[] = [];
  const count = 2 ** bitSize;
  for (let i = 0; i < count; i++) names.push(`${column}_HashingFeature.${i}`);
  return names;
}

export function tokenize(text: string): string[] {
  return text.split(WHITESPACE).filter((token) => token.length > 0);
}

/**
 * Hashes text cells. One instance keeps a scratch byte buffer so that a batch job of a million
 * rows does not allocate a Buffer per token.
 */
export class FeatureHasher {
  readonly settings: HashingSettings;
  readonly mask: number;
  private scratch = Buffer.alloc(1024);
  private hashes: number[] = [];

  constructor(settings: HashingSettings) {
    this.settings = settings;
    // 2^31 - 1 needs the unsigned shift: (1 << 31) is negative in 32-bit arithmetic.
    this.mask = (2 ** settings.bitSize - 1) >>> 0;
  }

  tokenHash(token: string): number {
    if (ALL_DIGITS.test(token)) {
      let value = 0;
      for (let i = 0; i < token.length; i++) {
        value = (value * 10 + (token.charCodeAt(i) - 48)) % 4294967296;
      }
      return value;
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (token.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(token.length * 3);
    const length = this.scratch.write(token, 0, 'utf8');
    return murmur3X86_32(this.scratch, length, 0);
  }

  /** Every unigram and n-gram hash of the text (unmasked), in a stable order. */
  featureHashes(text: string): number[] {
    const tokens = tokenize(text);
    const unigrams = this.hashes;
    unigrams.length = 0;
    for (const token of tokens) unigrams.push(this.tokenHash(token));
    const all = unigrams.slice();
    const maxGram = this.settings.ngrams;
    for (let m = 2; m <= maxGram; m++) {
      for (let start = 0; start + m <= unigrams.length; start++) {
        let h = unigrams[start] as number;
        for (let j = 1; j < m; j++) {
          h = (Math.imul(h, NGRAM_FOLD) + (unigrams[start + j] as number)) >>> 0;
        }
        all.push(h);
      }
    }
    return all;
  }

  /** Sparse counts: column index -> count, only for columns that are not zero. */
  countFeatures(text: string): Map<number, number> {
    const counts = new Map<number, number>();
    for (const hash of this.featureHashes(text)) {
      const column = (hash & this.mask) >>> 0;
      counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    return counts;
  }

  /** The feature cells of one row as the service emits them: every count a string. */
  featureCells(text: string): string[] {
    const width = this.mask + 1;
    const cells = new Array<string>(width).fill('0');
    for (const [column, count] of this.countFeatures(text)) cells[column] = String(count);
    return cells;
  }
}
