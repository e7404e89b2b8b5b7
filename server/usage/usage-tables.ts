import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { GatewayCallRecord } from '../gateway/call-record';
import type { BucketLevel } from './bucket-plan';
import { STAT_FIELDS, emptyStats, type CallStats } from './call-stats';
import type { IdField } from './report-filter';

/**
 * How usage lives in Table storage (no HTTP, no SDK here: keys and entity shapes only).
 *
 * - `usagecalls`: every call, packed into gzip'ed chunks, one partition per UTC hour. Azurite
 *   keeps a table in memory and scans it per query, so a million one-call entities would be
 *   a gigabyte; chunks of a few hundred calls keep every call at a fraction of that.
 * - `usage{level}total` and `usage{level}dims`: pre-aggregated buckets (see bucket-plan.ts),
 *   totals over everything and one row per combination of api/operation/product/subscription/user.
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

/** Row keys cannot hold `/`, so a dimension combination is named by a hash of its ids. */
export function dimensionsKey(dims: Dimensions): string {
  return createHash('sha1')
    .update(
      [dims.apiId, dims.operationId, dims.productId, dims.subscriptionId, dims.userId].join('\n'),
    )
    .digest('hex')
    .slice(0, 20);
}

/** `2026-11-30T10:05` as `202611301005`: sorts as time does. */
function compact(ms: number, chars: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, chars);
}

/** Minute and five-minute buckets: a partition per UTC day; hours per month; days per year. */
export function bucketPartition(level: BucketLevel, start: number): string {
  if (level.ms < 3_600_000) return compact(start, 8);
  if (level.ms < 86_400_000) return compact(start, 6);
  return compact(start, 4);
}

export function bucketRowPrefix(start: number): string {
  return compact(start, 12);
}

export function bucketRowKey(start: number, projection: Projection, dims: Dimensions): string {
  return projection === 'total'
    ? bucketRowPrefix(start)
    : `${bucketRowPrefix(start)}-${dimensionsKey(dims)}`;
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

export type StatsEntity = Record<(typeof STAT_FIELDS)[number], { value: string; type: 'Double' }>;

/** Doubles, typed: an untyped whole number would be stored as Int32 and overflow. */
export function statsToEntity(stats: CallStats): StatsEntity {
  const entity = {} as StatsEntity;
  for (const field of STAT_FIELDS) entity[field] = { value: String(stats[field]), type: 'Double' };
  return entity;
}

export function statsFromEntity(entity: Record<string, unknown>): CallStats {
  const stats = emptyStats();
  for (const field of STAT_FIELDS) {
    const value = entity[field];
    stats[field] = typeof value === 'number' ? value : Number(value ?? 0);
  }
  return stats;
}

export function dimensionsFromEntity(entity: Record<string, unknown>): Dimensions {
  const text = (key: string) => (typeof entity[key] === 'string' ? (entity[key] as string) : '');
  return {
    apiId: text('apiId'),
    operationId: text('operationId'),
    productId: text('productId'),
    subscriptionId: text('subscriptionId'),
    userId: text('userId'),
  };
}
