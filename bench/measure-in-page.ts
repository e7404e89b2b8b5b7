/**
 * Code run in the benchmarked page before any of its scripts (the bench's static server adds
 * it to index.html as a classic script, which runs before the app's deferred modules).
 * It records long tasks and, from inside the page, when the portal becomes usable, how long
 * each filter keystroke takes to reach the screen, when an operation's console is on screen
 * after a click in the list, when a response (or a streamed answer's first text, and all of
 * it) becomes visible after "Send": measured where it happens, not through the latency of the automation protocol.
 *
 * A plain function: it is serialised into the page, so it may use nothing from its module.
 */
export interface BenchState {
  longTasks: Array<{ start: number; duration: number }>;
  usableAt?: number;
  keystrokes: number[];
  /** The first frame showing an operation's Try it console, however it was opened. */
  consoleAt?: number;
  /** A click on an operation in the list, and the first frame showing its Try it console. */
  openAt?: number;
  openedAt?: number;
  sendAt?: number;
  firstContentAt?: number;
  formattedAt?: number;
  /** The first frame showing a row of a result table after "Send". */
  tableAt?: number;
  /** The first frame showing the outcome of the response's check against the definition. */
  checkedAt?: number;
  /** A streamed answer: the first frame showing its text, and the first showing it complete. */
  streamFirstAt?: number;
  streamDoneAt?: number;
}

export function installPageProbes(): void {
  const state: BenchState = { longTasks: [], keystrokes: [] };
  (window as unknown as { __bench: BenchState }).__bench = state;
  // What the harness waits for: a beacon to the static server, which reaches it with no
  // automation attached to the page during the load (see bench/harness.ts, openUninstrumented).
  const announceUsable = (): void => {
    navigator.sendBeacon(new URL('./__bench/usable', document.baseURI).href);
  };
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
  let tableSeen = false;
  let checkedSeen = false;
  let streamFirstSeen = false;
  let streamDoneSeen = false;
  const tableRow = () =>
    document.querySelector(
      '[aria-label="Response content"] table tbody tr:not([aria-hidden]) td',
    ) !== null;
  const contentRow = () =>
    document.querySelector('[aria-label="Response content"] .code-view__row') !== null;
  const formattedRow = () =>
    document.querySelector('[aria-label="Response body (formatted JSON)"] .code-view__row') !==
    null;
  const checkedLine = () =>
    Array.from(document.querySelectorAll('.response-check__line')).some(
      (line) => !line.textContent?.startsWith('Checking'),
    );
  const streamText = () =>
    document.querySelector('.stream-view [aria-label="Answer so far"]') !== null;
  // The live view says "Receiving"; the view of the ended response replaces it.
  const streamComplete = () =>
    document.querySelector('.stream-view__stats')?.textContent?.startsWith('Complete') === true;
  const consoleShown = () =>
    Array.from(document.querySelectorAll('form[aria-label="Try it"] button')).some((b) =>
      b.textContent?.trim().startsWith('Send'),
    );
  let consoleSeen = false;
  let anyConsoleSeen = false;
  const awaitingConsole = (): boolean => state.openAt !== undefined && !consoleSeen;
  const awaitingResponse = (): boolean =>
    state.sendAt !== undefined &&
    (!contentSeen ||
      !formattedSeen ||
      !tableSeen ||
      !checkedSeen ||
      !streamFirstSeen ||
      !streamDoneSeen);
  // Whether what is awaited may be on screen: cheap (no layout), checked on DOM changes.
  const candidate = (): boolean =>
    (!usableSeen &&
      document.querySelector('nav[aria-label="Operations"] a[href*="/operations/"]') !== null) ||
    (awaitingResponse() &&
      ((!contentSeen && contentRow()) ||
        (!formattedSeen && formattedRow()) ||
        (!tableSeen && tableRow()) ||
        (!checkedSeen && checkedLine()) ||
        (!streamFirstSeen && streamText()) ||
        (!streamDoneSeen && streamComplete()))) ||
    ((awaitingConsole() || !anyConsoleSeen) && consoleShown());
  // Checked once per frame, just before it is painted: what is on the page then is what that
  // frame shows. The frame loop runs only while an awaited element is in the DOM (a
  // MutationObserver, with no layout in it, starts it): a loop running for the whole load made
  // Chrome produce a frame on every vsync, 30 frames of style, commit and compositing the
  // load would not otherwise do (and a MutationObserver that measured layout forced one on
  // every change). Left running afterwards, it would also delay a keystroke's paint to the
  // next tick, which the filter figures measure.
  let looping = false;
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
        announceUsable();
      }, 0);
    }
    if (!anyConsoleSeen && consoleShown()) {
      anyConsoleSeen = true;
      setTimeout(() => (state.consoleAt = performance.now()), 0);
    }
    if (awaitingConsole() && consoleShown()) {
      consoleSeen = true;
      setTimeout(() => (state.openedAt = performance.now()), 0);
    }
    if (awaitingResponse() && !contentSeen && contentRow()) {
      contentSeen = true;
      setTimeout(() => (state.firstContentAt = performance.now()), 0);
    }
    if (awaitingResponse() && !formattedSeen && formattedRow()) {
      formattedSeen = true;
      setTimeout(() => (state.formattedAt = performance.now()), 0);
    }
    if (awaitingResponse() && !tableSeen && tableRow()) {
      tableSeen = true;
      setTimeout(() => (state.tableAt = performance.now()), 0);
    }
    if (awaitingResponse() && !checkedSeen && checkedLine()) {
      checkedSeen = true;
      setTimeout(() => (state.checkedAt = performance.now()), 0);
    }
    if (awaitingResponse() && !streamFirstSeen && streamText()) {
      streamFirstSeen = true;
      setTimeout(() => (state.streamFirstAt = performance.now()), 0);
    }
    if (awaitingResponse() && !streamDoneSeen && streamComplete()) {
      streamDoneSeen = true;
      setTimeout(() => (state.streamDoneAt = performance.now()), 0);
    }
    if (candidate()) requestAnimationFrame(check);
    else looping = false;
  };
  new MutationObserver(() => {
    if (!looping && candidate()) loop();
  }).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled'],
  });

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
      const link = (event.target as HTMLElement | null)?.closest(
        'nav[aria-label="Operations"] a[href*="/operations/"]',
      );
      if (link) {
        state.openAt = event.timeStamp;
        consoleSeen = false;
        delete state.openedAt;
        loop();
      }
      const button = (event.target as HTMLElement | null)?.closest('button');
      if (button?.textContent?.trim().startsWith('Send')) {
        state.sendAt = event.timeStamp;
        contentSeen = false;
        formattedSeen = false;
        tableSeen = false;
        checkedSeen = false;
        streamFirstSeen = false;
        streamDoneSeen = false;
        delete state.checkedAt;
        delete state.streamFirstAt;
        delete state.streamDoneAt;
        delete state.firstContentAt;
        delete state.formattedAt;
        delete state.tableAt;
        loop();
      }
    },
    true,
  );
}

/**
 * The probe as script source. tsx compiles with esbuild's keepNames, which wraps functions
 * in a `__name` helper that does not exist in the page; a no-op stand-in makes the text runnable.
 */
export const pageProbesScript = `var __name = (f) => f; (${installPageProbes.toString()})();`;
