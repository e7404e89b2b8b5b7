import { useState } from 'react';
import { ResponsePanel } from './response/response-panel';
import type { ResponseCheckTarget } from './response/response-check-summary';
import type { CallRecord } from '../core/batch/bes-calls';
import './http-call-list.css';

function outcomeText(record: CallRecord): string {
  switch (record.state.status) {
    case 'pending':
      return 'sending…';
    case 'success':
      return String(record.state.response.status);
    case 'error':
      return 'failed';
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The panel mounts only while open: polling makes many calls, few are ever looked at. */
function CallItem({
  record,
  showBody,
  check,
}: {
  record: CallRecord;
  showBody: boolean;
  check: ResponseCheckTarget | undefined;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details className="http-calls__item" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span className="http-calls__label">{record.label}</span>{' '}
          <code className="http-calls__line">
            {record.request.method} {pathOf(record.request.url)}
          </code>{' '}
          <span className={`http-calls__status http-calls__status--${record.state.status}`}>
            {outcomeText(record)}
          </span>
        </summary>
        {open && (
          <ResponsePanel
            request={record.request}
            state={record.state}
            title={record.label}
            showRequestBody={showBody}
            {...(check ? { check } : {})}
          />
        )}
      </details>
    </li>
  );
}

/**
 * Every HTTP call a step made, each openable as the raw request and response in the same
 * panel as the console, so a newcomer learns the API while the view does the work.
 */
export function HttpCallList({
  calls,
  title = 'HTTP calls',
  showBodies = false,
  checkOf,
}: {
  calls: CallRecord[];
  title?: string;
  /** Show each request's body (secrets masked) above its response. */
  showBodies?: boolean;
  /** The operation a call answers, for its panel to check the response against the definition. */
  checkOf?: (record: CallRecord) => ResponseCheckTarget | undefined;
}) {
  if (calls.length === 0) return null;
  return (
    <section className="http-calls" aria-label={title}>
      <h3 className="http-calls__title">{title}</h3>
      <ul className="http-calls__list">
        {calls.map((record) => (
          // Polling replaces the status call again and again: one stable key keeps it open.
          <CallItem
            key={record.label === 'BES Status' ? 'status' : record.id}
            record={record}
            showBody={showBodies}
            check={checkOf?.(record)}
          />
        ))}
      </ul>
    </section>
  );
}
