import type { GatewayCallRecord } from '../../gateway/call-record';
import {
  DIMENSION_LEVELS,
  TOTAL_LEVELS,
  maxLevelFor,
  planSegments,
  type BucketLevel,
} from './bucket-plan';
import { emptyStats, mergeStats, reportFigures, statsOfCall, type CallStats } from './call-stats';
import type {
  ReportKind,
  ReportRecordContract,
  RequestReportRecordContract,
} from './report-contracts';
import { ID_FIELDS, idMatches, type IdField, type ReportFilter } from './report-filter';
import { formatInterval } from './report-interval';
import type { UsageStore } from './usage-store';
import { HOUR_MS, dimensionsOf, type Dimensions, type Projection } from './usage-tables';

/** A report request as `parseReportQuery` checked it: the reports never refuse one. */
export interface ReportQuery {
  filter: ReportFilter;
  /** byTime only, ms. */
  interval?: number;
  top: number;
  skip: number;
  orderBy?: { field: string; descending: boolean };
}

export interface ReportPage<T> {
  value: T[];
  count: number;
  hasMore: boolean;
}

type AggregateKind = Exclude<ReportKind, 'byRequest'>;

interface Slice {
  start: number;
  dims: Dimensions;
  stats: CallStats;
}

const GROUPS: Record<Exclude<AggregateKind, 'byTime'>, { key: IdField; ids: IdField[] }> = {
  byApi: { key: 'apiId', ids: ['apiId'] },
  byOperation: { key: 'operationId', ids: ['apiId', 'operationId'] },
  byProduct: { key: 'productId', ids: ['productId'] },
  bySubscription: { key: 'subscriptionId', ids: ['subscriptionId', 'productId', 'userId'] },
};

const nameOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

function matches(filter: ReportFilter, dims: Dimensions): boolean {
  return ID_FIELDS.every((field) => {
    const matcher = filter.ids[field];
    return matcher === undefined || idMatches(matcher, dims[field]);
  });
}

/** Reads the slices (bucket rows and single calls) that cover the filter's range exactly. */
async function readSlices(
  store: UsageStore,
  filter: ReportFilter,
  intervalMs: number | undefined,
): Promise<Slice[]> {
  const filtered = ID_FIELDS.some((f) => filter.ids[f] !== undefined);
  const projection: Projection = filtered || intervalMs === undefined ? 'dims' : 'total';
  // The per-dimension buckets serve a whole-range report too: grouping needs their ids.
  const levels: BucketLevel[] = projection === 'total' ? TOTAL_LEVELS : DIMENSION_LEVELS;
  const maxLevel = intervalMs === undefined ? Infinity : maxLevelFor(intervalMs, levels);
  const segments = planSegments(filter.from, filter.to, levels, maxLevel);
  const parts = await Promise.all(
    segments.map(async (segment): Promise<Slice[]> => {
      if (segment.kind === 'buckets') {
        const rows = await store.queryBuckets(
          segment.level,
          projection,
          segment.start,
          segment.end,
        );
        return rows.flatMap((r) =>
          [...r.cells.values()]
            .filter((c) => matches(filter, c.dims))
            .map((c) => ({ start: c.start, dims: c.dims, stats: c.stats })),
        );
      }
      const calls = await readCalls(store, segment.start, segment.end);
      return calls
        .map((call) => ({
          start: call.timestamp,
          dims: dimensionsOf(call),
          stats: statsOfCall(call),
        }))
        .filter((s) => matches(filter, s.dims));
    }),
  );
  return parts.flat();
}

async function readCalls(
  store: UsageStore,
  start: number,
  end: number,
): Promise<GatewayCallRecord[]> {
  const hours: number[] = [];
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end; h += HOUR_MS) hours.push(h);
  const parts = await Promise.all(hours.map((h) => store.queryCallsInHour(h, start, end)));
  return parts.flat();
}

function sortRecords<T extends object>(
  records: T[],
  orderBy: ReportQuery['orderBy'],
  fallback: keyof T,
): T[] {
  const field = (orderBy?.field ?? fallback) as keyof T;
  const sign = orderBy?.descending ? -1 : 1;
  return records.sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
}

function page<T>(records: T[], query: ReportQuery): ReportPage<T> {
  return {
    value: records.slice(query.skip, query.skip + query.top),
    count: records.length,
    hasMore: query.skip + query.top < records.length,
  };
}

