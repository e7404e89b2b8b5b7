import { describe, expect, it } from 'vitest';
import { CallerThrottle } from './caller-throttle';

describe('CallerThrottle', () => {
  it('lets each caller act `limit` times in any window, and says when the oldest one leaves it', () => {
    let now = 0;
    const throttle = new CallerThrottle(3, 60_000, () => now);
    for (const at of [0, 10_000, 20_000]) {
      now = at;
      expect(throttle.take('10.0.0.1')).toEqual({ allowed: true });
    }
    now = 30_000;
    expect(throttle.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(throttle.take('10.0.0.2')).toEqual({ allowed: true });
    now = 60_000;
    expect(throttle.take('10.0.0.1')).toEqual({ allowed: true });
    expect(throttle.take('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });
});
