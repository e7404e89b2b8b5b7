import { TableClient, odata, type TransactionAction } from '@azure/data-tables';
import type { GatewayCallRecord } from '../../gateway/call-record';
import { DIMENSION_LEVELS, TOTAL_LEVELS, type BucketLevel } from './bucket-plan';
import {
  CALLS_TABLE,
  HOUR_MS,
  bucketPartition,
  bucketRowPrefix,
  bucketStartFromRowKey,
  bucketTable,
  callsPartition,
  cellKey,
  decodeCells,
  decodeChunk,
  encodeCells,
  encodeChunk,
  groupStart,
  type BucketCell,
  type CallChunk,
  type Projection,
} from './usage-tables';

export interface BucketRow {
  table: string;
  projection: Projection;
  partitionKey: string;
  rowKey: string;
  /** The group's start (see groupSpan). */
  start: number;
  /** By cellKey: a bucket's start and combination (none in a total row). */
  cells: Map<string, BucketCell>;
}

/** Table storage for usage: the calls and their buckets. One writer (the recorder) per account. */
export interface UsageStore {
  ensureTables(): Promise<void>;
  writeChunks(chunks: CallChunk[]): Promise<void>;
  writeBuckets(rows: BucketRow[]): Promise<void>;
  /** Every bucket row of one partition (the recorder loads a partition before adding to it). */
  readPartition(table: string, partitionKey: string): Promise<BucketRow[]>;
  queryBuckets(
    level: BucketLevel,
    projection: Projection,
    start: number,
    end: number,
  ): Promise<BucketRow[]>;
  /** The calls of one UTC hour (given by its start) with start <= timestamp < end. */
  queryCallsInHour(hourStart: number, start: number, end: number): Promise<GatewayCallRecord[]>;
}

/** An entity batch is at most 100 operations and 4 MB. */
const MAX_TRANSACTION_OPS = 100;
const MAX_TRANSACTION_CHUNKS = 30;

/** Table clients for a storage connection string (Azurite's is plain http). */
export function tableClientFactory(connectionString: string): (table: string) => TableClient {
  return (table) =>
    TableClient.fromConnectionString(connectionString, table, {
      allowInsecureConnection: /DefaultEndpointsProtocol=http;/i.test(connectionString),
      // A quick retry covers a dropped keep-alive socket; an outage is the recorder's to retry
      // on its own schedule, and a report answers 503 soon instead of hanging.
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
    });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createUsageStore(clientFor: (table: string) => TableClient): UsageStore {
  const clients = new Map<string, TableClient>();
  const client = (table: string): TableClient => {
    let c = clients.get(table);
    if (!c) {
      c = clientFor(table);
      clients.set(table, c);
    }
    return c;
  };

  const toRow = (table: string, entity: Record<string, unknown>): BucketRow => {
    const rowKey = String(entity.rowKey);
    return {
      table,
      projection: table.endsWith('total') ? 'total' : 'dims',
      partitionKey: String(entity.partitionKey),
      rowKey,
      start: bucketStartFromRowKey(rowKey),
      cells: new Map(decodeCells(entity).map((c) => [cellKey(c.start, c.dims), c])),
    };
  };

  const list = async (table: string, filter: string): Promise<BucketRow[]> => {
    const rows: BucketRow[] = [];
    for await (const entity of client(table).listEntities({ queryOptions: { filter } }))
      rows.push(toRow(table, entity));
    return rows;
  };

  return {
    async ensureTables() {
      const tables = [
        CALLS_TABLE,
        ...TOTAL_LEVELS.map((l) => bucketTable(l, 'total')),
        ...DIMENSION_LEVELS.map((l) => bucketTable(l, 'dims')),
      ];
      // createTable answers "already exists" without throwing.
      await Promise.all(tables.map((t) => client(t).createTable()));
    },

    async writeChunks(chunks) {
      const entities = chunks.map(encodeChunk);
      for (const group of groupBy(entities, (e) => e.partitionKey).values()) {
        for (const batch of chunked(group, MAX_TRANSACTION_CHUNKS)) {
          const actions: TransactionAction[] = batch.map((e) => [
            'upsert',
            {
              ...e,
              // Typed: a whole number past Int32 would be refused or truncated.
              minTimestamp: { value: String(e.minTimestamp), type: 'Double' },
              maxTimestamp: { value: String(e.maxTimestamp), type: 'Double' },
            },
            'Replace',
          ]);
          await client(CALLS_TABLE).submitTransaction(actions);
        }
      }
    },

    async writeBuckets(rows) {
      for (const group of groupBy(rows, (r) => `${r.table}\n${r.partitionKey}`).values()) {
        const table = group[0]?.table ?? '';
        for (const batch of chunked(group, MAX_TRANSACTION_OPS)) {
          const actions: TransactionAction[] = batch.map((r) => [
            'upsert',
            {
              partitionKey: r.partitionKey,
              rowKey: r.rowKey,
              ...encodeCells(r.cells.values()),
            },
            'Replace',
          ]);
          await client(table).submitTransaction(actions);
        }
      }
    },

    readPartition(table, partitionKey) {
      return list(table, odata`PartitionKey eq ${partitionKey}`);
    },

    async queryBuckets(level, projection, start, end) {
      if (start >= end) return [];
      const table = bucketTable(level, projection);
      const first = groupStart(level, start);
      const last = groupStart(level, end - 1);
      const filter = odata`PartitionKey ge ${bucketPartition(level, first)} and PartitionKey le ${bucketPartition(level, last)} and RowKey ge ${bucketRowPrefix(first)} and RowKey le ${bucketRowPrefix(last)}`;
      const rows = await list(table, filter);
      // The first and last groups may hold buckets outside the range.
      for (const row of rows)
        for (const [key, cell] of row.cells)
          if (cell.start < start || cell.start >= end) row.cells.delete(key);
      return rows;
    },

    async queryCallsInHour(hourStart, start, end) {
      const calls: GatewayCallRecord[] = [];
      const filter =
        start <= hourStart && end >= hourStart + HOUR_MS
          ? odata`PartitionKey eq ${callsPartition(hourStart)}`
          : odata`PartitionKey eq ${callsPartition(hourStart)} and maxTimestamp ge ${start} and minTimestamp lt ${end}`;
      for await (const entity of client(CALLS_TABLE).listEntities<{ calls: Uint8Array }>({
        queryOptions: { filter },
      })) {
        for (const call of decodeChunk(entity.calls))
          if (call.timestamp >= start && call.timestamp < end) calls.push(call);
      }
      return calls;
    },
  };
}
