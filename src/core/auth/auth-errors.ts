/**
 * Sign-in failures in a person's words, each with what to do: the provider's OAuth error codes,
 * oauth4webapi's checks (state, nonce, clock), the browser's "Failed to fetch" at the token
 * endpoint (CORS: Entra ID answers a browser only for a Single-page application redirect URI),
 * and a token the API refused, decoded to name the claim.
 */
import * as oauth from 'oauth4webapi';
import { claimTime, formatDuration } from './jwt-view';

export type SignInStep = 'discovery' | 'authorize' | 'token' | 'refresh' | 'device' | 'revoke';

export interface SignInContext {
  step: SignInStep;
  /** The URL the step called (discovery document, token endpoint...). */
  url?: string;
  redirectUri?: string;
  scopes?: string[];
  /** This portal's origin, which a provider's CORS must allow. */
  origin?: string;
}

export interface SignInProblem {
  title: string;
  message: string;
  hint?: string;
}

/** The sign-in window could not be opened, or was closed before the provider answered. */
export class PopupError extends Error {
  constructor(readonly kind: 'blocked' | 'closed') {
    super(kind === 'blocked' ? 'The sign-in window was blocked' : 'The sign-in window was closed');
    this.name = 'PopupError';
  }
}

const ENTRA_SPA_FIX =
  'With Microsoft Entra ID, register the redirect URI under "Single-page application" (not "Web") in the app registration\'s Authentication page: only then does its token endpoint answer a browser.';

function providerSays(error: string, description: string | undefined): string {
  return description
    ? `The provider answered ${error}: ${description}`
    : `The provider answered ${error}.`;
}

function describeOAuthError(
  error: string,
  description: string | undefined,
  context: SignInContext,
): SignInProblem {
  const said = providerSays(error, description);
  const text = `${error} ${description ?? ''}`;
  if (/redirect_uri|AADSTS50011|AADSTS500113/i.test(text))
    return {
      title: 'The redirect URI is not registered with the provider',
      message: said,
      hint: `Register ${context.redirectUri ?? 'the redirect URI shown in the panel'} exactly (scheme, host, port and path) for this client. ${ENTRA_SPA_FIX}`,
    };
  if (/AADSTS9002326|cross-origin token redemption/i.test(text))
    return {
      title: 'The provider will not give this browser a token',
      message: said,
      hint: ENTRA_SPA_FIX,
    };
  switch (error) {
    case 'access_denied':
      return {
        title: 'Consent was declined',
        message: `${said} No token was issued.`,
        hint: 'Sign in again and allow access. If your organisation requires it, ask an administrator to grant consent for this application.',
      };
    case 'invalid_scope':
      return {
        title: 'The provider refused a scope',
        message: `${said}${context.scopes ? ` Asked for: ${context.scopes.join(' ')}.` : ''}`,
        hint: 'Untick the scopes this client may not ask for and sign in again. With Entra ID, ask for the API\'s exposed scopes or "api://<application id>/.default".',
      };
    case 'invalid_client':
      return {
        title: 'The provider does not accept this client',
        message: said,
        hint: 'Check the client id (and, for client credentials, the secret) against the app registration.',
      };
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return {
        title: 'This client may not use this flow',
        message: said,
        hint: 'Enable the grant for the client at the provider (Entra ID: client credentials need an application permission; device code needs "Allow public client flows").',
      };
    case 'invalid_grant':
      return {
        title:
          context.step === 'refresh'
            ? 'The session has ended'
            : 'The sign-in could not be completed',
        message: said,
        hint:
          context.step === 'refresh'
            ? 'Sign in again: the refresh token expired or was revoked.'
            : "Sign in again: the code is used once and expires within minutes. If it keeps failing, check the redirect URI and this computer's clock.",
      };
    case 'expired_token':
      return {
        title: 'The device code expired',
        message: said,
        hint: 'Start the device sign-in again and enter the new code.',
      };
    case 'login_required':
    case 'consent_required':
    case 'interaction_required':
      return {
        title: 'The provider needs you to sign in',
        message: said,
        hint: 'Remove "prompt: none" from the extra parameters and sign in again.',
      };
    default:
      return { title: 'The provider refused the sign-in', message: said };
  }
}

function claimOf(error: oauth.OperationProcessingError): string | undefined {
  const cause = error.cause as { claim?: unknown; attribute?: unknown } | undefined;
  return typeof cause?.claim === 'string'
    ? cause.claim
    : typeof cause?.attribute === 'string'
      ? cause.attribute
      : undefined;
}

