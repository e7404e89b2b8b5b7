import { isReportKind, type ReportKind } from './report-contracts';
import { ReportQueryError } from './report-errors';
import { parseReportFilter } from './report-filter';
import { checkIntervalCount, parseInterval } from './report-interval';
import type { ReportQuery } from './usage-reports';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min)
    throw new ReportQueryError(
      `${name} must be a whole number of at least ${min}, not '${raw}'.`,
      name,
    );
  return Number(raw);
}

/** What an aggregate report (every kind but byRequest) can be sorted on. */
const AGGREGATE_ORDER_FIELDS = [
  'name',
  'timestamp',
  'callCountSuccess',
  'callCountBlocked',
  'callCountFailed',
  'callCountOther',
  'callCountTotal',
  'bandwidth',
  'apiTimeAvg',
  'apiTimeMin',
  'apiTimeMax',
  'serviceTimeAvg',
  'serviceTimeMin',
  'serviceTimeMax',
];

function checkOrderField(kind: ReportKind, field: string): void {
  if (kind === 'byRequest') {
    if (field !== 'timestamp')
      throw new ReportQueryError(
        `byRequest sorts on timestamp only ('timestamp asc' or 'timestamp desc'), not '${field}'.`,
        '$orderby',
      );
  } else if (!AGGREGATE_ORDER_FIELDS.includes(field))
    throw new ReportQueryError(
      `$orderby cannot sort on '${field}'. Use one of ${AGGREGATE_ORDER_FIELDS.join(', ')}.`,
      '$orderby',
    );
}

export function parseReportKind(raw: string): ReportKind {
  if (isReportKind(raw)) return raw;
  throw new ReportQueryError(
    `There is no report '${raw}' here. Reports: byApi, byOperation, byProduct, bySubscription, byTime, byRequest.`,
    'report',
    'ResourceNotFound',
  );
}

/**
 * The query string of a reports call, checked: anything wrong is a 400 naming the parameter.
 * Every check is here, so a report that runs has nothing left to refuse.
 */
export function parseReportQuery(
  kind: ReportKind,
  params: Record<string, string | undefined>,
): ReportQuery {
  const filter = parseReportFilter(params.$filter);
  const top = Math.min(wholeNumber('$top', params.$top, 1) ?? DEFAULT_TOP, MAX_TOP);
  const skip = wholeNumber('$skip', params.$skip, 0) ?? 0;
  let orderBy: ReportQuery['orderBy'];
  if (params.$orderby !== undefined && params.$orderby.trim() !== '') {
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(params.$orderby);
    if (!m?.[1])
      throw new ReportQueryError(
        `$orderby must be a field and an optional asc or desc, e.g. 'callCountTotal desc', not '${params.$orderby}'.`,
        '$orderby',
      );
    checkOrderField(kind, m[1]);
    orderBy = { field: m[1], descending: m[2]?.toLowerCase() === 'desc' };
  }
  const query: ReportQuery = { filter, top, skip, orderBy };
  if (kind === 'byTime') {
    query.interval = parseInterval(params.interval);
    checkIntervalCount(filter.from, filter.to, query.interval);
  }
  return query;
}

/** The same request with `$skip` moved on by one page, or null on the last page. */
export function nextLink(url: URL, query: ReportQuery, hasMore: boolean): string | null {
  if (!hasMore) return null;
  const next = new URL(url);
  next.searchParams.set('$skip', String(query.skip + query.top));
  next.searchParams.set('$top', String(query.top));
  return next.toString();
}