export async function aggregateReport(
  store: UsageStore,
  kind: AggregateKind,
  query: ReportQuery,
): Promise<ReportPage<ReportRecordContract>> {
  if (kind === 'byTime') {
    const interval = query.interval;
    if (interval === undefined)
      throw new Error('byTime without an interval: parse the query first.');
    const slices = await readSlices(store, query.filter, interval);
    const byStart = new Map<number, CallStats>();
    for (const slice of slices) {
      const start = Math.floor(slice.start / interval) * interval;
      const stats = byStart.get(start) ?? emptyStats();
      byStart.set(start, mergeStats(stats, slice.stats));
    }
    const text = formatInterval(interval);
    const records = [...byStart].map(([start, stats]): ReportRecordContract => ({
      timestamp: new Date(start).toISOString(),
      interval: text,
      ...reportFigures(stats),
    }));
    return page(sortRecords(records, query.orderBy, 'timestamp'), query);
  }
  const group = GROUPS[kind];
  const slices = await readSlices(store, query.filter, undefined);
  const groups = new Map<string, { dims: Dimensions; stats: CallStats }>();
  for (const slice of slices) {
    const key = slice.dims[group.key];
    const entry = groups.get(key);
    if (entry) mergeStats(entry.stats, slice.stats);
    else groups.set(key, { dims: slice.dims, stats: mergeStats(emptyStats(), slice.stats) });
  }
  const records = [...groups.values()].map(({ dims, stats }): ReportRecordContract => {
    const ids = Object.fromEntries(group.ids.map((f) => [f, dims[f]]));
    return { name: nameOf(dims[group.key]), ...ids, ...reportFigures(stats) };
  });
  return page(sortRecords(records, query.orderBy, 'name'), query);
}

function requestRecord(call: GatewayCallRecord): RequestReportRecordContract {
  return {
    apiId: call.apiId,
    operationId: call.operationId,
    productId: call.productId,
    userId: call.userId,
    method: call.method,
    url: call.url,
    ipAddress: call.ipAddress,
    backendResponseCode: call.backendResponseCode === 0 ? '' : String(call.backendResponseCode),
    responseCode: call.responseCode,
    responseSize: call.responseSize,
    timestamp: new Date(call.timestamp).toISOString(),
    cache: 'none',
    apiTime: call.apiTime,
    serviceTime: call.serviceTime,
    apiRegion: '',
    subscriptionId: call.subscriptionId,
    requestId: call.requestId,
    requestSize: call.requestSize,
  };
}

/**
 * byRequest reads hour partitions from the newest (or oldest) on and stops once it has the
 * page; the count comes from the buckets, so it is exact without reading every call.
 */
export async function requestReport(
  store: UsageStore,
  query: ReportQuery,
): Promise<ReportPage<RequestReportRecordContract>> {
  const descending = query.orderBy?.descending ?? false;
  const { from, to } = query.filter;
  const hours: number[] = [];
  for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h < to; h += HOUR_MS) hours.push(h);
  if (descending) hours.reverse();
  const wanted = query.skip + query.top;
  const found: GatewayCallRecord[] = [];
  for (const hour of hours) {
    const calls = await store.queryCallsInHour(hour, from, to);
    const kept = calls.filter((c) => matches(query.filter, dimensionsOf(c)));
    kept.sort((a, b) => (a.timestamp - b.timestamp) * (descending ? -1 : 1));
    found.push(...kept);
    if (found.length >= wanted) break;
  }
  const total = await countCalls(store, query.filter);
  return {
    value: found.slice(query.skip, wanted).map(requestRecord),
    count: total,
    hasMore: wanted < total,
  };
}

async function countCalls(store: UsageStore, filter: ReportFilter): Promise<number> {
  const slices = await readSlices(store, filter, undefined);
  let total = 0;
  for (const slice of slices)
    total += slice.stats.success + slice.stats.blocked + slice.stats.failed + slice.stats.other;
  return total;
}

export async function runReport(
  store: UsageStore,
  kind: ReportKind,
  query: ReportQuery,
): Promise<ReportPage<ReportRecordContract> | ReportPage<RequestReportRecordContract>> {
  return kind === 'byRequest' ? requestReport(store, query) : aggregateReport(store, kind, query);
}
