import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { BatchEndpointError } from '../core/batch-endpoint-error';

/** The audience of an Entra ID token for Azure ML's data plane. */
export const AZURE_ML_AUDIENCE = 'https://ml.azure.com';

export interface TokenVerifierOptions {
  /** The OpenID provider's issuer, e.g. http://127.0.0.1:8792 (the stack's). */
  issuer: string;
  /** Where its keys are; default: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl?: string;
  audience?: string;
  /** How long discovery and key fetches may take. */
  timeoutMs?: number;
}

export type VerifyToken = (authorization: string | undefined) => Promise<JWTPayload>;

/**
 * Checks `Authorization: Bearer <JWT>` as Azure ML's front door does for a batch endpoint
 * (Entra ID tokens only, no keys): signature against the issuer's published keys, `iss`, `aud`,
 * and the time claims. The keys are fetched from the configured issuer only, never from a URL
 * the token names, and are cached (jose refetches when a token names an unknown key id).
 */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const audience = options.audience ?? AZURE_ML_AUDIENCE;
  const timeoutDuration = options.timeoutMs ?? 5000;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keySet = async (): Promise<ReturnType<typeof createRemoteJWKSet>> => {
    if (keys) return keys;
    const jwksUrl = options.jwksUrl ?? (await discoverJwksUrl(options.issuer, timeoutDuration));
    keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration });
    return keys;
  };
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw unauthorized(
        authorization
          ? 'The Authorization header must read "Bearer <token>", with a Microsoft Entra ID token for the resource https://ml.azure.com.'
          : 'No Authorization header. Batch endpoints accept Microsoft Entra ID tokens only: send "Authorization: Bearer <token>" with a token for the resource https://ml.azure.com.',
      );
    }
    try {
      const { payload } = await jwtVerify(match[1], await keySet(), {
        issuer: options.issuer,
        audience,
      });
      return payload;
    } catch (error) {
      throw describe(error, options.issuer, audience);
    }
  };
}

async function discoverJwksUrl(issuer: string, timeoutMs: number): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw unavailable(
      `The endpoint could not reach the token issuer's discovery document at ${url}.`,
    );
  }
  const document = (await response.json().catch(() => null)) as { jwks_uri?: unknown } | null;
  if (!response.ok || typeof document?.jwks_uri !== 'string') {
    throw unavailable(
      `The token issuer's discovery document at ${url} answered ${response.status} without a jwks_uri.`,
    );
  }
  return document.jwks_uri;
}

function describe(error: unknown, issuer: string, audience: string): BatchEndpointError {
  if (error instanceof BatchEndpointError) return error;
  if (error instanceof errors.JWTExpired) {
    return unauthorized('The token has expired. Get a new one and send it again.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return unauthorized(
        `The token is for another audience; this endpoint needs a token for ${audience}.`,
      );
    }
    if (error.claim === 'iss') {
      return unauthorized(
        `The token was issued by another authority; this endpoint trusts ${issuer}.`,
      );
    }
    return unauthorized(`The token's '${error.claim}' claim is not valid: ${error.reason}.`);
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWSSignatureVerificationFailed
  ) {
    return unauthorized(`The token's signature does not match any key of ${issuer}.`);
  }
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  ) {
    return unavailable(`The endpoint could not fetch the signing keys of ${issuer}.`);
  }
  if (error instanceof errors.JOSEError) {
    return unauthorized(
      'The bearer token is not a valid JWT (a Microsoft Entra ID access token is expected).',
    );
  }
  if (error instanceof TypeError) {
    return unavailable(`The endpoint could not fetch the signing keys of ${issuer}.`);
  }
  return unauthorized('The bearer token could not be verified.');
}

function unauthorized(message: string): BatchEndpointError {
  return new BatchEndpointError('Unauthorized', message);
}

function unavailable(message: string): BatchEndpointError {
  return new BatchEndpointError('ServiceUnavailable', `${message} Is the OpenID provider running?`);
}
