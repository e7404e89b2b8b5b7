import { murmur3Ascii, murmur3X86_32 } from './murmur3';

/**
 * Feature Hashing as the classic Azure ML Studio module computes it (Vowpal Wabbit hashing):
 * see docs/reference/feature-hashing.md for the algorithm and the tutorial's worked example.
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
/** Up to this many columns a dense counter is used; beyond it, a sparse map. */
const DENSE_LIMIT = 2 ** 20;

export function featureColumnNames(column: string, bitSize: number): string[] {
  const names: string[] = [];
  const count = 2 ** bitSize;
  for (let i = 0; i < count; i++) names.push(`${column}_HashingFeature.${i}`);
  return names;
}

/** The reference tokenizer: split on runs of whitespace (JavaScript's `\s`). */
export function tokenize(text: string): string[] {
  return text.split(WHITESPACE).filter((token) => token.length > 0);
}

/** Exactly the characters of JavaScript's `\s`, without a regex per character. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Hashes text cells. One instance keeps its scratch buffers, so that a batch job of a million
 * rows allocates almost nothing per row: tokens are hashed in place from the string.
 */
export class FeatureHasher {
  readonly settings: HashingSettings;
  readonly mask: number;
  readonly width: number;
  private scratch = Buffer.alloc(1024);
  private unigrams: number[] = [];
  private unigramCount = 0;
  private readonly dense: Int32Array | undefined;
  private readonly touched: number[] = [];

  constructor(settings: HashingSettings) {
    this.settings = settings;
    this.width = 2 ** settings.bitSize;
    // 2^31 - 1 needs the unsigned shift: (1 << 31) is negative in 32-bit arithmetic.
    this.mask = (this.width - 1) >>> 0;
    this.dense = this.width <= DENSE_LIMIT ? new Int32Array(this.width) : undefined;
  }

  tokenHash(token: string): number {
    return this.hashRange(token, 0, token.length);
  }

  /** Every unigram and n-gram hash of the text (unmasked): unigrams first, then 2-grams, ... */
  featureHashes(text: string): number[] {
    const all: number[] = [];
    this.forEachHash(text, (hash) => all.push(hash));
    return all;
  }

  /** Sparse counts: column index -> count, only for columns that are not zero. */
  countFeatures(text: string): Map<number, number> {
    const counts = new Map<number, number>();
    this.forEachHash(text, (hash) => {
      const column = (hash & this.mask) >>> 0;
      counts.set(column, (counts.get(column) ?? 0) + 1);
    });
    return counts;
  }

  /** The feature cells of one row as the service emits them: every count a string. */
  featureCells(text: string): string[] {
    const cells = new Array<string>(this.width).fill('0');
    if (!this.dense) {
      for (const [column, count] of this.countFeatures(text)) cells[column] = String(count);
      return cells;
    }
    this.countDense(text);
    for (const column of this.touched) cells[column] = String(this.dense[column]);
    this.resetDense();
    return cells;
  }

  /** The counts as a delimited fragment ",c0,c1,...": the batch job's hot path. */
  csvCounts(text: string, delimiter = ','): string {
    const dense = this.dense;
    if (!dense) return `${delimiter}${this.featureCells(text).join(delimiter)}`;
    this.countDense(text);
    let out = '';
    for (let column = 0; column < this.width; column++) out += `${delimiter}${dense[column]}`;
    this.resetDense();
    return out;
  }

  /** Same walk as forEachHash, inlined: this runs for every row of a batch job. */
  private countDense(text: string): void {
    const dense = this.dense as Int32Array;
    const mask = this.mask;
    const touched = this.touched;
    this.collectUnigrams(text);
    const unigrams = this.unigrams;
    const count = this.unigramCount;
    const maxGram = Math.max(1, this.settings.ngrams);
    for (let m = 1; m <= maxGram; m++) {
      for (let start = 0; start + m <= count; start++) {
        let h = unigrams[start] as number;
        for (let j = 1; j < m; j++) {
          h = (Math.imul(h, NGRAM_FOLD) + (unigrams[start + j] as number)) >>> 0;
        }
        const column = (h & mask) >>> 0;
        if (dense[column] === 0) touched.push(column);
        dense[column] = (dense[column] as number) + 1;
      }
    }
  }

  private resetDense(): void {
    const dense = this.dense as Int32Array;
    for (const column of this.touched) dense[column] = 0;
    this.touched.length = 0;
  }

  private forEachHash(text: string, visit: (hash: number) => void): void {
    this.collectUnigrams(text);
    const unigrams = this.unigrams;
    const count = this.unigramCount;
    for (let i = 0; i < count; i++) visit(unigrams[i] as number);
    const maxGram = this.settings.ngrams;
    for (let m = 2; m <= maxGram; m++) {
      for (let start = 0; start + m <= count; start++) {
        let h = unigrams[start] as number;
        for (let j = 1; j < m; j++) {
          h = (Math.imul(h, NGRAM_FOLD) + (unigrams[start + j] as number)) >>> 0;
        }
        visit(h);
      }
    }
  }

  private collectUnigrams(text: string): void {
    const n = text.length;
    let count = 0;
    let i = 0;
    while (i < n) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      while (i < n && !isSpace(text.charCodeAt(i))) i++;
      this.unigrams[count++] = this.hashRange(text, start, i);
    }
    this.unigramCount = count;
  }

  private hashRange(text: string, start: number, end: number): number {
    let digits = true;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) digits = false;
      if (c >= 128) ascii = false;
    }
    if (digits && end > start) {
      let value = 0;
      for (let i = start; i < end; i++)
        value = (value * 10 + (text.charCodeAt(i) - 48)) % 4294967296;
      return value;
    }
    if (ascii) return murmur3Ascii(text, start, end, 0);
    const token = text.slice(start, end);
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (token.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(token.length * 3);
    const length = this.scratch.write(token, 0, 'utf8');
    return murmur3X86_32(this.scratch, length, 0);
  }
}
