import { randomUUID } from 'node:crypto';
import type { GatewayCallRecord } from '../../gateway/call-record';
import { DIMENSION_LEVELS, TOTAL_LEVELS, type BucketLevel } from './bucket-plan';
import { emptyStats, mergeStats, statsOfCall } from './call-stats';
import type { BucketRow, UsageStore } from './usage-store';
import {
  MAX_CHUNK_BYTES,
  bucketPartition,
  bucketRowPrefix,
  bucketTable,
  callsChunkRowKey,
  callsPartition,
  NO_DIMENSIONS,
  cellKey,
  dimensionsOf,
  groupStart,
  encodeChunk,
  type CallChunk,
  type Projection,
} from './usage-tables';

export interface UsageRecorderStats {
  /** Calls handed to `record`. */
  recorded: number;
  /** Calls whose record and buckets are in storage. */
  written: number;
  /** Calls waiting to be written (including those being retried). */
  pending: number;
  /** Write attempts that failed (each is retried). */
  failedAttempts: number;
  /** Calls not kept because `maxPending` calls were already waiting; logged, never silent. */
  dropped: number;
  lastError: string | undefined;
}

export interface UsageRecorder {
  /** Queues a call; never throws, never waits. */
  record(call: GatewayCallRecord): void;
  /** Writes what is queued now; resolves true when nothing is left to write. */
  flush(): Promise<boolean>;
  stats(): UsageRecorderStats;
  /** Stops the timer and writes what is left, retrying until `timeoutMs`; true if all was written. */
  close(timeoutMs?: number): Promise<boolean>;
}

export interface UsageRecorderOptions {
  store: UsageStore;
  flushIntervalMs?: number;
  /** A flush starts early once this many calls wait. */
  batchSize?: number;
  maxPending?: number;
  /** Calls per stored chunk. */
  chunkSize?: number;
  log?: (message: string) => void;
  maxRetryDelayMs?: number;
}

const LEVELS: Array<[BucketLevel, Projection]> = [
  ...TOTAL_LEVELS.map((l): [BucketLevel, Projection] => [l, 'total']),
  ...DIMENSION_LEVELS.map((l): [BucketLevel, Projection] => [l, 'dims']),
];
/** Clean partitions kept in memory; older ones are reloaded if a late call needs them. */
const MAX_CACHED_PARTITIONS = 64;

