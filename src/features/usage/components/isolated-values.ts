/** Whether some value has no value beside it to draw a line to (so it must be drawn as a dot). */
export function hasIsolatedValue(values: ReadonlyArray<number | null | undefined>): boolean {
  return values.some(
    (v, i) =>
      v !== null &&
      v !== undefined &&
      (values[i - 1] ?? null) === null &&
      (values[i + 1] ?? null) === null,
  );
}
