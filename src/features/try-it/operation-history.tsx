import { useQuery } from '@tanstack/react-query';
import type { ApiOperation } from '../../core/definition/api-model';
import type { HistoryEntry } from '../../core/history/history-entry';
import { clearHistory, deleteHistoryEntry } from '../../core/history/history-store';
import { HistoryList } from '../../components/history/history-list';
import { historyQuery } from '../../queries/history-queries';
import { useHistorySync } from '../../hooks/use-history-sync';

export interface OperationHistoryProps {
  apiId: string;
  operation: ApiOperation;
  /** Link to the whole API's history. */
  allHref: string;
  onRestore: (entry: HistoryEntry, withResponse: boolean) => void;
}

/** This operation's past requests (kept in IndexedDB, shared by the tabs), newest first. */
export function OperationHistory({ apiId, operation, allHref, onRestore }: OperationHistoryProps) {
  useHistorySync();
  const history = useQuery(historyQuery(apiId));
  const entries = (history.data ?? []).filter((e) => e.operationSlug === operation.slug);
  return (
    <details className="try-it__history">
      <summary className="try-it__history-summary">
        Request history <span className="pill">{entries.length}</span>
      </summary>
      {history.isError ? (
        <p className="muted" role="status">
          History is not available in this browser (IndexedDB is blocked).
        </p>
      ) : entries.length === 0 ? (
        <p className="muted">
          No requests sent yet. Each request you send here is kept (without keys) for later.
        </p>
      ) : (
        <>
          <HistoryList
            entries={entries}
            showOperation={false}
            label={`History of ${operation.summary || operation.slug}`}
            onRestore={onRestore}
            onDelete={(entry) => void deleteHistoryEntry(entry)}
          />
          <p className="try-it__history-actions">
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                if (window.confirm('Clear the history of this operation?'))
                  void clearHistory(apiId, operation.slug);
              }}
            >
              Clear this operation&apos;s history
            </button>
          </p>
        </>
      )}
      <p>
        <a href={`#${allHref}`}>All requests to this API</a>
      </p>
    </details>
  );
}
