import type { ReactNode } from 'react';

/** Key for a keyboard shortcut hint: ⌘ on Apple platforms, Ctrl elsewhere. */
const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export interface TryItActionsProps {
  canSend: boolean;
  /** Why Send waits (a rate-limit countdown), beside it and as its description. */
  waitNote?: { id: string; note: ReactNode };
  pending: boolean;
  hasErrors: boolean;
  timeoutMs: number;
  onCancel: () => void;
  onReset: () => void;
}

/** Send (a submit button, so Enter in a field sends too), Cancel while pending, and Reset. */
export function TryItActions({
  canSend,
  waitNote,
  pending,
  hasErrors,
  timeoutMs,
  onCancel,
  onReset,
}: TryItActionsProps) {
  return (
    <div className="try-it__actions">
      <button
        type="submit"
        className="button button--primary try-it__send"
        disabled={!canSend || pending}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        aria-describedby={waitNote ? waitNote.id : undefined}
      >
        Send
        <span className="kbd" aria-hidden="true">
          {MOD}+↵
        </span>
      </button>
      {pending && (
        <button type="button" className="button button--danger" onClick={onCancel}>
          Cancel
        </button>
      )}
      {waitNote?.note}
      {hasErrors && (
        <span className="try-it__blocked" role="status">
          Fix the highlighted fields to send.
        </span>
      )}
      <button type="button" className="button button--ghost button--small" onClick={onReset}>
        Reset to defaults
      </button>
      <span className="try-it__timeout muted">Timeout {Math.round(timeoutMs / 1000)} s</span>
    </div>
  );
}
