import { createHash } from 'node:crypto';

/**
 * The timestamps of the newest calls counted, oldest first, in a ring that grows up to the
 * largest `calls` it has been asked about. Whether one more call fits under `calls` in the last
 * `period` depends only on the `calls` newest timestamps, so keeping those makes the sliding
 * window exact: admission looks at one entry, the calls left take a binary search.
 */
export class SlidingWindow {
  private ring = new Float64Array(0);
  private head = 0;
  private size = 0;

  /** The timestamp of the k-th newest entry (k = 1 is the newest). */
  newest(k = 1): number | undefined {
    if (k < 1 || k > this.size) return undefined;
    return this.at(this.size - k);
  }

  /** How many of the `limit` newest entries are after `cutoff`. */
  countAfter(cutoff: number, limit: number): number {
    const first = Math.max(0, this.size - limit);
    let low = first;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle) > cutoff) high = middle;
      else low = middle + 1;
    }
    return this.size - low;
  }

  /** Counts `units` calls at `time`, keeping at least the `capacity` newest. */
  add(time: number, units: number, capacity: number): void {
    // A clock that steps back must not unsort the ring: the entry is kept at the newest time.
    const at = Math.max(time, this.newest() ?? time);
    for (let i = 0; i < Math.min(units, capacity); i += 1) this.push(at, capacity);
  }

  entries(): number[] {
    return Array.from({ length: this.size }, (_, i) => this.at(i));
  }

  private at(index: number): number {
    return this.ring[(this.head + index) % this.ring.length] ?? 0;
  }

  private push(time: number, capacity: number): void {
    if (this.size < this.ring.length) {
      this.ring[(this.head + this.size) % this.ring.length] = time;
      this.size += 1;
      return;
    }
    if (this.ring.length < capacity) {
      const grown = new Float64Array(Math.min(capacity, Math.max(4, this.ring.length * 2)));
      grown.set(this.entries());
      this.ring = grown;
      this.head = 0;
      this.ring[this.size] = time;
      this.size += 1;
      return;
    }
    this.ring[this.head] = time;
    this.head = (this.head + 1) % this.ring.length;
  }
}

/** A count in a fixed period that started at `periodStart`. */
export interface FixedWindow {
  periodStart: number;
  count: number;
}

type Counter =
  | { kind: 'sliding'; window: SlidingWindow; subscriptionId?: string }
  | { kind: 'fixed'; window: FixedWindow; subscriptionId?: string };

/** rate-limit windows are at most 300 s: older entries never matter again. */
const SLIDING_HORIZON_MS = 300_000;
const MAX_VALUE_CHARS = 29_000;
const MAX_KEY_CHARS = 500;

/**
 * The counters of every limit, in memory, written behind: the store hands out what changed
 * since it was last asked, and takes back what it once wrote at start-up.
 */
export class CounterStore {
  private readonly counters = new Map<string, Counter>();
  private readonly dirty = new Set<string>();

  constructor(private readonly clock: () => number) {}

  sliding(key: string, subscriptionId: string | undefined): SlidingWindow {
    const counter = this.counters.get(key);
    if (counter?.kind === 'sliding') return counter.window;
    const window = new SlidingWindow();
    this.counters.set(key, {
      kind: 'sliding',
      window,
      ...(subscriptionId === undefined ? {} : { subscriptionId }),
    });
    return window;
  }

  fixed(key: string, subscriptionId: string | undefined): FixedWindow {
    const counter = this.counters.get(key);
    if (counter?.kind === 'fixed') return counter.window;
    const window: FixedWindow = { periodStart: Number.NEGATIVE_INFINITY, count: 0 };
    this.counters.set(key, {
      kind: 'fixed',
      window,
      ...(subscriptionId === undefined ? {} : { subscriptionId }),
    });
    return window;
  }

  touch(key: string): void {
    this.dirty.add(key);
  }

  takeDirty(): Array<[key: string, value: string]> {
    const now = this.clock();
    const entries: Array<[string, string]> = [];
    for (const key of this.dirty) {
      const counter = this.counters.get(key);
      if (counter) entries.push([key, serializeCounter(counter, now)]);
    }
    this.dirty.clear();
    // A sliding window idle past the longest period is empty: it need not stay in memory.
    for (const [key, counter] of this.counters) {
      if (counter.kind === 'sliding' && (counter.window.newest() ?? 0) <= now - SLIDING_HORIZON_MS)
        this.counters.delete(key);
    }
    return entries;
  }

  markDirty(keys: readonly string[]): void {
    for (const key of keys) if (this.counters.has(key)) this.dirty.add(key);
  }

  restore(entries: Iterable<[string, string]>): void {
    for (const [key, value] of entries) {
      if (!isStorageKey(key)) continue;
      const counter = parseCounter(value);
      if (counter) this.counters.set(key, counter);
    }
  }

