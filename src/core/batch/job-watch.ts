/**
 * When to read a watched job's status next. The query that reads it stays a pure read; this
 * schedule is where the backoff lives: it is asked after each read (by the query's
 * refetchInterval and by the view that says "next check in..."), and answers the same for the
 * same read however often it is asked.
 */
import { isTerminalState } from './batch-job-state';
import type { StatusRead } from './bes-calls';
import {
  DEFAULT_POLL_POLICY,
  firstPollStep,
  nextPollStep,
  paceByBudget,
  type PollOutcome,
  type PollPolicy,
  type PollStep,
} from './batch-poll-policy';

export function pollOutcomeOf(outcome: StatusRead): PollOutcome {
  if (outcome.kind === 'network-error') return { kind: 'network-error' };
  return {
    kind: 'status',
    httpStatus: outcome.httpStatus,
    retryAfter: outcome.kind === 'rejected' ? null : outcome.retryAfter,
  };
}

/**
 * Watching stops at an end state and at a refusal retrying cannot fix. A job nobody started
 * changes only when Start is pressed (which restarts watching): polling it would only spend
 * the caller's quota (APIM Starter: 100 calls a week).
 */
export function stopsWatching(outcome: StatusRead): boolean {
  return (
    outcome.kind === 'rejected' ||
    (outcome.kind === 'status' &&
      (isTerminalState(outcome.status.state) || outcome.status.state === 'NotStarted'))
  );
}

export interface WatchStep {
  step: PollStep;
  /** False when watching has stopped. */
  nextDelayMs: number | false;
}

export class WatchSchedule {
  private readonly last = new Map<string, { readAt: number; step: PollStep }>();

  constructor(private readonly policy: PollPolicy = DEFAULT_POLL_POLICY) {}

  /**
   * The step after the read made at `readAt` for the job `key`; `rateWindowMs` is the key's
   * product rate-limit window, when known, to pace by the calls left in it.
   */
  after(key: string, readAt: number, outcome: StatusRead, rateWindowMs?: number): WatchStep {
    let entry = this.last.get(key);
    if (entry?.readAt !== readAt) {
      const poll = pollOutcomeOf(outcome);
      const step =
        entry === undefined && poll.kind === 'status'
          ? firstPollStep(this.policy)
          : nextPollStep(
              entry?.step.intervalMs ?? this.policy.initialMs,
              poll,
              readAt,
              this.policy,
            );
      const remaining = outcome.kind === 'network-error' ? undefined : outcome.remaining;
      entry = { readAt, step: paceByBudget(step, remaining, rateWindowMs) };
      this.last.set(key, entry);
    }
    return { step: entry.step, nextDelayMs: stopsWatching(outcome) ? false : entry.step.delayMs };
  }

  /** Start over from the shortest interval (the user pressed Start or Check now). */
  reset(key: string): void {
    this.last.delete(key);
  }
}
