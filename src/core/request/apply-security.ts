import type { SecurityRequirements, SecurityScheme } from '../definition/api-model';
import type { HttpHeader } from './http-request';
import type { QueryPair } from './url-parts';

function hasCredential(credentials: Record<string, string>, id: string): boolean {
  return (credentials[id] ?? '').trim() !== '';
}

/**
 * The requirement alternative to use: the first whose schemes all have a credential (an
 * alternative needing none counts only when no other is complete), else the first one.
 * Returns the scheme ids of that alternative ([] when the operation needs no credentials).
 */
export function chooseSecurityRequirement(
  requirements: SecurityRequirements,
  credentials: Record<string, string>,
): string[] {
  const complete = requirements.find(
    (alternative) =>
      alternative.length > 0 && alternative.every((id) => hasCredential(credentials, id)),
  );
  if (complete) return complete;
  if (requirements.some((alternative) => alternative.length === 0)) return [];
  return requirements[0] ?? [];
}

export interface SecurityParts {
  headers: HttpHeader[];
  query: QueryPair[];
  cookies: Array<{ name: string; value: string }>;
}

/** Encodes text as UTF-8 then base64 (btoa alone rejects non-Latin-1 passwords). */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Where each credential of the chosen schemes goes, as the scheme says. An http basic
 * credential is "user:password"; oauth2 and openIdConnect take an access token.
 */
export function securityParts(
  schemeIds: string[],
  schemes: Record<string, SecurityScheme>,
  credentials: Record<string, string>,
): SecurityParts {
  const parts: SecurityParts = { headers: [], query: [], cookies: [] };
  for (const id of schemeIds) {
    const scheme = schemes[id];
    const value = (credentials[id] ?? '').trim();
    if (!scheme || value === '') continue;
    if (scheme.type === 'apiKey') {
      if (scheme.in === 'header')
        parts.headers.push({ name: scheme.name, value, secret: true, schemeId: id });
      else if (scheme.in === 'query') parts.query.push({ name: scheme.name, value });
      else parts.cookies.push({ name: scheme.name, value });
    } else if (scheme.type === 'http') {
      const kind = scheme.scheme.toLowerCase();
      const authorization =
        kind === 'bearer'
          ? `Bearer ${value}`
          : kind === 'basic'
            ? `Basic ${base64Utf8(value)}`
            : `${scheme.scheme} ${value}`;
      parts.headers.push({
        name: 'Authorization',
        value: authorization,
        secret: true,
        schemeId: id,
      });
    } else if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
      // The credential is an access token obtained elsewhere.
      parts.headers.push({
        name: 'Authorization',
        value: `Bearer ${value}`,
        secret: true,
        schemeId: id,
      });
    }
  }
  return parts;
}
