import type { ReportRecord } from '../../../core/apim/report-types';

export type RangePreset = '15m' | '1h' | '1d' | '7d';

export const RANGE_PRESETS: ReadonlyArray<{ id: RangePreset; label: string; ms: number }> = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '1d', label: 'Last day', ms: 86_400_000 },
  { id: '7d', label: 'Last week', ms: 7 * 86_400_000 },
];

export type RangeChoice = { preset: RangePreset } | { from: number; to: number };

export interface UsageRange {
  from: number;
  to: number;
  intervalMs: number;
}

const MINUTE = 60_000;

/** The chart's interval: about 100-300 points, a multiple of `stepMs` (PT15M on real APIM). */
export function intervalFor(spanMs: number, stepMs: number): number {
  const wanted =
    spanMs <= 2 * 3_600_000
      ? MINUTE
      : spanMs <= 86_400_000
        ? 5 * MINUTE
        : spanMs <= 7 * 86_400_000
          ? 60 * MINUTE
          : 1440 * MINUTE;
  return Math.max(stepMs, Math.ceil(wanted / stepMs) * stepMs);
}

export function resolveRange(choice: RangeChoice, now: number, stepMs: number): UsageRange {
  if ('preset' in choice) {
    const span = RANGE_PRESETS.find((p) => p.id === choice.preset)?.ms ?? 3_600_000;
    const intervalMs = intervalFor(span, stepMs);
    // Start on an interval boundary so the first bucket is whole, as the last one fills up.
    const from = Math.floor((now - span) / intervalMs) * intervalMs;
    return { from, to: now, intervalMs };
  }
  return {
    from: choice.from,
    to: choice.to,
    intervalMs: intervalFor(choice.to - choice.from, stepMs),
  };
}

/** Checks a custom range the user typed; the message says what to fix. */
export function checkCustomRange(from: number, to: number, now: number): string | undefined {
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Enter both a start and an end.';
  if (from >= to) return 'The start must be before the end.';
  if (from > now) return 'The start is in the future: no calls there yet.';
  if (to - from > 31 * 86_400_000) return 'Choose at most 31 days.';
  return undefined;
}

const seconds = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export function reportFilter(range: UsageRange): string {
  return `timestamp ge datetime'${seconds(range.from)}' and timestamp le datetime'${seconds(range.to)}'`;
}

export function isoDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

export interface UsageSeries {
  /** Interval starts, seconds since the epoch (uPlot's unit). */
  x: number[];
  success: number[];
  blocked: number[];
  failed: number[];
  other: number[];
  apiTimeAvg: Array<number | null>;
  apiTimeMax: Array<number | null>;
  serviceTimeAvg: Array<number | null>;
  serviceTimeMax: Array<number | null>;
}

/** byTime records on every interval of the range: no calls is 0 calls and no latency. */
export function usageSeries(records: readonly ReportRecord[], range: UsageRange): UsageSeries {
  const byStart = new Map<number, ReportRecord>();
  for (const r of records) if (r.timestamp) byStart.set(Date.parse(r.timestamp), r);
  const series: UsageSeries = {
    x: [],
    success: [],
    blocked: [],
    failed: [],
    other: [],
    apiTimeAvg: [],
    apiTimeMax: [],
    serviceTimeAvg: [],
    serviceTimeMax: [],
  };
  const first = Math.floor(range.from / range.intervalMs) * range.intervalMs;
  for (let t = first; t < range.to; t += range.intervalMs) {
    const r = byStart.get(t);
    series.x.push(t / 1000);
    series.success.push(r?.callCountSuccess ?? 0);
    series.blocked.push(r?.callCountBlocked ?? 0);
    series.failed.push(r?.callCountFailed ?? 0);
    series.other.push(r?.callCountOther ?? 0);
    const called = (r?.callCountTotal ?? 0) > 0;
    series.apiTimeAvg.push(called ? (r?.apiTimeAvg ?? null) : null);
    series.apiTimeMax.push(called ? (r?.apiTimeMax ?? null) : null);
    const served = called && (r?.serviceTimeMax ?? 0) > 0;
    series.serviceTimeAvg.push(served ? (r?.serviceTimeAvg ?? null) : null);
    series.serviceTimeMax.push(served ? (r?.serviceTimeMax ?? null) : null);
  }
  return series;
}

/** The last segment of an APIM id path (`/subscriptions/abc` -> `abc`). */
export function resourceName(id: string | undefined): string {
  if (!id) return '';
  return id.slice(id.lastIndexOf('/') + 1);
}
