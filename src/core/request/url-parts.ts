import type { ApiParameter } from '../definition/api-model';

/**
 * Encodes one path parameter value so that it can never change the shape of the path: "/",
 * "?", "#" and spaces are percent-encoded, and a value that is exactly "." or ".." (which URL
 * parsers treat as dot segments even when written %2E) has its dots encoded twice, so the
 * server receives a literal segment instead of walking up the path.
 */
export function encodePathValue(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%252E');
  return encodeURIComponent(value);
}

/** Fills `{name}` placeholders of a path template with encoded values (missing ones empty). */
export function expandPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}/]+)\}/g, (_whole, name: string) =>
    encodePathValue(values[name] ?? ''),
  );
}

/** Base URL + path with exactly one slash between them; a base with its own path keeps it. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  if (path === '' || path === '/') return base === '' ? '/' : `${base}/`;
  return `${base}/${path.replace(/^\/+/, '')}`;
}

export interface QueryPair {
  name: string;
  value: string;
}

/** Items of an array parameter typed in a text field: a JSON array, else comma-separated. */
export function splitArrayValue(value: string): string[] {
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed))
        return parsed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
    } catch {
      // Not JSON after all: fall back to commas.
    }
  }
  return text === '' ? [] : text.split(',').map((item) => item.trim());
}

/**
 * Query pairs for one parameter value, honouring OpenAPI `style`/`explode` for arrays
 * (form exploded by default, form unexploded, spaceDelimited, pipeDelimited).
 */
export function queryPairs(
  param: Pick<ApiParameter, 'name' | 'schema' | 'style' | 'explode'>,
  value: string,
): QueryPair[] {
  if (param.schema?.type !== 'array') return [{ name: param.name, value }];
  const items = splitArrayValue(value);
  const style = param.style ?? 'form';
  const explode = param.explode ?? style === 'form';
  if (style === 'form' && explode) return items.map((item) => ({ name: param.name, value: item }));
  const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
  return [{ name: param.name, value: items.join(separator) }];
}

export function buildQueryString(pairs: QueryPair[]): string {
  return pairs.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value)}`).join('&');
}