/** Turns whatever a sign-in step threw into a title, a sentence and the fix. */
export function describeSignInError(error: unknown, context: SignInContext): SignInProblem {
  if (error instanceof PopupError)
    return error.kind === 'blocked'
      ? {
          title: 'The sign-in window was blocked',
          message: 'The browser blocked the pop-up window the provider opens in.',
          hint: 'Allow pop-ups for this site, or sign in in this tab: the portal comes back to this page afterwards.',
        }
      : {
          title: 'The sign-in window was closed',
          message: 'The window closed before the provider sent you back, so no token was issued.',
          hint: 'Press Sign in again and finish in the window.',
        };
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError)
    return describeOAuthError(error.error, error.error_description, context);
  if (error instanceof oauth.OperationProcessingError) {
    const claim = claimOf(error);
    if (error.code === oauth.JWT_TIMESTAMP_CHECK)
      return {
        title: "The provider's token does not fit this computer's clock",
        message: `The ID token's "${claim ?? 'time'}" claim is out of range for this computer's time (${error.message}).`,
        hint: "This computer's clock is probably off: set it to update automatically, then sign in again.",
      };
    if (/"state"/.test(error.message))
      return {
        title: 'The answer is not for this sign-in',
        message: 'The provider sent back a state this tab did not send, so the answer was refused.',
        hint: 'Sign in again from this tab; an old or second sign-in window may have answered.',
      };
    if (claim === 'nonce')
      return {
        title: 'The ID token is not for this sign-in',
        message: "The ID token's nonce is not the one this tab sent, so it was refused.",
        hint: 'Sign in again.',
      };
    if (claim === 'issuer' && context.step === 'discovery')
      return {
        title: 'The discovery document names another issuer',
        message: `${context.url ?? 'The discovery document'} says its issuer is not ${context.url?.replace(/\/\.well-known\/.*$/, '') ?? 'its own address'}.`,
        hint: 'With Entra ID, use the tenant id or domain in the URL (https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration), not "common" or "organizations".',
      };
    return { title: "The provider's answer was refused", message: error.message };
  }
  if (error instanceof oauth.UnsupportedOperationError)
    return { title: 'The provider does not offer this', message: error.message };
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    const where = context.url ? new URL(context.url).origin : 'the provider';
    return context.step === 'discovery'
      ? {
          title: 'The discovery document could not be read',
          message: `The browser got no answer it may read from ${context.url ?? where}: the provider is unreachable or does not allow this portal's origin (CORS).`,
          hint: 'Check the openIdConnectUrl; the provider must allow cross-origin reads of its discovery document.',
        }
      : {
          title: "The browser may not read the token endpoint's answer (CORS)",
          message: `"Failed to fetch" from ${where}: the provider does not allow ${context.origin ?? "this portal's origin"} to read its token endpoint, or is unreachable.`,
          hint: `${ENTRA_SPA_FIX} Other providers: allow this origin in the client's CORS settings (web origins).`,
        };
  }
  if (error instanceof Error && error.name === 'AbortError')
    return { title: 'Sign-in cancelled', message: 'The request to the provider was cancelled.' };
  return {
    title: 'Sign-in failed',
    message: error instanceof Error ? error.message : 'An unexpected error happened.',
  };
}

/**
 * Why an API may have refused this token, read from its claims: expired, not yet valid (a clock
 * ahead), or issued for another audience than the one the environment asks for.
 */
export function explainRefusedToken(
  claims: Record<string, unknown>,
  expected: { audience?: string; now: number },
): string[] {
  const reasons: string[] = [];
  const exp = claimTime(claims, 'exp');
  if (exp !== undefined && exp <= expected.now)
    reasons.push(`"exp": the token expired ${formatDuration((expected.now - exp) / 1000)} ago.`);
  const nbf = claimTime(claims, 'nbf') ?? claimTime(claims, 'iat');
  if (nbf !== undefined && nbf > expected.now + 60_000)
    reasons.push(
      `"nbf"/"iat": the token is valid only from ${formatDuration((nbf - expected.now) / 1000)} from now by this computer's clock: one of the clocks is wrong.`,
    );
  if (expected.audience) {
    const aud = claims.aud;
    const audiences = Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
    if (!audiences.includes(expected.audience))
      reasons.push(
        `"aud": the token is for ${audiences.length > 0 ? audiences.join(', ') : 'no audience'}, not ${expected.audience}. Set the resource (or scope) to ${expected.audience} and sign in again.`,
      );
  }
  return reasons;
}
