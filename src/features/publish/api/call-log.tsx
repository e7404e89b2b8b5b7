import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CallListener, CallRecord } from '../../../core/batch/bes-calls';

// The log holds the latest calls only: enough to learn from, never a growing list.
const KEPT = 40;

interface CallLog {
  calls: CallRecord[];
  record: CallListener;
}

const CallLogContext = createContext<CallLog>({ calls: [], record: () => undefined });

/**
 * The management calls the Publish area made in this visit, newest first: each record is
 * replaced as its call moves from pending to answered, and an import's progress polls share
 * one line.
 */
export function CallLogProvider({ children }: { children: ReactNode }) {
  const [calls, setCalls] = useState<CallRecord[]>([]);
  const record = useCallback<CallListener>((call) => {
    setCalls((list) => {
      const same = (c: CallRecord) =>
        c.id === call.id || (call.label.endsWith('(progress)') && c.label === call.label);
      const at = list.findIndex(same);
      if (at >= 0) return list.map((c, i) => (i === at ? call : c));
      return [call, ...list].slice(0, KEPT);
    });
  }, []);
  const value = useMemo(() => ({ calls, record }), [calls, record]);
  return <CallLogContext.Provider value={value}>{children}</CallLogContext.Provider>;
}

export function useCallLog(): CallLog {
  return useContext(CallLogContext);
}
