import type { HttpRequest } from './http-request';
import { isSensitiveHeaderName, WELL_KNOWN_SECRET_QUERY } from './redact-request';
import { redactSecretsInText } from './redact-request';

/**
 * An R (httr) sample for the request. Written here rather than through httpsnippet: its R
 * target writes query names such as `api-version` unquoted, which R reads as a subtraction.
 * Secrets become Sys.getenv() calls named like the shell samples' variables.
 */
export function rHttrSample(
  request: HttpRequest,
  placeholderName: (source: string) => string,
  revealSecrets = false,
): string {
  const { base, pairs } = splitQuery(request.url);
  const secretQuery = new Set(
    [...(request.secretQuery ?? []), ...WELL_KNOWN_SECRET_QUERY].map((n) => n.toLowerCase()),
  );
  const lines: string[] = ['library(httr)', '', `url <- ${rString(base)}`, ''];
  const args: string[] = [rString(request.method), 'url'];

  if (pairs.length > 0) {
    lines.push('query <- list(');
    pairs.forEach(([name, value], i) => {
      const secret = !revealSecrets && secretQuery.has(name.toLowerCase());
      const rValue = secret ? `Sys.getenv(${rString(placeholderName(name))})` : rString(value);
      lines.push(`  ${rName(name)} = ${rValue}${i < pairs.length - 1 ? ',' : ''}`);
    });
    lines.push(')', '');
    args.push('query = query');
  }

  if (request.body !== undefined) {
    const body = revealSecrets ? request.body : redactSecretsInText(request.body);
    lines.push(`payload <- ${rString(body)}`, '');
    args.push('body = payload');
  }

  if (request.headers.length > 0) {
    const headers = request.headers.map((h) => {
      const secret =
        !revealSecrets && (h.secret === true || (h.value !== '' && isSensitiveHeaderName(h.name)));
      if (!secret) return `${rName(h.name)} = ${rString(h.value)}`;
      const variable = `Sys.getenv(${rString(placeholderName(h.schemeId ?? h.name))})`;
      const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(h.value);
      return scheme
        ? `${rName(h.name)} = paste(${rString(scheme[1] ?? '')}, ${variable})`
        : `${rName(h.name)} = ${variable}`;
    });
    args.push(`add_headers(\n    ${headers.join(',\n    ')}\n  )`);
  }
  if (request.body !== undefined) args.push('encode = "raw"');

  lines.push(`response <- VERB(\n  ${args.join(',\n  ')}\n)`, '');
  lines.push('print(status_code(response))');
  lines.push('cat(content(response, "text", encoding = "UTF-8"))');
  return lines.join('\n');
}

function rString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** A list() name: bare when R allows it, else in backticks (api-version, Content-Type). */
function rName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._]*$/.test(name) ? name : `\`${name.replace(/`/g, '\\`')}\``;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function splitQuery(url: string): { base: string; pairs: Array<[string, string]> } {
  const hash = url.indexOf('#');
  const withoutHash = hash === -1 ? url : url.slice(0, hash);
  const q = withoutHash.indexOf('?');
  if (q === -1) return { base: withoutHash, pairs: [] };
  const pairs = withoutHash
    .slice(q + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((pair): [string, string] => {
      const eq = pair.indexOf('=');
      return eq === -1
        ? [decode(pair), '']
        : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
    });
  return { base: withoutHash.slice(0, q), pairs };
}
