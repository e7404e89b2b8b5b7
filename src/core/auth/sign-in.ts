/**
 * The OAuth 2.0 / OpenID Connect protocol, through oauth4webapi (a certified, standards-focused
 * client): discovery, authorization code with PKCE (S256) with state and nonce checked and the
 * ID token validated by the library, client credentials, device code, refresh and revocation.
 * Nothing here touches a window: fetch comes in through the options, the caller stores what it
 * is handed, and each function returns a token or throws oauth4webapi's typed errors (worded by
 * auth-errors.ts).
 */
import * as oauth from 'oauth4webapi';
import type { HeldToken } from './token-store';
import type { SignInFlow, SignInFlowKind } from './scheme-flows';

export type AuthorizationServer = oauth.AuthorizationServer;

export interface ProtocolOptions {
  /** Defaults to the global fetch; tests hand in their own. */
  fetch?: typeof fetch;
  now?: () => number;
  signal?: AbortSignal;
}

/** What to ask for besides the client: the user's choices and the environment's. */
export interface TokenParameters {
  scopes: string[];
  /** RFC 8707 resource indicator. */
  resource?: string;
  audience?: string;
  prompt?: string;
}

// Plain http is refused by oauth4webapi; a provider on this machine (the demo stack's) is the
// one place it is what the user means.
function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

function httpOptions<Method extends string, Body>(
  options: ProtocolOptions,
  url: string,
): oauth.HttpRequestOptions<Method, Body> {
  const out: oauth.HttpRequestOptions<Method, Body> = {};
  const customFetch = options.fetch;
  // oauth4webapi hands fetch's own arguments (a body it built, redirect: 'manual').
  if (customFetch)
    out[oauth.customFetch] = (input, init) => customFetch(input, init as RequestInit);
  if (isLoopback(url)) out[oauth.allowInsecureRequests] = true;
  if (options.signal) out.signal = options.signal;
  return out;
}

const discoverySuffix = /\/\.well-known\/(openid-configuration|oauth-authorization-server)\/?$/;

/**
 * Reads an openIdConnect scheme's discovery document. The issuer is what the URL names before
 * `/.well-known/...`, and the document must say the same issuer (OpenID Connect Discovery's
 * check; Entra ID's `common` tenant fails it, see auth-errors.ts).
 */
export async function discoverProvider(
  openIdConnectUrl: string,
  options: ProtocolOptions = {},
): Promise<AuthorizationServer> {
  const issuer = new URL(openIdConnectUrl.replace(discoverySuffix, ''));
  const algorithm = /oauth-authorization-server\/?$/.test(openIdConnectUrl) ? 'oauth2' : 'oidc';
  const response = await oauth.discoveryRequest(issuer, {
    ...httpOptions(options, openIdConnectUrl),
    algorithm,
  });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** A plain oauth2 scheme's endpoints as metadata, so every flow runs through the same calls. */
export function serverOfFlow(flow: SignInFlow): AuthorizationServer {
  const anyUrl = flow.authorizationUrl ?? flow.tokenUrl ?? 'https://invalid.example';
  return {
    issuer: new URL(anyUrl).origin,
    ...(flow.authorizationUrl ? { authorization_endpoint: flow.authorizationUrl } : {}),
    ...(flow.tokenUrl ? { token_endpoint: flow.tokenUrl } : {}),
    ...(flow.deviceAuthorizationUrl
      ? { device_authorization_endpoint: flow.deviceAuthorizationUrl }
      : {}),
  };
}

/** A sign-in started in this tab: what the callback must match and what the exchange needs. */
export interface PendingAuthorization {
  state: string;
  /** Sent (and required back in the ID token) when `openid` is asked for. */
  nonce?: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
  server: AuthorizationServer;
  parameters: TokenParameters;
  environmentId: string;
  schemeId: string;
  /** How the provider's answer comes back: the popup's message, or this tab's own navigation. */
  mode: 'popup' | 'redirect';
  /** The portal page to return to after a redirect. */
  returnTo: string;
  keepInTab: boolean;
  startedAt: number;
}

export interface StartAuthorization {
  server: AuthorizationServer;
  clientId: string;
  redirectUri: string;
  parameters: TokenParameters;
  environmentId: string;
  schemeId: string;
  mode: 'popup' | 'redirect';
  returnTo: string;
  keepInTab: boolean;
}

/** The provider's authorization URL (PKCE S256, state, nonce) and what to keep until it answers. */
export async function startAuthorization(
  start: StartAuthorization,
  now: () => number = Date.now,
): Promise<{ url: string; pending: PendingAuthorization }> {
  const endpoint = start.server.authorization_endpoint;
  if (!endpoint)
    throw new oauth.UnsupportedOperationError('the provider has no authorization_endpoint');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const openid = start.parameters.scopes.includes('openid');
  const nonce = openid ? oauth.generateRandomNonce() : undefined;
  const url = new URL(endpoint);
  const query = url.searchParams;
  query.set('client_id', start.clientId);
  query.set('redirect_uri', start.redirectUri);
  query.set('response_type', 'code');
  query.set('scope', start.parameters.scopes.join(' '));
  query.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  query.set('code_challenge_method', 'S256');
  query.set('state', state);
  if (nonce) query.set('nonce', nonce);
  if (start.parameters.resource) query.set('resource', start.parameters.resource);
  if (start.parameters.audience) query.set('audience', start.parameters.audience);
  if (start.parameters.prompt) query.set('prompt', start.parameters.prompt);
  return {
    url: url.href,
    pending: {
      ...start,
      state,
      ...(nonce ? { nonce } : {}),
      codeVerifier,
      startedAt: now(),
    },
  };
}

function heldToken(
  response: oauth.TokenEndpointResponse,
  flow: SignInFlowKind,
  now: number,
  previous?: HeldToken,
): HeldToken {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  const scope = response.scope ?? previous?.scope;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(typeof response.expires_in === 'number'
      ? { expiresAt: now + response.expires_in * 1000 }
      : {}),
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
    ...(scope ? { scope } : {}),
    flow,
    obtainedAt: now,
  };
}

