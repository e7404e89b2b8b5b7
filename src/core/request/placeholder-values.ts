/**
 * Values in an example body that stand for something the user must supply: `YOUR-STORAGE-ACCOUNT`,
 * `<account-key>`, a redacted signature (`sig=REDACTED`, `***`, `...`, the `••••••` a saved form
 * keeps instead of a secret), an `example.com` host.
 * Sending them "works" at the HTTP level and fails later (a batch job that cannot read its
 * input), so the console marks them and warns beside Send while they remain.
 */

export interface PlaceholderValue {
  /** The placeholder as it appears in the body, e.g. `<storage-account-key>`. */
  text: string;
  /** Where in a JSON body: `Inputs.input1.ConnectionString`; empty for a non-JSON body. */
  where: string;
}

// Order matters: a redacted `name=value` pair is reported whole, before its bare marker.
const PATTERNS: RegExp[] = [
  /(?<![\w-])[A-Za-z][\w-]*=(?:REDACTED|\*{3,}|•{3,}|\.{3}|…)(?![\w.*•])/g,
  /\bYOUR[-_][A-Z0-9][A-Z0-9_-]*/g,
  /<[A-Za-z][\w .-]*>/g,
  /\[?\bREDACTED\b\]?/gi,
  /\*{3,}/g,
  // The mask a saved form puts over a secret (SECRET_MASK): the secret itself is gone.
  /•{3,}/g,
  /(?<![\w.-])(?:[a-z0-9-]+\.)*example\.(?:com|org|net)\b|(?<![\w.-])(?:[a-z0-9-]+\.)+(?:example|invalid)\b/gi,
];

// A string that is nothing but an ellipsis is a left-out value ("AccountKey": "...").
const WHOLE_ELLIPSIS = /^\s*(?:\.{3}|…)\s*$/;

function scan(text: string, where: string, markupAllowed: boolean): PlaceholderValue[] {
  if (WHOLE_ELLIPSIS.test(text)) return [{ text: text.trim(), where }];
  const hits: Array<{ at: number; end: number; text: string }> = [];
  for (const pattern of PATTERNS) {
    if (markupAllowed && pattern.source.startsWith('<')) continue;
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      const end = at + match[0].length;
      // Inside a hit already taken (the `REDACTED` of `sig=REDACTED`): not a second one.
      if (hits.some((h) => at < h.end && end > h.at)) continue;
      hits.push({ at, end, text: match[0] });
    }
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => ({ text: h.text, where }));
}

function walk(value: unknown, path: string, out: PlaceholderValue[]): void {
  if (typeof value === 'string') out.push(...scan(value, path, false));
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key, out);
}

// Examples are small; a pasted data file is not an example, and scanning it on every keystroke
// would slow typing down.
export const MAX_SCANNED_BODY_CHARS = 512 * 1024;

/**
 * The placeholders in a request body, in order, each once per place (none in a body over
 * MAX_SCANNED_BODY_CHARS). A JSON body is read value by
 * value (so `<...>` inside a string counts); other text is scanned whole, except that `<tag>` is
 * ordinary markup in an XML or HTML body.
 */
export function findPlaceholders(
  body: string,
  options: { json: boolean; markup?: boolean },
): PlaceholderValue[] {
  if (body.length > MAX_SCANNED_BODY_CHARS) return [];
  const found: PlaceholderValue[] = [];
  let parsed: { ok: true; value: unknown } | { ok: false } = { ok: false };
  if (options.json) {
    try {
      parsed = { ok: true, value: JSON.parse(body) as unknown };
    } catch {
      // Half-typed JSON: scan the text, so the warning does not flicker while typing.
    }
  }
  if (parsed.ok) walk(parsed.value, '', found);
  else found.push(...scan(body, '', options.markup ?? false));
  const seen = new Set<string>();
  return found.filter((p) => {
    const key = `${p.where}\u0000${p.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The distinct placeholders with where each is, for one line of text: `A (in X, Y), B`. */
export function describePlaceholders(found: readonly PlaceholderValue[]): string {
  const byText = new Map<string, string[]>();
  for (const p of found) {
    const places = byText.get(p.text) ?? [];
    if (p.where && !places.includes(p.where)) places.push(p.where);
    byText.set(p.text, places);
  }
  return [...byText]
    .map(([text, places]) => (places.length > 0 ? `${text} (in ${places.join(', ')})` : text))
    .join('; ');
}
