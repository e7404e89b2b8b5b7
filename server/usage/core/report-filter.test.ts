import { describe, expect, it } from 'vitest';
import { ReportQueryError } from './report-errors';
import { idMatches, parseReportFilter } from './report-filter';

const DAY =
  "timestamp ge datetime'2026-11-30T00:00:00' and timestamp le datetime'2026-11-30T23:59:59'";

function messageOf(filter: string | undefined): string {
  try {
    parseReportFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportQueryError);
    expect((error as ReportQueryError).code).toBe('ValidationError');
    return (error as ReportQueryError).message;
  }
  throw new Error('parsed');
}

describe('parseReportFilter', () => {
  it('reads the time range as UTC, le including its millisecond', () => {
    expect(parseReportFilter(DAY)).toEqual({
      from: Date.parse('2026-11-30T00:00:00Z'),
      to: Date.parse('2026-11-30T23:59:59.001Z'),
      ids: {},
    });
  });

  it('reads gt/lt, zones and fractions', () => {
    expect(
      parseReportFilter(
        "timestamp gt datetime'2026-11-30T01:00:00+01:00' AND timestamp lt datetime'2026-11-30T00:30:00.5Z'",
      ),
    ).toEqual({
      from: Date.parse('2026-11-30T00:00:00.001Z'),
      to: Date.parse('2026-11-30T00:30:00.500Z'),
      ids: {},
    });
  });

  it('reads ids as names, paths or ARM ids, with quotes escaped', () => {
    expect(
      parseReportFilter(
        `${DAY} and apiId eq 'azureml-demo' and subscriptionId eq '/subscriptions/abc123' and operationId eq '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc/apis/a/operations/o' and userId eq 'o''brien'`,
      ).ids,
    ).toEqual({
      apiId: { name: 'azureml-demo' },
      subscriptionId: { path: '/subscriptions/abc123' },
      operationId: { path: '/apis/a/operations/o' },
      userId: { name: "o'brien" },
    });
  });

  it.each([
    [undefined, /\$filter is required/],
    ['', /\$filter is required/],
    ["timestamp ge datetime'2026-11-30T00:00:00'", /needs an upper bound/],
    ["timestamp le datetime'2026-11-30T00:00:00'", /needs a lower bound/],
    [`${DAY} or apiId eq 'x'`, /'and' only: 'or apiId/],
    [`(${DAY})`, /'and' only, without parentheses/],
    [`${DAY} and country eq 'US'`, /cannot filter on 'country'/],
    [`${DAY} and apiId ne 'x'`, /apiId supports eq only, not 'ne'/],
    [
      "timestamp ge datetime'yesterday' and timestamp le datetime'2026-11-30T00:00:00'",
      /datetime'yesterday' is not an ISO 8601/,
    ],
    [
      "timestamp ge '2026-11-30T00:00:00' and timestamp le datetime'2026-11-30T00:00:00'",
      /compared with datetime/,
    ],
    [
      "timestamp ge datetime'2026-11-30T00:00:00' and timestamp lt datetime'2026-11-30T00:00:00'",
      /time range in \$filter is empty/,
    ],
    [`${DAY} and apiId eq 'a' and apiId eq 'b'`, /names apiId twice/],
    [`${DAY} apiId eq 'a'`, /expects 'and' between conditions, found 'apiId/],
    [`${DAY} and`, /expects 'and' between conditions, found 'and'/],
    [`${DAY} and apiId eq 'a/b'`, /neither a name nor a resource path/],
    ["timestamp eq datetime'2026-11-30T00:00:00'", /supports ge, gt, le and lt/],
  ])('refuses %j', (filter, message) => {
    expect(messageOf(filter)).toMatch(message);
  });
});

describe('idMatches', () => {
  it('matches a path exactly and a name by the last segment', () => {
    const id = '/apis/azureml-demo/operations/rrs-execute';
    expect(idMatches({ path: id }, id)).toBe(true);
    expect(idMatches({ path: '/apis/azureml-demo' }, id)).toBe(false);
    expect(idMatches({ name: 'rrs-execute' }, id)).toBe(true);
    expect(idMatches({ name: 'execute' }, id)).toBe(false);
    expect(idMatches({ name: 'x' }, '')).toBe(false);
  });
});
