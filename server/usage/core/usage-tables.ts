import { gunzipSync, gzipSync } from 'node:zlib';
import type { GatewayCallRecord } from '../../gateway/call-record';
import type { BucketLevel } from './bucket-plan';
import { STAT_FIELDS, emptyStats, type CallStats } from './call-stats';
import type { IdField } from './report-filter';

/**
 * How usage lives in Table storage (no HTTP, no SDK here: keys and entity shapes only).
 *
 * - `usagecalls`: every call, packed into gzip'ed chunks, one partition per UTC hour. Azurite
 *   keeps a table in memory and scans it per query, so a million one-call entities would be
 *   a gigabyte; chunks of a few hundred calls keep every call at a fraction of that.
 * - `usage{level}total` and `usage{level}dims`: pre-aggregated buckets (see bucket-plan.ts), one
 *   row per bucket: totals over everything, and the figures of every combination of
 *   api/operation/product/subscription/user seen in it, gzip'ed into Binary properties (a row
 *   per combination would again be too many rows for Azurite).
 */
export const CALLS_TABLE = 'usagecalls';

export type Projection = 'total' | 'dims';

export function bucketTable(level: BucketLevel, projection: Projection): string {
  return `usage${level.name}${projection}`;
}

export type Dimensions = Record<IdField, string>;

export function dimensionsOf(call: GatewayCallRecord): Dimensions {
  return {
    apiId: call.apiId,
    operationId: call.operationId,
    productId: call.productId,
    subscriptionId: call.subscriptionId,
    userId: call.userId,
  };
}

/** The key of a dimension combination within a bucket. */
export function dimensionsKey(dims: Dimensions): string {
  return [dims.apiId, dims.operationId, dims.productId, dims.subscriptionId, dims.userId].join(
    '\n',
  );
}

export function cellKey(start: number, dims: Dimensions): string {
  return `${start}\n${dimensionsKey(dims)}`;
}

export const NO_DIMENSIONS: Dimensions = {
  apiId: '',
  operationId: '',
  productId: '',
  subscriptionId: '',
  userId: '',
};

/** `2026-11-30T10:05` as `202611301005`: sorts as time does. */
function compact(ms: number, chars: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, chars);
}

/**
 * Buckets are stored a group per entity (an hour of minutes or of five minutes, a day of hours,
 * 30 days of days): Azurite's cost is per entity, so a day at PT5M is 24 entities, not 288.
 */
export function groupSpan(level: BucketLevel): number {
  if (level.ms < 3_600_000) return 3_600_000;
  if (level.ms < 86_400_000) return 86_400_000;
  return 30 * 86_400_000;
}

export function groupStart(level: BucketLevel, time: number): number {
  const span = groupSpan(level);
  return Math.floor(time / span) * span;
}

/** Minute and five-minute groups: a partition per UTC day; hours per month; days per year. */
export function bucketPartition(level: BucketLevel, start: number): string {
  if (level.ms < 3_600_000) return compact(start, 8);
  if (level.ms < 86_400_000) return compact(start, 6);
  return compact(start, 4);
}

export function bucketRowPrefix(start: number): string {
  return compact(start, 12);
}

export function bucketStartFromRowKey(rowKey: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(rowKey);
  if (!m) throw new Error(`Not a usage bucket row key: ${rowKey}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
}

export const HOUR_MS = 3_600_000;

export function callsPartition(timestamp: number): string {
  return compact(timestamp, 10);
}

export function hourStartOfPartition(partition: string): number {
  return bucketStartFromRowKey(`${partition}00`);
}

/** Newest first within an hour: the row key counts down as time goes on. */
const TIME_CEILING = 9_999_999_999_999;
export function callsChunkRowKey(maxTimestamp: number, id: string): string {
  return `${String(TIME_CEILING - maxTimestamp).padStart(13, '0')}-${id}`;
}

export interface CallChunk {
  partitionKey: string;
  rowKey: string;
  calls: GatewayCallRecord[];
}

export interface CallChunkEntity {
  partitionKey: string;
  rowKey: string;
  minTimestamp: number;
  maxTimestamp: number;
  count: number;
  calls: Uint8Array;
}

/** A Binary property holds at most 64 KiB. */
export const MAX_CHUNK_BYTES = 60_000;

export function encodeChunk(chunk: CallChunk): CallChunkEntity {
  const times = chunk.calls.map((c) => c.timestamp);
  return {
    partitionKey: chunk.partitionKey,
    rowKey: chunk.rowKey,
    minTimestamp: Math.min(...times),
    maxTimestamp: Math.max(...times),
    count: chunk.calls.length,
    calls: gzipSync(JSON.stringify(chunk.calls)),
  };
}

export function decodeChunk(calls: Uint8Array): GatewayCallRecord[] {
  return JSON.parse(gunzipSync(calls).toString('utf8')) as GatewayCallRecord[];
}

export interface BucketCell {
  /** The bucket's start. */
  start: number;
  dims: Dimensions;
  stats: CallStats;
}

const BINARY_PROPERTY_BYTES = 60_000;
/** An entity holds at most 1 MiB: 15 Binary properties of 60 KB. */
const MAX_BINARY_PROPERTIES = 15;

/** The buckets of a group, by combination, as Binary properties `cells0`, `cells1`, ... */
export function encodeCells(cells: Iterable<BucketCell>): Record<string, Uint8Array> {
  const rows = [...cells].map((c) => [
    c.start,
    c.dims.apiId,
    c.dims.operationId,
    c.dims.productId,
    c.dims.subscriptionId,
    c.dims.userId,
    ...STAT_FIELDS.map((f) => c.stats[f]),
  ]);
  const zipped = gzipSync(JSON.stringify(rows));
  const parts = Math.ceil(zipped.byteLength / BINARY_PROPERTY_BYTES);
  if (parts > MAX_BINARY_PROPERTIES)
    throw new Error(`usage bucket too large: ${rows.length} combinations`);
  const out: Record<string, Uint8Array> = {};
  for (let i = 0; i < parts; i++)
    out[`cells${i}`] = zipped.subarray(i * BINARY_PROPERTY_BYTES, (i + 1) * BINARY_PROPERTY_BYTES);
  return out;
}

export function decodeCells(entity: Record<string, unknown>): BucketCell[] {
  const parts: Uint8Array[] = [];
  for (let i = 0; entity[`cells${i}`] instanceof Uint8Array; i++)
    parts.push(entity[`cells${i}`] as Uint8Array);
  if (parts.length === 0) return [];
  const rows = JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as Array<
    Array<string | number>
  >;
  return rows.map((row) => {
    const stats = emptyStats();
    STAT_FIELDS.forEach((f, i) => {
      stats[f] = Number(row[6 + i]);
    });
    return {
      start: Number(row[0]),
      dims: {
        apiId: String(row[1]),
        operationId: String(row[2]),
        productId: String(row[3]),
        subscriptionId: String(row[4]),
        userId: String(row[5]),
      },
      stats,
    };
  });
}
