import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { fetchReport, fetchSubscriptionNames } from '../../../core/apim/reports-client';
import type { ReportsSource } from '../../../core/apim/reports-source';
import type { ReportRecord, RequestRecord } from '../../../core/apim/report-types';
import {
  isoDuration,
  reportFilter,
  resolveRange,
  type RangeChoice,
  type UsageRange,
} from './usage-range';

/** While the view is open its reports are read again this often. */
export const USAGE_REFRESH_MS = 5000;
export const LATEST_REQUESTS = 20;

export interface ReportResult<T> {
  range: UsageRange;
  value: T[];
  count: number;
}

/** Keys name the source by id (never its credential), the report and the range choice. */
export const usageKeys = {
  all: ['usage'] as const,
  source: (source: ReportsSource) => ['usage', source.id] as const,
  report: (source: ReportsSource, report: string, choice: RangeChoice) =>
    ['usage', source.id, report, choice] as const,
};

/**
 * One report over the chosen range. A preset's window is taken when the request is made, so
 * each refresh moves "the last hour" on.
 */
function reportQuery<T>(
  source: ReportsSource,
  report: 'byTime' | 'byOperation' | 'bySubscription' | 'byRequest',
  choice: RangeChoice,
  params: (range: UsageRange) => Record<string, string>,
) {
  return queryOptions({
    queryKey: usageKeys.report(source, report, choice),
    queryFn: async ({ signal }): Promise<ReportResult<T>> => {
      const range = resolveRange(choice, Date.now(), source.intervalStepMs);
      const { value, count } = await fetchReport<T>(
        source,
        report,
        { $filter: reportFilter(range), ...params(range) },
        { signal },
      );
      return { range, value, count };
    },
    refetchInterval: USAGE_REFRESH_MS,
    // Switching the range keeps the last chart on screen (marked as updating) until the new one is in.
    placeholderData: keepPreviousData,
    retry: 1,
  });
}

export const usageQueries = {
  byTime: (source: ReportsSource, choice: RangeChoice) =>
    reportQuery<ReportRecord>(source, 'byTime', choice, (range) => ({
      interval: isoDuration(range.intervalMs),
      $top: '1000',
    })),
  byOperation: (source: ReportsSource, choice: RangeChoice) =>
    reportQuery<ReportRecord>(source, 'byOperation', choice, () => ({ $top: '1000' })),
  bySubscription: (source: ReportsSource, choice: RangeChoice) =>
    reportQuery<ReportRecord>(source, 'bySubscription', choice, () => ({ $top: '1000' })),
  latestRequests: (source: ReportsSource, choice: RangeChoice) =>
    reportQuery<RequestRecord>(source, 'byRequest', choice, () => ({
      $top: String(LATEST_REQUESTS),
      $orderby: 'timestamp desc',
    })),
  /** The publisher's subscriptions by name, for the tables (reports carry ids only). */
  subscriptionNames: (source: ReportsSource) =>
    queryOptions({
      queryKey: [...usageKeys.source(source), 'subscriptionNames'] as const,
      queryFn: ({ signal }) => fetchSubscriptionNames(source, { signal }),
      enabled: source.scope === 'everything',
      refetchInterval: USAGE_REFRESH_MS,
      retry: 1,
    }),
};
