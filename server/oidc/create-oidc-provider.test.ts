import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/raw-http';
import { createOidcProvider, type OidcProvider } from './create-oidc-provider';
import { DEMO_SERVICE_CLIENT_ID, DEMO_SPA_CLIENT_ID } from './demo-identity';
import {
  SignInError,
  approveDeviceCode,
  signInWithCodeAndPkce,
  type TokenResponse,
} from './sign-in-over-http';

const PORTAL = 'http://127.0.0.1:15173';
const OTHER_ORIGIN = 'http://evil.test';
const SECRET = 'provider-test-secret';

let dataDir: string;
let provider: OidcProvider;
let issuer: string;

async function start(): Promise<void> {
  provider = createOidcProvider({
    port: 0,
    dataDir,
    portalOrigins: [PORTAL],
    clientSecret: SECRET,
    accessTokenTtlSeconds: 120,
  });
  issuer = await provider.listen();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portico-oidc-'));
  await start();
});

afterAll(async () => {
  await provider.close();
  await rm(dataDir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function verify(token: string) {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  return (await jwtVerify(token, jwks, { issuer })).payload;
}

describe('the demo OpenID provider', () => {
  it('publishes a discovery document for its issuer with PKCE S256, the grants and the scopes', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      device_authorization_endpoint: `${issuer}/device/auth`,
      revocation_endpoint: `${issuer}/token/revocation`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:device_code',
      ]),
    );
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'offline_access', 'scores.read', 'other.read']),
    );
  });

  let tokens: TokenResponse;

  it('signs the demo user in with code + PKCE and issues a JWT access token for the demo API', async () => {
    tokens = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid profile offline_access scores.read',
    });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(120);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const claims = await verify(tokens.access_token);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: 'api://portico-demo',
      sub: 'demo',
      client_id: DEMO_SPA_CLIENT_ID,
      scope: 'scores.read',
    });
    // The user's claims ride in the ID token: every access token is for an API, not for userinfo.
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({
      iss: issuer,
      sub: 'demo',
      aud: DEMO_SPA_CLIENT_ID,
      name: 'Demo User',
      preferred_username: 'demo',
    });
  });

  it('refuses a sign-in with the wrong password (and any other login)', async () => {
    const failed = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid',
      password: 'not-the-password',
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(SignInError);
    expect((failed as SignInError).status).toBe(401);
    expect((failed as SignInError).body).toContain('Sign-in failed');
  });

  it('refuses an authorization request without a PKCE challenge', async () => {
    const auth = new URL(`${issuer}/auth`);
    auth.search = new URLSearchParams({
      client_id: DEMO_SPA_CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${PORTAL}/oauth-callback.html`,
      scope: 'openid',
      state: 's',
    }).toString();
    const response = await fetch(auth, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', issuer);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe(
      'Authorization Server policy requires PKCE to be used for this request',
    );
  });

  it('refreshes the access token with the refresh token', async () => {
    const response = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'refresh_token',
        client_id: DEMO_SPA_CLIENT_ID,
        refresh_token: tokens.refresh_token ?? '',
      }),
    );
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as TokenResponse;
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(await verify(refreshed.access_token)).toMatchObject({
      aud: 'api://portico-demo',
      sub: 'demo',
    });
  });

  it('issues a token for another resource when asked (a wrong audience for the demo API)', async () => {
    const other = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid other.read',
      resource: 'api://portico-other',
    });
    expect(await verify(other.access_token)).toMatchObject({
      aud: 'api://portico-other',
      scope: 'other.read',
    });
  });

  it('refuses a scope the client may not have with invalid_scope', async () => {
    const failed = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid admin.write',
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(SignInError);
    expect((failed as SignInError).body).toMatch(/^invalid_scope: requested scope is not allowed/);
  });

  it('gives the confidential client a token with client credentials, by Basic or by form', async () => {
    const byBasic = await fetch(`${issuer}/token`, {
      ...form({ grant_type: 'client_credentials', scope: 'scores.read' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(DEMO_SERVICE_CLIENT_ID, SECRET),
      },
    });
    expect(byBasic.status).toBe(200);
    const token = (await byBasic.json()) as TokenResponse;
    expect(await verify(token.access_token)).toMatchObject({
      aud: 'api://portico-demo',
      client_id: DEMO_SERVICE_CLIENT_ID,
      scope: 'scores.read',
    });
    const byPost = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'client_credentials',
        client_id: DEMO_SERVICE_CLIENT_ID,
        client_secret: SECRET,
        resource: 'https://ml.azure.com',
        scope: 'user_impersonation',
      }),
    );
    expect(byPost.status).toBe(200);
    const ml = (await byPost.json()) as TokenResponse;
    expect(await verify(ml.access_token)).toMatchObject({ aud: 'https://ml.azure.com' });

    const wrongSecret = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'client_credentials',
        client_id: DEMO_SERVICE_CLIENT_ID,
        client_secret: 'wrong',
      }),
    );
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('does not give the public client client credentials', async () => {
    const response = await fetch(
      `${issuer}/token`,
      form({ grant_type: 'client_credentials', client_id: DEMO_SPA_CLIENT_ID }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });

  it('runs the device flow for the public client: started from the portal (CORS), approved on the device page, then granted', async () => {
    const response = await fetch(`${issuer}/device/auth`, {
      ...form({ client_id: DEMO_SPA_CLIENT_ID, scope: 'openid scores.read' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PORTAL },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      device_code: expect.any(String),
      user_code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verification_uri: `${issuer}/device`,
    });
    const pending = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: DEMO_SPA_CLIENT_ID,
        device_code: body.device_code as string,
      }),
    );
    expect(pending.status).toBe(400);
    expect(await pending.json()).toMatchObject({ error: 'authorization_pending' });

    await approveDeviceCode({ issuer, userCode: body.user_code as string });
    const granted = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        client_id: DEMO_SPA_CLIENT_ID,
        device_code: body.device_code as string,
      }),
    );
    expect(granted.status).toBe(200);
    const tokens = (await granted.json()) as TokenResponse;
    expect(await verify(tokens.access_token)).toMatchObject({
      aud: 'api://portico-demo',
      sub: 'demo',
      scope: 'scores.read',
    });
  });

  it("answers CORS for the portal's origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${issuer}/token`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight(PORTAL);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await preflight(OTHER_ORIGIN);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    for (const path of ['/.well-known/openid-configuration', '/jwks']) {
      const fromPortal = await fetch(`${issuer}${path}`, { headers: { origin: PORTAL } });
      expect(fromPortal.headers.get('access-control-allow-origin')).toBe(PORTAL);
      const fromOther = await fetch(`${issuer}${path}`, { headers: { origin: OTHER_ORIGIN } });
      expect(fromOther.status).toBe(200);
      expect(fromOther.headers.get('access-control-allow-origin')).toBeNull();
    }

    const tokenFromOther = await fetch(`${issuer}/token`, {
      ...form({ grant_type: 'refresh_token', client_id: DEMO_SPA_CLIENT_ID, refresh_token: 'x' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: OTHER_ORIGIN },
    });
    expect(tokenFromOther.status).toBe(400);
    expect(tokenFromOther.headers.get('access-control-allow-origin')).toBeNull();
    expect(await tokenFromOther.json()).toMatchObject({
      error: 'invalid_request',
      error_description: `origin ${OTHER_ORIGIN} not allowed for client: ${DEMO_SPA_CLIENT_ID}`,
    });
  });

  it('answers a Host that is not its own with its own error shape', async () => {
    const port = Number(new URL(issuer).port);
    const response = await rawRequest(port, [
      'GET /.well-known/openid-configuration HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n',
    ]);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(
      "'rebound.example:80' is not an address of this provider",
    );
    const local = await rawRequest(port, [
      `GET /jwks HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(local.status).toBe(200);
  });

  it('keeps its signing key and refresh tokens across a restart, in files only its owner reads', async () => {
    const before = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid offline_access scores.read',
    });
    const port = Number(new URL(issuer).port);
    await provider.close();
    provider = createOidcProvider({
      port,
      dataDir,
      portalOrigins: [PORTAL],
      clientSecret: SECRET,
      accessTokenTtlSeconds: 120,
    });
    expect(await provider.listen()).toBe(issuer);
    expect(await verify(before.access_token)).toMatchObject({ sub: 'demo' });
    const refreshed = await fetch(
      `${issuer}/token`,
      form({
        grant_type: 'refresh_token',
        client_id: DEMO_SPA_CLIENT_ID,
        refresh_token: before.refresh_token ?? '',
      }),
    );
    expect(refreshed.status).toBe(200);
    for (const file of ['keys.json', 'store.json'])
      expect((await stat(join(dataDir, 'oidc', file))).mode & 0o077).toBe(0);
  });
});