  forgetSubscription(subscriptionId: string): void {
    for (const [key, counter] of this.counters) {
      if (counter.subscriptionId !== subscriptionId) continue;
      // Written as empty so that a restart does not bring the counts back.
      this.counters.set(
        key,
        counter.kind === 'sliding'
          ? { kind: 'sliding', window: new SlidingWindow() }
          : { kind: 'fixed', window: { periodStart: Number.NEGATIVE_INFINITY, count: 0 } },
      );
      this.dirty.add(key);
    }
  }
}

/**
 * A key safe as an Azure Table row key: each part with everything but [A-Za-z0-9_] written as
 * `.` and two hex digits per UTF-8 byte, parts joined by `-`; a SHA-256 when that is too long.
 */
export function storageKey(parts: readonly string[]): string {
  const key = parts
    .map((part) =>
      /^[A-Za-z0-9_]*$/.test(part)
        ? part
        : Array.from(new TextEncoder().encode(part), (byte) => {
            const c = String.fromCharCode(byte);
            return /[A-Za-z0-9_]/.test(c)
              ? c
              : `.${byte.toString(16).toUpperCase().padStart(2, '0')}`;
          }).join(''),
    )
    .join('-');
  if (key.length <= MAX_KEY_CHARS) return key;
  return `h-${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}

function isStorageKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_KEY_CHARS && /^[A-Za-z0-9_.-]+$/.test(key);
}

interface StoredCounter {
  v: 1;
  /** Sliding: "time[*repeat],delta[*repeat],..." in base 36, milliseconds. */
  w?: string;
  /** Fixed: period start (ms) and count. */
  p?: number;
  c?: number;
  s?: string;
}

function serializeCounter(counter: Counter, now: number): string {
  const stored: StoredCounter = { v: 1 };
  if (counter.kind === 'sliding') {
    const live = counter.window.entries().filter((time) => time > now - SLIDING_HORIZON_MS);
    let encoded = encodeTimes(live);
    // Rounded up to the second, calls are kept longer than they were made, never shorter.
    if (encoded.length > MAX_VALUE_CHARS)
      encoded = encodeTimes(live.map((time) => Math.ceil(time / 1000) * 1000));
    stored.w = encoded;
  } else {
    stored.p = Number.isFinite(counter.window.periodStart) ? counter.window.periodStart : 0;
    stored.c = Number.isFinite(counter.window.periodStart) ? counter.window.count : 0;
  }
  if (counter.subscriptionId !== undefined) stored.s = counter.subscriptionId;
  return JSON.stringify(stored);
}

function encodeTimes(times: readonly number[]): string {
  const runs: string[] = [];
  let previous = 0;
  let i = 0;
  while (i < times.length) {
    const time = times[i] ?? 0;
    let repeat = 1;
    while (times[i + repeat] === time) repeat += 1;
    runs.push(
      `${Math.round(time - previous).toString(36)}${repeat > 1 ? `*${repeat.toString(36)}` : ''}`,
    );
    previous = time;
    i += repeat;
  }
  return runs.join(',');
}

function parseCounter(value: string): Counter | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { v, w, p, c, s } = stored as Record<string, unknown>;
  if (v !== 1 || (s !== undefined && typeof s !== 'string')) return undefined;
  const subscription = s === undefined ? {} : { subscriptionId: s };
  if (typeof w === 'string') {
    const times = decodeTimes(w);
    if (!times) return undefined;
    const window = new SlidingWindow();
    for (const time of times) window.add(time, 1, times.length);
    return { kind: 'sliding', window, ...subscription };
  }
  if (
    typeof p === 'number' &&
    typeof c === 'number' &&
    Number.isFinite(p) &&
    Number.isSafeInteger(c) &&
    c >= 0
  )
    return { kind: 'fixed', window: { periodStart: p, count: c }, ...subscription };
  return undefined;
}

function decodeTimes(encoded: string): number[] | undefined {
  if (encoded === '') return [];
  const times: number[] = [];
  let previous = 0;
  for (const run of encoded.split(',')) {
    const match = /^(-?[0-9a-z]+)(?:\*([0-9a-z]+))?$/.exec(run);
    if (!match?.[1]) return undefined;
    const time = previous + Number.parseInt(match[1], 36);
    const repeat = match[2] === undefined ? 1 : Number.parseInt(match[2], 36);
    if (
      !Number.isFinite(time) ||
      !Number.isSafeInteger(repeat) ||
      repeat < 1 ||
      repeat > 10_000_000
    )
      return undefined;
    for (let i = 0; i < repeat; i += 1) times.push(time);
    previous = time;
  }
  return times;
}
