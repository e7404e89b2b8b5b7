import type { HttpMethod } from '../../core/definition/api-model';
import type { HistoryEntry } from '../../core/history/history-entry';
import { MethodBadge } from '../method-badge';
import { isMockedInBrowser } from '../../core/mock/mock-marker';
import './history-list.css';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface HistoryListProps {
  entries: HistoryEntry[];
  /** Show the operation's name on each row (the whole-API list). */
  showOperation: boolean;
  onRestore: (entry: HistoryEntry, withResponse: boolean) => void;
  onDelete: (entry: HistoryEntry) => void;
  label: string;
}

/** Past requests, newest first, each with its outcome and one-click restore. */
export function HistoryList({
  entries,
  showOperation,
  onRestore,
  onDelete,
  label,
}: HistoryListProps) {
  return (
    <ol className="history-list" aria-label={label}>
      {entries.map((entry) => {
        const when = new Date(entry.at);
        const outcome =
          entry.status !== undefined ? String(entry.status) : (entry.error ?? 'No response');
        const ok = entry.status !== undefined && entry.status < 400;
        return (
          <li key={entry.id} className="history-list__item">
            <div className="history-list__main">
              <MethodBadge method={entry.method.toLowerCase() as HttpMethod} size="sm" />
              {showOperation && <span className="history-list__op">{entry.operationSummary}</span>}
              <span
                className={`status-pill ${entry.status === undefined ? 'status-pill--neutral' : ok ? 'status-pill--success' : 'status-pill--danger'}`}
              >
                {outcome}
              </span>
              {entry.response && isMockedInBrowser(entry.response.headers) && (
                <span className="history-list__mocked">Mocked in the browser</span>
              )}
              <time className="history-list__time" dateTime={when.toISOString()}>
                {when.toLocaleString()}
              </time>
              {entry.durationMs !== undefined && (
                <span className="history-list__meta">{entry.durationMs} ms</span>
              )}
              {entry.responseSize !== undefined && (
                <span className="history-list__meta">{formatSize(entry.responseSize)}</span>
              )}
              {entry.response?.stream && (
                // The kept body is the answer assembled from the events, as far as they came.
                <span className="history-list__meta">
                  {entry.response.stream.stopped ? 'stream stopped after ' : 'streamed, '}
                  {entry.response.stream.events}{' '}
                  {entry.response.stream.events === 1 ? 'event' : 'events'}
                </span>
              )}
            </div>
            <code className="history-list__url">{entry.url}</code>
            <div className="history-list__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => onRestore(entry, false)}
              >
                Restore<span className="visually-hidden"> the form of {when.toLocaleString()}</span>
              </button>
              {entry.response?.body !== undefined && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => onRestore(entry, true)}
                >
                  Restore with response
                  <span className="visually-hidden"> of {when.toLocaleString()}</span>
                </button>
              )}
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => onDelete(entry)}
              >
                Delete<span className="visually-hidden"> the entry of {when.toLocaleString()}</span>
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