/**
 * Batches gateway calls into Table storage. A call is added to its buckets exactly once:
 * bucket rows are kept in memory (loaded a partition at a time) and written whole, so a
 * retried write repeats the same values instead of adding twice.
 */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const {
    store,
    flushIntervalMs = 1000,
    batchSize = 500,
    maxPending = 100_000,
    chunkSize = 500,
    log = () => {},
    maxRetryDelayMs = 30_000,
  } = options;

  let queue: GatewayCallRecord[] = [];
  /** Chunks whose calls are in the buckets but not yet stored. */
  let unwrittenChunks: CallChunk[] = [];
  /** Calls added to buckets (memory) since the last fully successful write. */
  let unconfirmed = 0;
  const partitions = new Map<string, Map<string, BucketRow>>();
  const dirty = new Map<string, BucketRow>();
  const counters = { recorded: 0, written: 0, failedAttempts: 0, dropped: 0 };
  let lastError: string | undefined;
  let failing = false;
  let retryDelay = flushIntervalMs;
  let running: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let chunkSeq = 0;
  const writerId = randomUUID().slice(0, 8);

  const pending = () => queue.length + unconfirmed;

  const schedule = (delay: number) => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
    timer.unref();
  };

  const partitionId = (table: string, pk: string) => `${table}\n${pk}`;

  async function loadPartitions(calls: GatewayCallRecord[]): Promise<void> {
    const missing = new Map<string, [string, string]>();
    for (const call of calls) {
      for (const [level, projection] of LEVELS) {
        const table = bucketTable(level, projection);
        const pk = bucketPartition(level, groupStart(level, call.timestamp));
        const id = partitionId(table, pk);
        if (!partitions.has(id)) missing.set(id, [table, pk]);
      }
    }
    await Promise.all(
      [...missing].map(async ([id, [table, pk]]) => {
        const rows = await store.readPartition(table, pk);
        partitions.set(id, new Map(rows.map((r) => [r.rowKey, r])));
      }),
    );
  }

  function addToBuckets(call: GatewayCallRecord): void {
    const stats = statsOfCall(call);
    const callDims = dimensionsOf(call);
    for (const [level, projection] of LEVELS) {
      const table = bucketTable(level, projection);
      const group = groupStart(level, call.timestamp);
      const start = Math.floor(call.timestamp / level.ms) * level.ms;
      const pk = bucketPartition(level, group);
      const rowKey = bucketRowPrefix(group);
      const rows = partitions.get(partitionId(table, pk));
      if (!rows) throw new Error(`usage partition ${table}/${pk} not loaded`);
      let row = rows.get(rowKey);
      if (!row) {
        row = { table, projection, partitionKey: pk, rowKey, start: group, cells: new Map() };
        rows.set(rowKey, row);
      }
      const dims = projection === 'total' ? NO_DIMENSIONS : callDims;
      const key = cellKey(start, dims);
      const cell = row.cells.get(key);
      if (cell) mergeStats(cell.stats, stats);
      else row.cells.set(key, { start, dims, stats: mergeStats(emptyStats(), stats) });
      dirty.set(`${table}\n${pk}\n${rowKey}`, row);
    }
  }

  function chunk(calls: GatewayCallRecord[]): CallChunk[] {
    const chunks: CallChunk[] = [];
    const byHour = new Map<string, GatewayCallRecord[]>();
    for (const call of calls) {
      const pk = callsPartition(call.timestamp);
      const list = byHour.get(pk);
      if (list) list.push(call);
      else byHour.set(pk, [call]);
    }
    const make = (pk: string, part: GatewayCallRecord[]) => {
      const max = Math.max(...part.map((c) => c.timestamp));
      const candidate = {
        partitionKey: pk,
        rowKey: callsChunkRowKey(max, `${writerId}${String(chunkSeq++).padStart(9, '0')}`),
        calls: part,
      };
      // Long URLs can make a chunk too big for one Binary property: split it.
      if (part.length > 1 && encodeChunk(candidate).calls.byteLength > MAX_CHUNK_BYTES) {
        const half = Math.ceil(part.length / 2);
        make(pk, part.slice(0, half));
        make(pk, part.slice(half));
      } else chunks.push(candidate);
    };
    for (const [pk, list] of byHour) {
      for (let i = 0; i < list.length; i += chunkSize) make(pk, list.slice(i, i + chunkSize));
    }
    return chunks;
  }

  function evictCleanPartitions(): void {
    if (partitions.size <= MAX_CACHED_PARTITIONS) return;
    const dirtyPartitions = new Set(
      [...dirty.values()].map((r) => partitionId(r.table, r.partitionKey)),
    );
    for (const id of partitions.keys()) {
      if (partitions.size <= MAX_CACHED_PARTITIONS) break;
      if (!dirtyPartitions.has(id)) partitions.delete(id);
    }
  }

  async function writeOnce(): Promise<boolean> {
    // A copy: calls recorded while the partitions load wait for the next round.
    const calls = queue.slice();
    if (calls.length > 0) {
      await loadPartitions(calls);
      // Only now, with every partition loaded, are the calls taken off the queue: the step
      // below cannot fail halfway, so no call is ever added to a bucket twice.
      queue = queue.slice(calls.length);
      for (const call of calls) addToBuckets(call);
      unwrittenChunks.push(...chunk(calls));
      unconfirmed += calls.length;
    }
    if (unwrittenChunks.length > 0) {
      await store.writeChunks(unwrittenChunks);
      unwrittenChunks = [];
    }
    if (dirty.size > 0) {
      // Rows change only inside this serialized flush, so what was written is what is held.
      await store.writeBuckets([...dirty.values()]);
      dirty.clear();
    }
    if (dirty.size === 0 && unwrittenChunks.length === 0) {
      counters.written += unconfirmed;
      unconfirmed = 0;
    }
    evictCleanPartitions();
    return pending() === 0;
  }

  async function run(): Promise<boolean> {
    try {
      const done = await writeOnce();
      if (failing) {
        log(`usage storage is back; ${counters.written} calls written, ${pending()} waiting.`);
        failing = false;
      }
      retryDelay = flushIntervalMs;
      if (!done) schedule(flushIntervalMs);
      return done;
    } catch (error) {
      counters.failedAttempts++;
      lastError = error instanceof Error ? error.message : String(error);
      if (!failing) {
        log(
          `usage records could not be written (${lastError}); ${pending()} calls kept and retried.`,
        );
        failing = true;
      }
      retryDelay = Math.min(retryDelay * 2, maxRetryDelayMs);
      schedule(retryDelay);
      return false;
    }
  }

  function flush(): Promise<boolean> {
    const next: Promise<boolean> = (running ?? Promise.resolve(true)).then(() => run());
    running = next;
    void next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  return {
    record(call) {
      try {
        counters.recorded++;
        if (pending() >= maxPending) {
          counters.dropped++;
          if (counters.dropped === 1 || counters.dropped % 1000 === 0)
            log(
              `usage: ${counters.dropped} calls dropped, ${maxPending} already waiting for storage.`,
            );
          return;
        }
        queue.push(call);
        if (queue.length >= batchSize && !failing) {
          if (timer) {
            clearTimeout(timer);
            timer = undefined;
          }
          schedule(0);
        } else schedule(failing ? retryDelay : flushIntervalMs);
      } catch {
        // Recording must never fail the call it describes.
      }
    },
    flush,
    stats: () => ({ ...counters, pending: pending(), lastError }),
    async close(timeoutMs = 5000) {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const deadline = Date.now() + timeoutMs;
      let delay = 100;
      for (;;) {
        if (await flush()) return true;
        if (Date.now() + delay > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 1000);
      }
      log(`usage: ${pending()} calls could not be written before shutdown (${lastError ?? ''}).`);
      return false;
    },
  };
}
