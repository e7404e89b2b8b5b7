/** The first value of a response header, by case-insensitive name; null when absent. */
export function headerValue(
  headers: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | null {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}
