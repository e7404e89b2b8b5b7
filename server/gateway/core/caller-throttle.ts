/**
 * How often one caller may do something costly without a credential (self-service subscribing):
 * at most `limit` times in any `windowMs`, counted per caller (its IP address). Without it an
 * anonymous loop creates thousands of subscriptions, each one a stored entity and a live key.
 */
export class CallerThrottle {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one more for `caller`, or says how many seconds until it may try again. */
  take(caller: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.clock();
    const times = (this.recent.get(caller) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length >= this.limit) {
      this.recent.set(caller, times);
      const oldest = times[0] ?? now;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      };
    }
    times.push(now);
    this.recent.set(caller, times);
    // Callers who went quiet are forgotten, so the map cannot grow without bound.
    if (this.recent.size > 10_000)
      for (const [key, list] of this.recent)
        if (list.every((t) => now - t >= this.windowMs)) this.recent.delete(key);
    return { allowed: true };
  }
}
