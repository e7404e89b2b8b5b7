import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../core/errors/describe-error';
import { browserStorage } from '../../core/util/browser-storage';
import {
  applyRunEvent,
  endRun,
  newRunRecord,
  type WorkflowRunRecord,
} from '../../core/workflow/workflow-run-record';
import { readLastRun, writeLastRun } from '../../core/workflow/workflow-run-store';
import type { BoundArazzo, WorkflowRunDeps } from '../../core/workflow/workflow-types';

export interface RunRequest {
  bound: BoundArazzo;
  /** What the runner gets, secrets included; never stored. */
  inputs: Record<string, unknown>;
  /** The same without secrets: what the record keeps and shows. */
  shownInputs: Record<string, unknown>;
  environmentName: string;
  deps: Omit<WorkflowRunDeps, 'signal'>;
}

export interface WorkflowRun {
  /** The run in progress, else the last finished one (also after a reload), else none. */
  record: WorkflowRunRecord | undefined;
  running: boolean;
  start: (request: RunRequest) => void;
  /** Stops the run at once: the wait or the request in flight is abandoned. */
  cancel: () => void;
}

// The runner comes with the workflow page's chunk, not the sidebar's.
const runner = () => import('../../core/workflow/run-workflow');

/** One workflow's runs: at most one at a time; leaving the page cancels it. */
export function useWorkflowRun(documentId: string, workflowId: string): WorkflowRun {
  const [record, setRecord] = useState<WorkflowRunRecord | undefined>(() =>
    readLastRun(browserStorage('local'), documentId, workflowId),
  );
  const abortRef = useRef<AbortController | undefined>(undefined);

  const mutation = useMutation({
    mutationFn: async ({ bound, inputs, shownInputs, environmentName, deps }: RunRequest) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      const { signal } = controller;
      let current = newRunRecord(workflowId, shownInputs, environmentName, deps.now());
      setRecord(current);
      try {
        const { runWorkflow } = await runner();
        for await (const event of runWorkflow(bound, workflowId, inputs, { ...deps, signal })) {
          // Cancel shows at once (see cancel); whatever the runner says after that is moot.
          if (signal.aborted) break;
          current = applyRunEvent(current, event);
          setRecord(current);
        }
        current = endRun(
          current,
          signal.aborted
            ? { kind: 'cancelled' }
            : { kind: 'error', message: 'The run stopped without an outcome.' },
          deps.now(),
        );
      } catch (error) {
        current = endRun(
          current,
          signal.aborted
            ? { kind: 'cancelled' }
            : { kind: 'error', message: describeError(error).title },
          deps.now(),
        );
      }
      setRecord(current);
      writeLastRun(browserStorage('local'), documentId, current);
      return current;
    },
  });

  // Leaving the workflow must not leave a run going that nobody sees.
  useEffect(() => () => abortRef.current?.abort(), []);

  return {
    record,
    running: mutation.isPending,
    start: (request) => {
      if (!mutation.isPending) mutation.mutate(request);
    },
    cancel: () => {
      abortRef.current?.abort();
      setRecord((r) => (r ? endRun(r, { kind: 'cancelled' }, Date.now()) : r));
    },
  };
}