function resourceParameters(parameters: TokenParameters): Record<string, string> {
  return parameters.resource ? { resource: parameters.resource } : {};
}

/**
 * Completes a sign-in from the URL the provider sent the browser back to: the state must be the
 * one this tab sent (oauth4webapi's validateAuthResponse throws on a mismatch or on the
 * provider's error), the code is exchanged with the PKCE verifier, and the ID token (when
 * `openid` was asked for) is validated, nonce included.
 */
export async function completeAuthorization(
  pending: PendingAuthorization,
  callbackUrl: string,
  options: ProtocolOptions = {},
): Promise<HeldToken> {
  const client: oauth.Client = { client_id: pending.clientId };
  const params = oauth.validateAuthResponse(
    pending.server,
    client,
    new URL(callbackUrl),
    pending.state,
  );
  const tokenUrl = pending.server.token_endpoint ?? '';
  const response = await oauth.authorizationCodeGrantRequest(
    pending.server,
    client,
    oauth.None(),
    params,
    pending.redirectUri,
    pending.codeVerifier,
    {
      ...httpOptions(options, tokenUrl),
      additionalParameters: resourceParameters(pending.parameters),
    },
  );
  const result = await oauth.processAuthorizationCodeResponse(pending.server, client, response, {
    expectedNonce: pending.nonce ?? oauth.expectNoNonce,
    requireIdToken: pending.nonce !== undefined,
  });
  return heldToken(result, 'authorizationCode', (options.now ?? Date.now)());
}

// OpenID Connect's scopes are about a user; a client acting as itself has none, and providers
// refuse them in a client credentials request (invalid_scope).
const USER_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);

