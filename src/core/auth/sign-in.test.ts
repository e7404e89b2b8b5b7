import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import {
  clientCredentialsToken,
  completeAuthorization,
  pollDeviceToken,
  refreshDueAt,
  refreshHeldToken,
  revokeHeldToken,
  startAuthorization,
  type AuthorizationServer,
  type StartAuthorization,
} from './sign-in';

const ISSUER = 'http://127.0.0.1:8792';
const server: AuthorizationServer = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  revocation_endpoint: `${ISSUER}/token/revocation`,
};
const NOW = 1_800_000_000_000;
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (claims: Record<string, unknown>) =>
  `${b64url({ alg: 'RS256' })}.${b64url({
    iss: ISSUER,
    aud: 'portico-demo-spa',
    sub: 'demo',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 600,
    ...claims,
  })}.c2ln`;

const start: StartAuthorization = {
  server,
  clientId: 'portico-demo-spa',
  redirectUri: 'http://127.0.0.1:5173/oauth-callback.html',
  parameters: { scopes: ['openid', 'scores.read'], resource: 'api://portico-demo' },
  environmentId: 'local-demo',
  schemeId: 'portico_oidc',
  mode: 'popup',
  returnTo: 'http://127.0.0.1:5173/#/apis/x',
  keepInTab: false,
};

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: URLSearchParams;
}

