import { Link } from 'wouter';
import type { ReportRecord, RequestRecord } from '../../../core/apim/report-types';
import { resourceName, type UsageSeries } from '../api/usage-range';

const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 10) / 10} ms`);
const time = (seconds: number) =>
  new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

function subscriptionName(
  id: string | undefined,
  names: ReadonlyMap<string, string> | undefined,
): string {
  const name = resourceName(id);
  return (name && names?.get(name)) || name || 'none';
}

/** The charts' figures as a table: their text alternative, intervals with calls only. */
export function CallsByIntervalTable({ id, series }: { id: string; series: UsageSeries }) {
  const rows = series.x
    .map((x, i) => ({
      x,
      success: series.success[i] ?? 0,
      blocked: series.blocked[i] ?? 0,
      failed: series.failed[i] ?? 0,
      other: series.other[i] ?? 0,
      apiAvg: series.apiTimeAvg[i],
      apiMax: series.apiTimeMax[i],
    }))
    .filter((r) => r.success + r.blocked + r.failed + r.other > 0)
    .reverse();
  return (
    <div
      className="usage-table-box"
      id={id}
      // A scrollable table must be reachable by keyboard to be scrolled (WCAG 2.1.1).
      tabIndex={0}
      role="group"
      aria-label="Calls by interval"
    >
      <table className="usage-table">
        <caption>Calls by interval (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">Interval starting</th>
            <th scope="col">Successful</th>
            <th scope="col">Blocked</th>
            <th scope="col">Failed</th>
            <th scope="col">Other</th>
            <th scope="col">Total</th>
            <th scope="col">API time avg / max</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.x}>
              <th scope="row">{time(r.x)}</th>
              <td>{r.success}</td>
              <td>{r.blocked}</td>
              <td>{r.failed}</td>
              <td>{r.other}</td>
              <td>{r.success + r.blocked + r.failed + r.other}</td>
              <td>
                {ms(r.apiAvg ?? undefined)} / {ms(r.apiMax ?? undefined)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BreakdownTable({
  title,
  nameHeader,
  records,
  emptyName,
  names,
}: {
  title: string;
  nameHeader: string;
  records: ReportRecord[];
  emptyName: string;
  /** Display names by record name (a subscription's), where known. */
  names?: ReadonlyMap<string, string>;
}) {
  const sorted = [...records].sort((a, b) => (b.callCountTotal ?? 0) - (a.callCountTotal ?? 0));
  return (
    <div className="usage-table-box">
      <table className="usage-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col">Successful</th>
            <th scope="col">Blocked</th>
            <th scope="col">Failed</th>
            <th scope="col">Other</th>
            <th scope="col">Total</th>
            <th scope="col">API time avg</th>
            <th scope="col">Service time avg</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={`${r.apiId ?? ''}${r.operationId ?? ''}${r.subscriptionId ?? ''}${r.name ?? ''}`}
            >
              <th scope="row">{(r.name && names?.get(r.name)) || r.name || emptyName}</th>
              <td>{r.callCountSuccess ?? 0}</td>
              <td>{r.callCountBlocked ?? 0}</td>
              <td>{r.callCountFailed ?? 0}</td>
              <td>{r.callCountOther ?? 0}</td>
              <td>{r.callCountTotal ?? 0}</td>
              <td>{ms(r.apiTimeAvg)}</td>
              <td>{ms(r.serviceTimeAvg)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LatestRequests({
  records,
  operationHref,
  subscriptionNames,
}: {
  records: RequestRecord[];
  operationHref: (apiName: string, operationName: string) => string;
  subscriptionNames?: ReadonlyMap<string, string>;
}) {
  return (
    <div className="usage-table-box">
      <table className="usage-table usage-table--requests">
        <caption>Latest requests</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Operation</th>
            <th scope="col">Status</th>
            <th scope="col">Backend</th>
            <th scope="col">Subscription</th>
            <th scope="col">API time</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r, i) => {
            const api = resourceName(r.apiId);
            const operation = resourceName(r.operationId);
            return (
              <tr key={r.requestId ?? i}>
                <td>{r.timestamp ? new Date(r.timestamp).toLocaleTimeString() : '–'}</td>
                <td>
                  {api && operation ? (
                    <Link href={operationHref(api, operation)}>
                      {r.method} {operation}
                    </Link>
                  ) : (
                    <span title={r.url}>{r.method} (no operation)</span>
                  )}
                </td>
                <td>{r.responseCode ?? '–'}</td>
                <td>{r.backendResponseCode || '–'}</td>
                <td>{subscriptionName(r.subscriptionId, subscriptionNames)}</td>
                <td>{ms(r.apiTime)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
