/**
 * The states a batch endpoint job was seen in, in order, with when each was first and last seen
 * by this browser (the poll times): what the Batch endpoint flow's timeline shows.
 */
export interface ObservedState<S extends string> {
  state: S;
  at: number;
  lastSeenAt: number;
}

/** Adds one observation: a new entry when the state changed, else the last one seen later. */
export function observeState<S extends string>(
  timeline: readonly ObservedState<S>[],
  state: S,
  at: number,
): ObservedState<S>[] {
  const last = timeline.at(-1);
  if (last?.state === state) {
    return [...timeline.slice(0, -1), { ...last, lastSeenAt: Math.max(last.lastSeenAt, at) }];
  }
  return [...timeline, { state, at, lastSeenAt: at }];
}
