import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { JobStatus } from '../../core/batch/batch-job-state';
import { isTerminalState } from '../../core/batch/batch-job-state';
import {
  firstPollStep,
  nextPollStep,
  type PollOutcome,
  type PollStep,
} from '../../core/batch/batch-poll-policy';
import { describeError } from '../../core/errors/describe-error';
import {
  fetchJobStatus,
  type BesContext,
  type CallListener,
  type StatusOutcome,
} from './bes-calls';

export type WatchOutcome =
  StatusOutcome | { kind: 'network-error'; message: string; hint?: string };

export interface WatchData {
  outcome: WatchOutcome;
  /** The last status that could be read, kept across transient failures. */
  lastStatus?: JobStatus;
  step: PollStep;
  /** False when watching has stopped (not started, ended, or a refusal retrying cannot fix). */
  nextDelayMs: number | false;
  checkedAt: number;
}

function pollOutcome(outcome: WatchOutcome): PollOutcome {
  if (outcome.kind === 'network-error') return { kind: 'network-error' };
  return {
    kind: 'status',
    httpStatus: outcome.httpStatus,
    retryAfter: outcome.kind === 'rejected' ? null : outcome.retryAfter,
  };
}

/**
 * Polls BES Status with react-query. The interval comes from the core poll policy (backoff,
 * Retry-After, throttling); a network failure keeps the job and tries again later; watching
 * stops at a terminal state.
 */
export function useJobWatch(options: {
  context: BesContext | undefined;
  jobId: string;
  enabled: boolean;
  onStatus: (status: JobStatus) => void;
  onCall: CallListener;
}): { data: WatchData | undefined; isFetching: boolean; restart: () => void } {
  const { context, jobId, enabled } = options;
  const interval = useRef<number | undefined>(undefined);
  const lastStatus = useRef<JobStatus | undefined>(undefined);
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });

  const query = useQuery({
    queryKey: ['bes-status', context?.environment.id, context?.workspace, context?.service, jobId],
    enabled: enabled && context !== undefined,
    queryFn: async ({ signal }): Promise<WatchData> => {
      if (!context) throw new Error('No environment to watch the job in.');
      let outcome: WatchOutcome;
      try {
        outcome = await fetchJobStatus(context, jobId, (r) => callbacks.current.onCall(r), signal);
      } catch (err) {
        if (signal.aborted) throw err;
        const described = describeError(err);
        outcome = { kind: 'network-error', message: described.message, hint: described.hint };
      }
      const now = Date.now();
      const previous = interval.current;
      const step =
        previous === undefined && outcome.kind === 'status'
          ? firstPollStep()
          : nextPollStep(previous ?? firstPollStep().intervalMs, pollOutcome(outcome), now);
      interval.current = step.intervalMs;
      if (outcome.kind === 'status') {
        lastStatus.current = outcome.status;
        callbacks.current.onStatus(outcome.status);
      }
      // A job nobody started changes only when Start is pressed (which restarts watching):
      // polling it would only spend the caller's quota (APIM Starter: 100 calls a week).
      const stopped =
        outcome.kind === 'rejected' ||
        (outcome.kind === 'status' &&
          (isTerminalState(outcome.status.state) || outcome.status.state === 'NotStarted'));
      return {
        outcome,
        lastStatus: lastStatus.current,
        step,
        nextDelayMs: stopped ? false : step.delayMs,
        checkedAt: now,
      };
    },
    refetchInterval: (q) => q.state.data?.nextDelayMs ?? false,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });

  const { refetch } = query;
  const restart = useCallback(() => {
    interval.current = undefined;
    void refetch();
  }, [refetch]);

  return { data: query.data, isFetching: query.isFetching, restart };
}
