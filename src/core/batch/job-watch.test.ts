import { describe, expect, it } from 'vitest';
import type { StatusRead } from './bes-calls';
import { WatchSchedule, stopsWatching } from './job-watch';

const running: StatusRead = {
  kind: 'status',
  status: { state: 'Running', results: [], details: null },
  httpStatus: 200,
  retryAfter: null,
};
const offline: StatusRead = { kind: 'network-error', error: new TypeError('Failed to fetch') };
const throttled: StatusRead = {
  kind: 'transient',
  httpStatus: 503,
  retryAfter: '1',
  message: 'BES Status was answered with 503.',
};

describe('WatchSchedule', () => {
  it('backs off read after read, and answers the same for the same read', () => {
    const schedule = new WatchSchedule();
    expect(schedule.after('j', 1000, running)).toEqual({
      step: { delayMs: 1000, intervalMs: 1000, reason: 'backoff' },
      nextDelayMs: 1000,
    });
    expect(schedule.after('j', 1000, running).nextDelayMs).toBe(1000);
    expect(schedule.after('j', 2000, running).nextDelayMs).toBe(1500);
    expect(schedule.after('j', 2000, running).nextDelayMs).toBe(1500);
    expect(schedule.after('j', 3500, offline)).toEqual({
      step: { delayMs: 2250, intervalMs: 2250, reason: 'network-error' },
      nextDelayMs: 2250,
    });
  });

  it('obeys a throttled answer and starts over after a reset', () => {
    const schedule = new WatchSchedule();
    schedule.after('j', 0, running);
    expect(schedule.after('j', 10, throttled)).toEqual({
      step: { delayMs: 1000, intervalMs: 1500, reason: 'throttled' },
      nextDelayMs: 1000,
    });
    schedule.reset('j');
    expect(schedule.after('j', 20, running).step.intervalMs).toBe(1000);
    expect(schedule.after('other', 20, offline).step.reason).toBe('network-error');
  });

  it('spreads the calls left in the rate-limit window over it, so no poll is refused', () => {
    const schedule = new WatchSchedule();
    const left = (remaining: number): StatusRead => ({ ...running, remaining });
    // Starter: 5 calls a minute. One left: the next poll waits half the window.
    expect(schedule.after('j', 0, left(1), 60_000)).toEqual({
      step: { delayMs: 30_000, intervalMs: 1000, reason: 'budget' },
      nextDelayMs: 30_000,
    });
    // None left: a whole window, when every call in it has aged out.
    expect(schedule.after('j', 30_000, left(0), 60_000).nextDelayMs).toBe(60_000);
    // Plenty left: the backoff is shorter than the spacing would be, so it stands.
    expect(schedule.after('j', 90_000, left(99), 60_000)).toEqual({
      step: { delayMs: 2250, intervalMs: 2250, reason: 'backoff' },
      nextDelayMs: 2250,
    });
    // Without the window (a product the portal cannot see), the budget does not pace.
    expect(new WatchSchedule().after('k', 0, left(0)).nextDelayMs).toBe(1000);
  });

  it('stops at an end state, at a job nobody started and at a refusal', () => {
    const finished: StatusRead = { ...running, status: { ...running.status, state: 'Finished' } };
    const notStarted: StatusRead = {
      ...running,
      status: { ...running.status, state: 'NotStarted' },
    };
    const refused: StatusRead = { kind: 'rejected', httpStatus: 401, message: 'no' };
    expect([finished, notStarted, refused, running, offline].map(stopsWatching)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(new WatchSchedule().after('j', 0, finished).nextDelayMs).toBe(false);
  });
});
