import { SlidingWindow } from '../policies/policy-counters';

/**
 * How often one caller may do something costly without a credential (self-service subscribing):
 * at most `limit` times in any `windowMs`, counted per caller (its IP address), with the same
 * exact sliding window as the `rate-limit` policy. Without it an anonymous loop creates
 * thousands of subscriptions, each one a stored entity and a live key.
 */
export class CallerThrottle {
  private readonly recent = new Map<string, SlidingWindow>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one more for `caller`, or says how many seconds until it may try again. */
  take(caller: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.clock();
    let window = this.recent.get(caller);
    if (!window) {
      // Callers who went quiet are forgotten, so the map cannot grow without bound.
      if (this.recent.size >= 10_000)
        for (const [key, old] of this.recent)
          if ((old.newest() ?? 0) <= now - this.windowMs) this.recent.delete(key);
      window = new SlidingWindow();
      this.recent.set(caller, window);
    }
    if (window.countAfter(now - this.windowMs, this.limit) >= this.limit) {
      const oldest = window.newest(this.limit) ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      };
    }
    window.add(now, 1, this.limit);
    return { allowed: true };
  }
}
