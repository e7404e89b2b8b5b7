import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { ApiCatalog } from '../../core/definition/api-model';
import { handOffForm } from '../../core/history/form-handoff';
import type { HistoryEntry } from '../../core/history/history-entry';
import { clearHistory, deleteHistoryEntry } from '../../core/history/history-store';
import { HistoryList } from '../../components/history/history-list';
import { historyQuery } from '../../queries/history-queries';
import { useHistorySync } from '../../hooks/use-history-sync';
import './history-page.css';

export interface HistoryPageProps {
  api: ApiCatalog;
  operationHref: (slug: string) => string;
  /** Where calls are picked and saved as an Arazzo workflow. */
  saveAsWorkflowHref: string;
  navigate: (to: string) => void;
}

/** Every request sent to the API from this browser (the last 200), across its operations. */
export function HistoryPage({
  api,
  operationHref,
  saveAsWorkflowHref,
  navigate,
}: HistoryPageProps) {
  useHistorySync();
  const history = useQuery(historyQuery(api.id));
  const known = new Set(api.operations.map((o) => o.slug));
  const entries = history.data ?? [];

  const restore = (entry: HistoryEntry, withResponse: boolean) => {
    handOffForm({
      apiId: api.id,
      operationSlug: entry.operationSlug,
      form: entry.form,
      notice: `Restored the request of ${new Date(entry.at).toLocaleString()}${withResponse ? ' with its response' : ''} from History. Keys come from the environment; nothing was sent.`,
      ...(withResponse && entry.response
        ? {
            response: {
              entryUrl: entry.url,
              method: entry.method,
              response: entry.response,
              ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
            },
          }
        : {}),
    });
    navigate(operationHref(entry.operationSlug));
  };

  return (
    <div className="history-page">
      <h1>History</h1>
      <p className="muted">
        The last 200 requests sent to {api.title} from this browser, newest first. Keys, SAS
        signatures and credential headers are never kept; restoring fills the form and sends
        nothing.
      </p>
      {history.isError ? (
        <p className="alert" role="alert">
          History is not available in this browser: IndexedDB is blocked or full.
        </p>
      ) : entries.length === 0 ? (
        <p>No requests yet. Send one from an operation&apos;s console and it is listed here.</p>
      ) : (
        <>
          <p className="history-page__actions">
            <Link href={saveAsWorkflowHref} className="button button--small">
              Save as workflow
            </Link>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                if (window.confirm(`Clear all ${entries.length} requests to ${api.title}?`))
                  void clearHistory(api.id);
              }}
            >
              Clear all history
            </button>
          </p>
          <HistoryList
            entries={entries.filter((e) => known.has(e.operationSlug))}
            showOperation
            label={`History of ${api.title}`}
            onRestore={restore}
            onDelete={(entry) => void deleteHistoryEntry(entry)}
          />
        </>
      )}
    </div>
  );
}
