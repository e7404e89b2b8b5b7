/**
 * Lets the browser paint and handle input between long steps (a big definition's parse,
 * resolve and normalise), so no single task blocks the page for their whole sum.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
