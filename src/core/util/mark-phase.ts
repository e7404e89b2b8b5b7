/**
 * A User Timing mark (`portico:<phase>`) at a step of loading a definition, on the page or in
 * the worker: `npx tsx bench/trace-load.ts` prints them on one clock, and the browser's
 * performance panel shows them. Costs a few microseconds; never throws.
 */
export function markPhase(phase: string): void {
  try {
    globalThis.performance?.mark?.(`portico:${phase}`);
  } catch {
    // A mark is only a hint for profiling.
  }
}
