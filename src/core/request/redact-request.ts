import { SECRET_MASK, type HttpRequest } from './http-request';

// Query parameters that carry credentials whatever their name looks like: APIM's subscription
// key and the common API key and token names. Any name that looksLikeCredentialName also counts.
export const WELL_KNOWN_SECRET_QUERY = [
  'subscription-key',
  'sig',
  'access_token',
  'api_key',
  'api-key',
  'apikey',
];

// Anywhere in a name: parts of credential words that no harmless name contains.
const CREDENTIAL_PART = /token|secret|passw|signature|cookie|apikey|credential/;
// As a whole word of a name ("x-functions-key", "AccountKey", "sas_token"), not inside one
// ("keyword", "monkey").
const CREDENTIAL_WORD = new Set(['key', 'sig', 'sas', 'pwd', 'auth', 'authorization']);
// Only as the whole name: OAuth's authorization code and Azure Functions' key are "code".
const CREDENTIAL_NAME = new Set(['code']);

/**
 * Whether a query parameter or header of this name probably carries a credential: "key",
 * "api-key", "apikey", "token", "access_token", "code", "sig", "signature", "password",
 * "secret", "auth…", "credential…", "x-…-key", cookies, SAS tokens. Used wherever a value is
 * shown, logged or stored, so a credential is masked even when the definition does not say so.
 */
export function looksLikeCredentialName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return CREDENTIAL_NAME.has(lower) || lower.startsWith('auth') || looksLikeCredentialField(name);
}

/**
 * Whether a JSON member of this name holds a credential ("primaryKey", "access_token",
 * "SasBlobToken", "auth"). Narrower than looksLikeCredentialName: "code" is a credential only
 * where it sits in a URL's query, and in a body it is Azure ML's error code; "author" is no
 * "auth…" header.
 */
export function looksLikeCredentialField(name: string): boolean {
  if (CREDENTIAL_PART.test(name.toLowerCase())) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => CREDENTIAL_WORD.has(word));
}

/** Header names that carry credentials whatever the definition says (see looksLikeCredentialName). */
export function isSensitiveHeaderName(name: string): boolean {
  return looksLikeCredentialName(name);
}

/**
 * The URL with secret query values replaced by a mask: those named (case-insensitive), those
 * whose names look like credentials, and SAS signatures or account keys anywhere in it (also
 * inside another parameter's encoded value).
 */
export function redactUrl(url: string, secretNames: readonly string[]): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return redactSecretsInText(url);
  const hashStart = url.indexOf('#', queryStart);
  const end = hashStart === -1 ? url.length : hashStart;
  const names = new Set(secretNames.map((n) => n.toLowerCase()));
  const pairs = url
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const rawName = pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // Malformed escape: compare the raw name.
      }
      return names.has(name.toLowerCase()) || looksLikeCredentialName(name)
        ? `${rawName}=${SECRET_MASK}`
        : pair;
    });
  return redactSecretsInText(`${url.slice(0, queryStart)}?${pairs.join('&')}${url.slice(end)}`);
}

// Credentials that travel inside text (bodies, URLs, responses): storage connection strings and
// SAS tokens, plain or URL-encoded, also a bare token that starts with its signature
// ("SasBlobToken": "sig=...&sv=...").
const SECRET_IN_TEXT: Array<[RegExp, string]> = [
  [/\b(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;"'\s]+/gi, `$1=${SECRET_MASK}`],
  [/((?:^|[?&"'\s])sig=)[^&#"'\s<>]+/gi, `$1${SECRET_MASK}`],
  [/((?:%3F|%26)sig%3D)(?:(?!%26)[^&"'\s<>])+/gi, `$1${SECRET_MASK}`],
];

/** Text (a body, a URL) with storage account keys and SAS signatures masked. */
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
