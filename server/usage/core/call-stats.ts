import type { GatewayCallRecord } from '../../gateway/call-record';
import { callOutcome } from './call-outcome';
import type { ReportRecordContract } from './report-contracts';

/**
 * Additive figures of a set of calls: what a bucket stores and what report records are made of.
 * Sums rather than averages, so buckets combine exactly. Service time counts forwarded calls
 * only: a call the gateway blocked never reached the backend and has no service time.
 */
export interface CallStats {
  success: number;
  blocked: number;
  failed: number;
  other: number;
  bandwidth: number;
  apiTimeSum: number;
  apiTimeMin: number;
  apiTimeMax: number;
  forwarded: number;
  serviceTimeSum: number;
  serviceTimeMin: number;
  serviceTimeMax: number;
}

export const STAT_FIELDS = [
  'success',
  'blocked',
  'failed',
  'other',
  'bandwidth',
  'apiTimeSum',
  'apiTimeMin',
  'apiTimeMax',
  'forwarded',
  'serviceTimeSum',
  'serviceTimeMin',
  'serviceTimeMax',
] as const satisfies ReadonlyArray<keyof CallStats>;

export function emptyStats(): CallStats {
  return {
    success: 0,
    blocked: 0,
    failed: 0,
    other: 0,
    bandwidth: 0,
    apiTimeSum: 0,
    apiTimeMin: 0,
    apiTimeMax: 0,
    forwarded: 0,
    serviceTimeSum: 0,
    serviceTimeMin: 0,
    serviceTimeMax: 0,
  };
}

export function totalCalls(stats: CallStats): number {
  return stats.success + stats.blocked + stats.failed + stats.other;
}

/** Adds `from` into `into` (mutates `into`). */
export function mergeStats(into: CallStats, from: CallStats): CallStats {
  const before = totalCalls(into);
  const added = totalCalls(from);
  if (added === 0) return into;
  into.apiTimeMin = before === 0 ? from.apiTimeMin : Math.min(into.apiTimeMin, from.apiTimeMin);
  into.apiTimeMax = Math.max(into.apiTimeMax, from.apiTimeMax);
  if (from.forwarded > 0) {
    into.serviceTimeMin =
      into.forwarded === 0
        ? from.serviceTimeMin
        : Math.min(into.serviceTimeMin, from.serviceTimeMin);
    into.serviceTimeMax = Math.max(into.serviceTimeMax, from.serviceTimeMax);
  }
  into.success += from.success;
  into.blocked += from.blocked;
  into.failed += from.failed;
  into.other += from.other;
  into.bandwidth += from.bandwidth;
  into.apiTimeSum += from.apiTimeSum;
  into.forwarded += from.forwarded;
  into.serviceTimeSum += from.serviceTimeSum;
  return into;
}

export function statsOfCall(call: GatewayCallRecord): CallStats {
  const stats = emptyStats();
  stats[callOutcome(call.responseCode)] = 1;
  stats.bandwidth = call.requestSize + call.responseSize;
  stats.apiTimeSum = stats.apiTimeMin = stats.apiTimeMax = call.apiTime;
  if (call.backendResponseCode !== 0) {
    stats.forwarded = 1;
    stats.serviceTimeSum = stats.serviceTimeMin = stats.serviceTimeMax = call.serviceTime;
  }
  return stats;
}

/** The figures of a `ReportRecordContract` (no cache in the local gateway: cache counts are 0). */
export function reportFigures(
  stats: CallStats,
): Omit<
  ReportRecordContract,
  | 'name'
  | 'timestamp'
  | 'interval'
  | 'apiId'
  | 'operationId'
  | 'productId'
  | 'subscriptionId'
  | 'userId'
> {
  const total = totalCalls(stats);
  return {
    callCountSuccess: stats.success,
    callCountBlocked: stats.blocked,
    callCountFailed: stats.failed,
    callCountOther: stats.other,
    callCountTotal: total,
    bandwidth: stats.bandwidth,
    cacheHitCount: 0,
    cacheMissCount: 0,
    apiTimeAvg: total === 0 ? 0 : stats.apiTimeSum / total,
    apiTimeMin: stats.apiTimeMin,
    apiTimeMax: stats.apiTimeMax,
    serviceTimeAvg: stats.forwarded === 0 ? 0 : stats.serviceTimeSum / stats.forwarded,
    serviceTimeMin: stats.serviceTimeMin,
    serviceTimeMax: stats.serviceTimeMax,
  };
}
