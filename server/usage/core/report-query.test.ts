import { describe, expect, it } from 'vitest';
import type { ReportQueryError } from './report-errors';
import { nextLink, parseReportKind, parseReportQuery } from './report-query';

const filter =
  "timestamp ge datetime'2026-11-30T00:00:00' and timestamp le datetime'2026-11-30T23:59:59'";

describe('parseReportQuery', () => {
  it('defaults and limits paging', () => {
    expect(parseReportQuery('byApi', { $filter: filter })).toMatchObject({ top: 100, skip: 0 });
    expect(parseReportQuery('byApi', { $filter: filter, $top: '5000', $skip: '10' })).toMatchObject(
      {
        top: 1000,
        skip: 10,
      },
    );
    expect(
      parseReportQuery('byTime', {
        $filter: filter,
        interval: 'PT5M',
        $orderby: 'callCountTotal DESC',
      }),
    ).toMatchObject({ interval: 300_000, orderBy: { field: 'callCountTotal', descending: true } });
  });

  it.each([
    [{ $filter: filter, $top: '0' }, /\$top must be a whole number of at least 1, not '0'/],
    [{ $filter: filter, $skip: '-1' }, /\$skip must be a whole number of at least 0/],
    [{ $filter: filter, $top: '2.5' }, /\$top must be a whole number/],
    [{ $filter: filter, $orderby: 'a b c' }, /\$orderby must be a field/],
    [{ $filter: filter }, /byTime needs interval/],
  ])('refuses %j', (params, message) => {
    expect(() => parseReportQuery('byTime', params)).toThrow(message);
  });

  it('checks everything a report needs before storage is read: sort fields per report, the number of intervals', () => {
    const refused = (
      kind: Parameters<typeof parseReportQuery>[0],
      params: Record<string, string>,
    ) => {
      try {
        parseReportQuery(kind, { $filter: filter, ...params });
        return undefined;
      } catch (error) {
        const e = error as ReportQueryError;
        return [e.code, e.target, e.message];
      }
    };
    expect(refused('byApi', { $orderby: 'ipAddress desc' })).toEqual([
      'ValidationError',
      '$orderby',
      "$orderby cannot sort on 'ipAddress'. Use one of name, timestamp, callCountSuccess, callCountBlocked, callCountFailed, callCountOther, callCountTotal, bandwidth, apiTimeAvg, apiTimeMin, apiTimeMax, serviceTimeAvg, serviceTimeMin, serviceTimeMax.",
    ]);
    expect(refused('byRequest', { $orderby: 'callCountTotal' })).toEqual([
      'ValidationError',
      '$orderby',
      "byRequest sorts on timestamp only ('timestamp asc' or 'timestamp desc'), not 'callCountTotal'.",
    ]);
    expect(refused('byRequest', { $orderby: 'timestamp desc' })).toBeUndefined();
    expect(
      refused('byTime', {
        $filter:
          "timestamp ge datetime'2026-01-01T00:00:00' and timestamp le datetime'2026-12-31T00:00:00'",
        interval: 'PT1M',
      }),
    ).toEqual([
      'ValidationError',
      'interval',
      'That range at interval PT1M is 524161 intervals; choose a longer interval or a shorter range (at most 100000).',
    ]);
  });

  it('refuses unknown reports with a 404', () => {
    expect(() => parseReportKind('byGeo')).toThrow(/no report 'byGeo'/);
    expect(parseReportKind('byRequest')).toBe('byRequest');
  });
});

describe('nextLink', () => {
  it('moves $skip on by a page and keeps the rest', () => {
    const url = new URL(
      `http://127.0.0.1:8791/management/reports/byTime?$filter=${encodeURIComponent(filter)}&interval=PT5M&api-version=2022-08-01&$top=10`,
    );
    const query = parseReportQuery('byTime', Object.fromEntries(url.searchParams));
    const next = new URL(nextLink(url, query, true) ?? '');
    expect(Object.fromEntries(next.searchParams)).toEqual({
      $filter: filter,
      interval: 'PT5M',
      'api-version': '2022-08-01',
      $top: '10',
      $skip: '10',
    });
    expect(nextLink(url, query, false)).toBeNull();
  });
});
