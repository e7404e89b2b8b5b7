/**
 * A token as the panel shows it: a JWT's header and claims decoded, its signature never shown,
 * and how long it has left. Decoding checks nothing: the API (APIM's validate-jwt) is the judge
 * of a token; this only lets a person see which claim it will judge.
 */

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** The signature's length only: the value itself is never shown. */
  signatureLength: number;
}

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The JWT's header and claims, or undefined for an opaque token (Entra ID's ARM tokens are JWTs). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  const header = base64UrlJson(parts[0] ?? '');
  const claims = base64UrlJson(parts[1] ?? '');
  if (!header || !claims) return undefined;
  return { header, claims, signatureLength: (parts[2] ?? '').length };
}

/** A NumericDate claim (seconds since the epoch) in milliseconds, when it is one. */
export function claimTime(claims: Record<string, unknown>, name: string): number | undefined {
  const value = claims[name];
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

export type ExpiryState =
  | { kind: 'unknown' }
  | { kind: 'valid'; secondsLeft: number }
  | { kind: 'expired'; secondsAgo: number };

/** Where a token with this expiry stands at `now` (both in ms). */
export function expiryState(expiresAt: number | undefined, now: number): ExpiryState {
  if (expiresAt === undefined) return { kind: 'unknown' };
  const seconds = Math.round((expiresAt - now) / 1000);
  return seconds > 0
    ? { kind: 'valid', secondsLeft: seconds }
    : { kind: 'expired', secondsAgo: -seconds };
}

/** "4 min 05 s", "12 s": the countdown's words. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

export function expiryText(state: ExpiryState): string {
  if (state.kind === 'unknown') return 'The provider did not say when this token expires';
  if (state.kind === 'valid') return `Expires in ${formatDuration(state.secondsLeft)}`;
  return `Expired ${formatDuration(state.secondsAgo)} ago`;
}

// JWS compact serialisations (three base64url parts, the first an encoded JSON object).
const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * Text with every JWT in it masked: an error from a provider or a gateway may quote the token,
 * and such text is shown, logged and kept.
 */
export function maskTokensInText(text: string, known: readonly string[] = []): string {
  let out = text.replace(JWT_IN_TEXT, '•••');
  for (const token of known) if (token.length >= 8) out = out.split(token).join('•••');
  return out;
}
