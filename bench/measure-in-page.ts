/**
 * Code injected into the benchmarked page before any of its scripts run (page.addInitScript).
 * It records long tasks and, from inside the page, when the portal becomes usable, how long
 * each filter keystroke takes to reach the screen, and when a response becomes visible after
 * "Send": measured where it happens, not through the latency of the automation protocol.
 *
 * A plain function: it is serialised into the page, so it may use nothing from its module.
 */
export interface BenchState {
  longTasks: Array<{ start: number; duration: number }>;
  usableAt?: number;
  keystrokes: number[];
  sendAt?: number;
  firstContentAt?: number;
  formattedAt?: number;
}

export function installPageProbes(): void {
  const state: BenchState = { longTasks: [], keystrokes: [] };
  (window as unknown as { __bench: BenchState }).__bench = state;
  // What the harness awaits (one evaluate) instead of polling the page while it loads.
  let resolveUsable: () => void = () => undefined;
  (window as unknown as { __benchUsable: Promise<void> }).__benchUsable = new Promise<void>(
    (resolve) => {
      resolveUsable = resolve;
    },
  );
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: blocking figures stay empty rather than wrong.
  }
  // rAF runs just before a frame is painted; a task queued from it runs just after.
  const afterPaint = (done: (t: number) => void): void => {
    requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
  };

  const usable = (): boolean => {
    const box = document.querySelector<HTMLInputElement>('input[aria-label="Filter operations"]');
    const link = document.querySelector('nav[aria-label="Operations"] a[href*="/operations/"]');
    return Boolean(box && !box.disabled && link && link.getBoundingClientRect().height > 0);
  };
  let usableSeen = false;
  let contentSeen = false;
  let formattedSeen = false;
  // Checked once per frame, just before it is painted: what is on the page then is what that
  // frame shows. (A MutationObserver over the whole document ran on every change and forced a
  // layout each time, costing the page 10-30 ms of the very load it measured.) Only while
  // something is awaited: a frame loop left running would make Chrome paint on every vsync
  // and so delay a keystroke's paint to the next tick, which the filter figures measure.
  let looping = false;
  const pending = (): boolean =>
    !usableSeen || (state.sendAt !== undefined && (!contentSeen || !formattedSeen));
  const loop = (): void => {
    if (looping) return;
    looping = true;
    requestAnimationFrame(check);
  };
  const check = (): void => {
    if (!usableSeen && usable()) {
      usableSeen = true;
      setTimeout(() => {
        state.usableAt = performance.now();
        resolveUsable();
      }, 0);
    }
    if (
      state.sendAt !== undefined &&
      !contentSeen &&
      document.querySelector('[aria-label="Response content"] .code-view__row')
    ) {
      contentSeen = true;
      setTimeout(() => (state.firstContentAt = performance.now()), 0);
    }
    if (
      state.sendAt !== undefined &&
      !formattedSeen &&
      document.querySelector('[aria-label="Response body (formatted JSON)"] .code-view__row')
    ) {
      formattedSeen = true;
      setTimeout(() => (state.formattedAt = performance.now()), 0);
    }
    if (pending()) requestAnimationFrame(check);
    else looping = false;
  };
  loop();

  document.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (target?.getAttribute('aria-label') !== 'Filter operations') return;
      const startedAt = event.timeStamp;
      afterPaint((t) => state.keystrokes.push(t - startedAt));
    },
    true,
  );
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as HTMLElement | null)?.closest('button');
      if (button?.textContent?.trim().startsWith('Send')) {
        state.sendAt = event.timeStamp;
        contentSeen = false;
        formattedSeen = false;
        delete state.firstContentAt;
        delete state.formattedAt;
        loop();
      }
    },
    true,
  );
}

/**
 * The probe as init-script source. tsx compiles with esbuild's keepNames, which wraps functions
 * in a `__name` helper that does not exist in the page; a no-op stand-in makes the text runnable.
 */
export const pageProbesScript = `var __name = (f) => f; (${installPageProbes.toString()})();`;
