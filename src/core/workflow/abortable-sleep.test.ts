import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep } from './abortable-sleep';

afterEach(() => {
  vi.useRealTimers();
});

describe('abortableSleep', () => {
  it('resolves after the time', async () => {
    vi.useFakeTimers();
    let done = false;
    const wait = abortableSleep(3000, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(done).toBe(true);
  });

  it('rejects at once when cancelled, and at the start when already cancelled', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const wait = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(wait).rejects.toMatchObject({ name: 'AbortError' });
    await expect(abortableSleep(1, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
