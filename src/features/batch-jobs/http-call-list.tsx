import { ResponsePanel } from '../../components/response/response-panel';
import type { CallRecord } from './bes-calls';

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

/**
 * Every HTTP call a step made, each openable as the raw request and response in the same
 * panel as the console, so a newcomer learns the API while the view does the work.
 */
export function HttpCallList({
  calls,
  title = 'HTTP calls',
}: {
  calls: CallRecord[];
  title?: string;
}) {
  if (calls.length === 0) return null;
  return (
    <section className="batch-calls" aria-label={title}>
      <h4 className="batch-calls__title">{title}</h4>
      <ul className="batch-calls__list">
        {calls.map((record) => (
          <li key={record.id}>
            <details className="batch-calls__item">
              <summary>
                <span className="batch-calls__label">{record.label}</span>{' '}
                <code className="batch-calls__line">
                  {record.request.method} {new URL(record.request.url).pathname}
                </code>{' '}
                <span className={`batch-calls__status batch-calls__status--${record.state.status}`}>
                  {outcomeText(record)}
                </span>
              </summary>
              <ResponsePanel request={record.request} state={record.state} title={record.label} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