/** A token endpoint that answers `answer` and records what it was sent. */
function provider(answer: (body: URLSearchParams) => { status: number; json: unknown }) {
  const seen: Seen[] = [];
  const fetch = (async (input: string, init?: RequestInit) => {
    // oauth4webapi sends a URLSearchParams body and a plain headers object.
    const body = new URLSearchParams(init?.body as URLSearchParams | undefined);
    seen.push({ url: input, headers: init?.headers as Record<string, string>, body });
    const { status, json } = answer(body);
    return new Response(JSON.stringify(json), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

describe('startAuthorization', () => {
  it('sends PKCE S256, a fresh state, a nonce for openid, the resource and extra parameters', async () => {
    const { url, pending } = await startAuthorization(
      { ...start, parameters: { ...start.parameters, prompt: 'consent', audience: 'aud' } },
      () => NOW,
    );
    const query = new URL(url).searchParams;
    expect(url.startsWith(`${ISSUER}/auth?`)).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      client_id: 'portico-demo-spa',
      redirect_uri: 'http://127.0.0.1:5173/oauth-callback.html',
      response_type: 'code',
      scope: 'openid scores.read',
      code_challenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      resource: 'api://portico-demo',
      audience: 'aud',
      prompt: 'consent',
    });
    expect(pending.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pending.startedAt).toBe(NOW);
    const again = await startAuthorization(start);
    expect(again.pending.state).not.toBe(pending.state);
    expect(again.pending.codeVerifier).not.toBe(pending.codeVerifier);
  });

  it('sends no nonce without openid', async () => {
    const { url, pending } = await startAuthorization({
      ...start,
      parameters: { scopes: ['scores.read'] },
    });
    expect(new URL(url).searchParams.has('nonce')).toBe(false);
    expect(pending.nonce).toBeUndefined();
  });
});

describe('completeAuthorization', () => {
  it('exchanges the code with the verifier and checks the ID token and its nonce', async () => {
    const { pending } = await startAuthorization(start);
    const { fetch, seen } = provider(() => ({
      status: 200,
      json: {
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 20,
        refresh_token: 'rt-1',
        scope: 'openid scores.read',
        id_token: idToken({ nonce: pending.nonce }),
      },
    }));
    const token = await completeAuthorization(
      pending,
      `${start.redirectUri}?code=c0de&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`,
      { fetch, now: () => NOW },
    );
    expect(token).toEqual({
      accessToken: 'at-1',
      tokenType: 'bearer',
      expiresAt: NOW + 20_000,
      refreshToken: 'rt-1',
      idToken: expect.any(String) as string,
      scope: 'openid scores.read',
      flow: 'authorizationCode',
      obtainedAt: NOW,
    });
    expect(seen[0]?.url).toBe(`${ISSUER}/token`);
    expect(Object.fromEntries(seen[0]?.body ?? [])).toEqual({
      client_id: 'portico-demo-spa',
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: start.redirectUri,
      code_verifier: pending.codeVerifier,
      resource: 'api://portico-demo',
    });
  });

  it('refuses a callback whose state is not the one sent, before any exchange', async () => {
    const { pending } = await startAuthorization(start);
    const { fetch, seen } = provider(() => ({ status: 500, json: {} }));
    await expect(
      completeAuthorization(pending, `${start.redirectUri}?code=c&state=forged`, { fetch }),
    ).rejects.toThrow(/state/);
    expect(seen).toEqual([]);
  });

  it("turns the provider's error into AuthorizationResponseError (access_denied)", async () => {
    const { pending } = await startAuthorization(start);
    const error: unknown = await completeAuthorization(
      pending,
      `${start.redirectUri}?error=access_denied&error_description=End-User+aborted&state=${pending.state}`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe('access_denied');
  });

  it('refuses an ID token with another nonce', async () => {
    const { pending } = await startAuthorization(start);
    const { fetch } = provider(() => ({
      status: 200,
      json: { access_token: 'a', token_type: 'bearer', id_token: idToken({ nonce: 'replayed' }) },
    }));
    await expect(
      completeAuthorization(pending, `${start.redirectUri}?code=c&state=${pending.state}`, {
        fetch,
      }),
    ).rejects.toThrow(/nonce/);
  });
});

describe('client credentials, device code, refresh, revocation', () => {
  it('client credentials authenticate with client_secret_basic, ask for the resource, leave out user scopes', async () => {
    const { fetch, seen } = provider(() => ({
      status: 200,
      json: { access_token: 'cc', token_type: 'bearer', expires_in: 600 },
    }));
    const token = await clientCredentialsToken(
      server,
      { clientId: 'portico-demo-service', clientSecret: 'portico-demo-secret' },
      { scopes: ['openid', 'offline_access', 'scores.read'], resource: 'api://portico-demo' },
      { fetch, now: () => NOW },
    );
    expect(token).toEqual({
      accessToken: 'cc',
      tokenType: 'bearer',
      expiresAt: NOW + 600_000,
      flow: 'clientCredentials',
      obtainedAt: NOW,
    });
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
    const basic = seen[0]?.headers.authorization?.replace(/^Basic /, '') ?? '';
    expect(Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)).toEqual([
      'portico-demo-service',
      'portico-demo-secret',
    ]);
    expect(Object.fromEntries(seen[0]?.body ?? [])).toEqual({
      grant_type: 'client_credentials',
      scope: 'scores.read',
      resource: 'api://portico-demo',
    });
  });

  it('device code polls wait while pending, longer on slow_down', async () => {
    const device = {
      deviceCode: 'dc',
      userCode: 'ABCD-EFGH',
      verificationUri: `${ISSUER}/device`,
      interval: 5,
      expiresAt: NOW + 600_000,
    };
    const poll = (error: string) =>
      pollDeviceToken(
        server,
        'spa',
        device,
        { scopes: [] },
        {
          fetch: provider(() => ({ status: 400, json: { error } })).fetch,
        },
      );
    await expect(poll('authorization_pending')).resolves.toEqual({ waitSeconds: 5 });
    await expect(poll('slow_down')).resolves.toEqual({ waitSeconds: 10 });
    await expect(poll('expired_token')).rejects.toBeInstanceOf(oauth.ResponseBodyError);
  });

  it('refresh keeps the refresh token the provider did not rotate', async () => {
    const { fetch, seen } = provider(() => ({
      status: 200,
      json: { access_token: 'at-2', token_type: 'bearer', expires_in: 20 },
    }));
    const held = {
      accessToken: 'at-1',
      tokenType: 'bearer',
      refreshToken: 'rt-1',
      expiresAt: NOW,
      flow: 'authorizationCode' as const,
      obtainedAt: NOW - 20_000,
    };
    const token = await refreshHeldToken(
      server,
      'spa',
      held,
      { scopes: [] },
      {
        fetch,
        now: () => NOW,
      },
    );
    expect(token).toMatchObject({
      accessToken: 'at-2',
      refreshToken: 'rt-1',
      expiresAt: NOW + 20_000,
    });
    expect(seen[0]?.body.get('grant_type')).toBe('refresh_token');
    expect(seen[0]?.body.get('refresh_token')).toBe('rt-1');
  });

  it('revocation ends the grant with the refresh token, where offered', async () => {
    const { fetch, seen } = provider(() => ({ status: 200, json: {} }));
    const held = {
      accessToken: 'at',
      tokenType: 'bearer',
      refreshToken: 'rt',
      flow: 'authorizationCode' as const,
      obtainedAt: 0,
    };
    await expect(revokeHeldToken(server, 'spa', held, { fetch })).resolves.toBe(true);
    expect(seen.map((s) => [s.body.get('token'), s.body.get('token_type_hint')])).toEqual([
      ['rt', 'refresh_token'],
    ]);
    const { revocation_endpoint: _, ...noRevocation } = server;
    await expect(revokeHeldToken(noRevocation, 'spa', held, { fetch })).resolves.toBe(false);
  });

  it('a JWT access token the provider will not revoke just expires', async () => {
    const { fetch, seen } = provider(() => ({
      status: 400,
      json: {
        error: 'unsupported_token_type',
        error_description: 'Structured JWT Tokens cannot be revoked',
      },
    }));
    const held = {
      accessToken: 'at',
      tokenType: 'bearer',
      flow: 'clientCredentials' as const,
      obtainedAt: 0,
    };
    await expect(revokeHeldToken(server, 'svc', held, { fetch })).resolves.toBe(false);
    expect(seen[0]?.body.get('token_type_hint')).toBe('access_token');
  });

  it('refreshes a minute ahead, or a quarter of a short life ahead', () => {
    const base = { accessToken: 'a', tokenType: 'bearer', flow: 'authorizationCode' as const };
    expect(refreshDueAt({ ...base, refreshToken: 'r', obtainedAt: 0, expiresAt: 600_000 })).toBe(
      540_000,
    );
    expect(refreshDueAt({ ...base, refreshToken: 'r', obtainedAt: 0, expiresAt: 20_000 })).toBe(
      15_000,
    );
    expect(refreshDueAt({ ...base, obtainedAt: 0, expiresAt: 20_000 })).toBeUndefined();
  });
});
