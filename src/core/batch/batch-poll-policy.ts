/**
 * How often to ask for a job's status. A job takes seconds to hours, so the interval starts
 * short and backs off; a server that says when to come back (Retry-After, 429, 503) is obeyed;
 * a network failure never drops the job, it only makes the next try wait longer.
 */

export interface PollPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
  /** Upper bound for a server-requested wait, so a bogus Retry-After cannot park the job for days. */
  maxRetryAfterMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  initialMs: 1000,
  factor: 1.5,
  maxMs: 15_000,
  maxRetryAfterMs: 10 * 60_000,
};

/** What the previous poll produced. */
export type PollOutcome =
  { kind: 'status'; httpStatus: number; retryAfter?: string | null } | { kind: 'network-error' };

export interface PollStep {
  /** Delay before the next poll, in ms. */
  delayMs: number;
  /** The backoff interval that the step after this one grows from. */
  intervalMs: number;
  /** Why the delay is what it is, for the "next check in..." line. */
  reason: 'backoff' | 'retry-after' | 'throttled' | 'network-error' | 'budget';
}

/**
 * Parses a Retry-After header: delta seconds ("120") or an HTTP date. Returns milliseconds
 * from `now`, never negative; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only accept things that look like a date, because Date.parse is lenient with junk like "5s".
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The first poll's step, before anything was observed. */
export function firstPollStep(policy: PollPolicy = DEFAULT_POLL_POLICY): PollStep {
  return { delayMs: policy.initialMs, intervalMs: policy.initialMs, reason: 'backoff' };
}

/**
 * The next step after `outcome`, given the previous backoff interval. Throttling statuses
 * (429, 503) without Retry-After back off like a network failure.
 */
export function nextPollStep(
  previousIntervalMs: number,
  outcome: PollOutcome,
  now: number,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
): PollStep {
  const grown = Math.min(policy.maxMs, Math.round(previousIntervalMs * policy.factor));
  if (outcome.kind === 'network-error') {
    return { delayMs: grown, intervalMs: grown, reason: 'network-error' };
  }
  const retryAfter = parseRetryAfter(outcome.retryAfter, now);
  const throttled = outcome.httpStatus === 429 || outcome.httpStatus === 503;
  if (retryAfter !== undefined) {
    // A throttled poll waits exactly as told (but never spins); otherwise Retry-After only
    // ever lengthens the backoff.
    const floor = throttled ? policy.initialMs : grown;
    const delayMs = Math.min(policy.maxRetryAfterMs, Math.max(retryAfter, floor));
    return { delayMs, intervalMs: grown, reason: throttled ? 'throttled' : 'retry-after' };
  }
  return { delayMs: grown, intervalMs: grown, reason: throttled ? 'throttled' : 'backoff' };
}

/**
 * Whether a refused status poll is worth repeating: a timeout, throttling (429), a server
 * error, or API Management's quota 403, which says with Retry-After when calls work again.
 * A job is never marked failed for these; only the watching waits.
 */
export function isTemporaryRefusal(httpStatus: number, retryAfter: string | null): boolean {
  if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) return true;
  return httpStatus === 403 && parseRetryAfter(retryAfter, Date.now()) !== undefined;
}

/**
 * Spreads the calls left in the product's rate-limit window (X-RateLimit-Remaining) over that
 * window: `windowMs / (remaining + 1)` at least, so the budget lasts the window and the next
 * poll is never the refused one. With none left that is the whole window, after which every
 * call in it has aged out. Without the window (a product the portal cannot see) or the header,
 * the step stands: a 429 then says exactly how long to wait, and is not counted.
 */
export function paceByBudget(
  step: PollStep,
  remaining: number | undefined,
  windowMs: number | undefined,
): PollStep {
  if (remaining === undefined || windowMs === undefined || step.reason === 'throttled') return step;
  const spacing = Math.round(windowMs / (remaining + 1));
  return spacing > step.delayMs ? { ...step, delayMs: spacing, reason: 'budget' } : step;
}
