import { SECRET_MASK, type HttpRequest } from './http-request';

// Query parameters that carry credentials whatever the definition says: APIM's subscription
// key, a SAS signature, common API key and token names.
export const WELL_KNOWN_SECRET_QUERY = [
  'subscription-key',
  'sig',
  'access_token',
  'api_key',
  'api-key',
  'apikey',
];

// Header names that carry credentials whatever the definition says, even when typed as custom
// headers: masked in every view and code sample, and kept out of stored form values.
const SENSITIVE_HEADER = /authorization|cookie|key|token|secret|password|signature|sas/i;

export function isSensitiveHeaderName(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** The URL with the values of the named query parameters (case-insensitive) replaced by a mask. */
export function redactUrl(url: string, secretNames: readonly string[]): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || secretNames.length === 0) return url;
  const hashStart = url.indexOf('#', queryStart);
  const end = hashStart === -1 ? url.length : hashStart;
  const names = new Set(secretNames.map((n) => n.toLowerCase()));
  const pairs = url
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // Malformed escape: compare the raw name.
      }
      return names.has(name.toLowerCase()) && eq !== -1 ? `${rawName}=${SECRET_MASK}` : pair;
    });
  return `${url.slice(0, queryStart)}?${pairs.join('&')}${url.slice(end)}`;
}

// Credentials that travel inside bodies: storage connection strings and SAS tokens (BES jobs).
const SECRET_IN_TEXT: Array<[RegExp, string]> = [
  [/\b(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;"'\s]+/gi, `$1=${SECRET_MASK}`],
  [/([?&]sig=)[^&"'\s]+/gi, `$1${SECRET_MASK}`],
];

/** Text (a request body) with storage account keys and SAS signatures masked. */
export function redactSecretsInText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_IN_TEXT)
    result = result.replace(pattern, replacement);
  return result;
}

/** Keeps the scheme word of an Authorization value ("Bearer ••••••") so the shape stays readable. */
function maskHeaderValue(value: string): string {
  const scheme = /^(Bearer|Basic|Digest|Token|SharedAccessSignature)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${SECRET_MASK}` : SECRET_MASK;
}

/**
 * A copy safe to display, log or store: secret header values (flagged, or with a credential's
 * name even when the caller did not flag them), secret query values and
 * storage keys or SAS signatures in the body masked.
 */
export function redactRequest(request: HttpRequest): HttpRequest {
  const redacted: HttpRequest = {
    ...request,
    url: redactUrl(request.url, [...(request.secretQuery ?? []), ...WELL_KNOWN_SECRET_QUERY]),
    ...(request.body !== undefined ? { body: redactSecretsInText(request.body) } : {}),
    headers: request.headers.map((h) =>
      h.secret || (h.value !== '' && isSensitiveHeaderName(h.name))
        ? { ...h, value: maskHeaderValue(h.value) }
        : { ...h },
    ),
  };
  return redacted;
}