/** A confidential client's token (client_secret_basic), without the user scopes it cannot have. */
export async function clientCredentialsToken(
  server: AuthorizationServer,
  client: { clientId: string; clientSecret: string },
  parameters: TokenParameters,
  options: ProtocolOptions = {},
): Promise<HeldToken> {
  const metadata: oauth.Client = { client_id: client.clientId };
  const body: Record<string, string> = { ...resourceParameters(parameters) };
  const scopes = parameters.scopes.filter((scope) => !USER_SCOPES.has(scope));
  if (scopes.length > 0) body.scope = scopes.join(' ');
  if (parameters.audience) body.audience = parameters.audience;
  const response = await oauth.clientCredentialsGrantRequest(
    server,
    metadata,
    oauth.ClientSecretBasic(client.clientSecret),
    body,
    httpOptions(options, server.token_endpoint ?? ''),
  );
  const result = await oauth.processClientCredentialsResponse(server, metadata, response);
  return heldToken(result, 'clientCredentials', (options.now ?? Date.now)());
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Seconds between polls (RFC 8628's default 5 when absent). */
  interval: number;
  expiresAt: number;
}

/** Starts the device flow: the user code to show and where the user enters it. */
export async function startDeviceAuthorization(
  server: AuthorizationServer,
  clientId: string,
  parameters: TokenParameters,
  options: ProtocolOptions = {},
): Promise<DeviceAuthorization> {
  const client: oauth.Client = { client_id: clientId };
  const body: Record<string, string> = {
    scope: parameters.scopes.join(' '),
    ...resourceParameters(parameters),
  };
  const response = await oauth.deviceAuthorizationRequest(
    server,
    client,
    oauth.None(),
    body,
    httpOptions(options, server.device_authorization_endpoint ?? ''),
  );
  const result = await oauth.processDeviceAuthorizationResponse(server, client, response);
  return {
    deviceCode: result.device_code,
    userCode: result.user_code,
    verificationUri: result.verification_uri,
    ...(result.verification_uri_complete
      ? { verificationUriComplete: result.verification_uri_complete }
      : {}),
    interval: result.interval ?? 5,
    expiresAt: (options.now ?? Date.now)() + result.expires_in * 1000,
  };
}

/**
 * One poll of the device flow: the token once the user approved, or how long to wait before the
 * next poll while they have not (RFC 8628: `slow_down` adds 5 s).
 */
export async function pollDeviceToken(
  server: AuthorizationServer,
  clientId: string,
  device: DeviceAuthorization,
  parameters: TokenParameters,
  options: ProtocolOptions = {},
): Promise<{ token: HeldToken } | { waitSeconds: number }> {
  const client: oauth.Client = { client_id: clientId };
  const response = await oauth.deviceCodeGrantRequest(
    server,
    client,
    oauth.None(),
    device.deviceCode,
    {
      ...httpOptions(options, server.token_endpoint ?? ''),
      additionalParameters: resourceParameters(parameters),
    },
  );
  try {
    const result = await oauth.processDeviceCodeResponse(server, client, response);
    return { token: heldToken(result, 'deviceCode', (options.now ?? Date.now)()) };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && error.error === 'authorization_pending')
      return { waitSeconds: device.interval };
    if (error instanceof oauth.ResponseBodyError && error.error === 'slow_down')
      return { waitSeconds: device.interval + 5 };
    throw error;
  }
}

/** A new access token from the refresh token; the provider may rotate the refresh token too. */
export async function refreshHeldToken(
  server: AuthorizationServer,
  clientId: string,
  held: HeldToken,
  parameters: TokenParameters,
  options: ProtocolOptions = {},
): Promise<HeldToken> {
  if (!held.refreshToken) throw new oauth.UnsupportedOperationError('no refresh token was granted');
  const client: oauth.Client = { client_id: clientId };
  const response = await oauth.refreshTokenGrantRequest(
    server,
    client,
    oauth.None(),
    held.refreshToken,
    {
      ...httpOptions(options, server.token_endpoint ?? ''),
      additionalParameters: resourceParameters(parameters),
    },
  );
  const result = await oauth.processRefreshTokenResponse(server, client, response);
  return heldToken(result, held.flow, (options.now ?? Date.now)(), held);
}

/**
 * Revokes the grant where the provider offers revocation: the refresh token (revoking it ends
 * the grant), else the access token. A provider may refuse to revoke a self-contained JWT access
 * token (RFC 7009's unsupported_token_type, oidc-provider's answer); it then simply expires.
 * True when the provider revoked something.
 */
export async function revokeHeldToken(
  server: AuthorizationServer,
  clientId: string,
  held: HeldToken,
  options: ProtocolOptions = {},
): Promise<boolean> {
  if (!server.revocation_endpoint) return false;
  const client: oauth.Client = { client_id: clientId };
  const [token, hint] = held.refreshToken
    ? [held.refreshToken, 'refresh_token']
    : [held.accessToken, 'access_token'];
  const response = await oauth.revocationRequest(server, client, oauth.None(), token, {
    ...httpOptions(options, server.revocation_endpoint),
    additionalParameters: { token_type_hint: hint },
  });
  try {
    await oauth.processRevocationResponse(response);
    return true;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError && error.error === 'unsupported_token_type')
      return false;
    throw error;
  }
}

/**
 * When to refresh a token ahead of its expiry (epoch ms): a minute before, or a quarter of its
 * life before for short-lived ones, so a 20 s token is refreshed at 15 s. Undefined when it
 * cannot be refreshed or does not say when it expires.
 */
export function refreshDueAt(held: HeldToken): number | undefined {
  if (!held.refreshToken || held.expiresAt === undefined) return undefined;
  const lifetime = held.expiresAt - held.obtainedAt;
  return held.expiresAt - Math.min(60_000, Math.max(0, lifetime / 4));
}
