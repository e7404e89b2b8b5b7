import { describe, expect, it } from 'vitest';
import type { GatewayCallRecord } from '../../gateway/call-record';
import { createUsageRecorder } from './usage-recorder';
import type { BucketRow, UsageStore } from './usage-store';
import type { CallChunk } from './usage-tables';

/** Storage in memory that can be made to fail, to see what the recorder does about it. */
function memoryStore() {
  const buckets = new Map<string, BucketRow>();
  const chunks = new Map<string, CallChunk>();
  const state = { failChunks: 0, failBuckets: 0 };
  const store: UsageStore = {
    ensureTables: async () => {},
    writeChunks: async (list) => {
      if (state.failChunks-- > 0) throw new Error('storage down');
      for (const c of list) chunks.set(`${c.partitionKey}/${c.rowKey}`, c);
    },
    writeBuckets: async (rows) => {
      if (state.failBuckets-- > 0) throw new Error('storage down');
      for (const r of rows)
        buckets.set(`${r.table}/${r.partitionKey}/${r.rowKey}`, structuredClone(r));
    },
    readPartition: async (table, pk) =>
      [...buckets.values()]
        .filter((r) => r.table === table && r.partitionKey === pk)
        .map((r) => structuredClone(r)),
    queryBuckets: async () => [],
    queryCallsInHour: async () => [],
  };
  const total = (table: string) =>
    [...buckets.values()]
      .filter((r) => r.table === table)
      .flatMap((r) => [...r.cells.values()])
      .reduce(
        (sum, c) => sum + c.stats.success + c.stats.blocked + c.stats.failed + c.stats.other,
        0,
      );
  const storedCalls = () => [...chunks.values()].reduce((sum, c) => sum + c.calls.length, 0);
  return { store, state, total, storedCalls };
}

const call = (i: number, responseCode = 200): GatewayCallRecord => ({
  timestamp: Date.parse('2026-11-30T10:00:00Z') + i * 1000,
  apiId: '/apis/a',
  operationId: '/apis/a/operations/o',
  productId: '/products/starter',
  subscriptionId: '/subscriptions/s',
  userId: '/users/u',
  method: 'GET',
  url: '/a/o',
  ipAddress: '127.0.0.1',
  responseCode,
  backendResponseCode: responseCode,
  requestSize: 1,
  responseSize: 2,
  apiTime: 3,
  serviceTime: 2,
  requestId: `r${i}`,
});

describe('createUsageRecorder', () => {
  it('keeps calls through failed writes and adds each to its buckets exactly once', async () => {
    const memory = memoryStore();
    const recorder = createUsageRecorder({ store: memory.store, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) recorder.record(call(i));
    memory.state.failBuckets = 2;
    expect(await recorder.flush()).toBe(false);
    expect(await recorder.flush()).toBe(false);
    expect(recorder.stats()).toMatchObject({
      recorded: 10,
      written: 0,
      pending: 10,
      failedAttempts: 2,
      dropped: 0,
    });
    recorder.record(call(10, 429));
    expect(await recorder.flush()).toBe(true);
    expect(recorder.stats()).toMatchObject({
      recorded: 11,
      written: 11,
      pending: 0,
      failedAttempts: 2,
    });
    expect(memory.storedCalls()).toBe(11);
    expect(memory.total('usage1mtotal')).toBe(11);
    expect(memory.total('usage5mdims')).toBe(11);
    expect(memory.total('usage1dtotal')).toBe(11);
    await recorder.close();
  });

  it('a new recorder on the same storage adds to the buckets it finds', async () => {
    const memory = memoryStore();
    const first = createUsageRecorder({ store: memory.store });
    first.record(call(1));
    expect(await first.close()).toBe(true);
    const second = createUsageRecorder({ store: memory.store });
    second.record(call(2));
    second.record(call(3));
    expect(await second.close()).toBe(true);
    expect(memory.total('usage1mtotal')).toBe(3);
    expect(memory.total('usage1hdims')).toBe(3);
  });

  it('counts and logs what it cannot keep, never throws to the caller', async () => {
    const memory = memoryStore();
    const lines: string[] = [];
    memory.state.failChunks = Infinity;
    const recorder = createUsageRecorder({
      store: memory.store,
      maxPending: 3,
      flushIntervalMs: 60_000,
      log: (line) => lines.push(line),
    });
    for (let i = 0; i < 5; i++) expect(() => recorder.record(call(i))).not.toThrow();
    expect(recorder.stats()).toMatchObject({ recorded: 5, pending: 3, dropped: 2 });
    expect(lines).toEqual(['usage: 1 calls dropped, 3 already waiting for storage.']);
    expect(await recorder.close(300)).toBe(false);
    expect(lines.at(-1)).toMatch(
      /^usage: 3 calls could not be written before shutdown \(storage down\)\.$/,
    );
  });
});
