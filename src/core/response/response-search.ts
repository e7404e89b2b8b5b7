/**
 * Finds where `query` occurs in a (possibly huge) text, case-insensitively unless asked, up to
 * `limit` matches so that a one-letter query over 20 MB stays quick. `lowerText` lets a
 * caller pass a lower-cased copy it has already made, instead of lowering 20 MB per keystroke.
 */
export function findMatches(
  text: string,
  query: string,
  options: { caseSensitive?: boolean; limit?: number; lowerText?: string } = {},
): { offsets: number[]; capped: boolean } {
  const limit = options.limit ?? 10_000;
  if (query === '') return { offsets: [], capped: false };
  let haystack = options.caseSensitive ? text : (options.lowerText ?? text.toLowerCase());
  let needle = options.caseSensitive ? query : query.toLowerCase();
  // A few characters change length when lowered (İ): offsets would drift, so match exactly.
  if (haystack.length !== text.length) {
    haystack = text;
    needle = query;
  }
  const offsets: number[] = [];
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return { offsets, capped: false };
    if (offsets.length === limit) return { offsets, capped: true };
    offsets.push(at);
    from = at + Math.max(1, needle.length);
  }
}
