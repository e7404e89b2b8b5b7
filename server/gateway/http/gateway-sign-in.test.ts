import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, decodeJwt, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcProvider, type OidcProvider } from '../../oidc/create-oidc-provider';
import { DEMO_SERVICE_CLIENT_ID } from '../../oidc/demo-identity';
import { signInWithCodeAndPkce } from '../../oidc/sign-in-over-http';
import { startTestGatewayStack, type TestGatewayStack } from '../../testing/gateway-stack';
import { DEFAULT_ADMIN_KEY, DEFAULT_UNLIMITED_KEY } from './create-gateway';

const ML_KEY = 'sign-in-test-ml-key';
const PORTAL = 'http://127.0.0.1:15173';
const SECRET = 'sign-in-test-secret';
const SIGNED_IN =
  '/azureml-demo/signed-in/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0';
const BODY = {
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
};

let dataDir: string;
let provider: OidcProvider;
let issuer: string;
let stack: TestGatewayStack;
/** The provider's own signing key (from its data folder), to make tokens it could have issued. */
let providerKey: { key: Awaited<ReturnType<typeof importJWK>>; kid: string };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'portico-sign-in-'));
  provider = createOidcProvider({
    port: 0,
    dataDir,
    portalOrigins: [PORTAL],
    clientSecret: SECRET,
  });
  issuer = await provider.listen();
  stack = await startTestGatewayStack({
    mlKey: ML_KEY,
    gateway: { demoSignIn: { issuer, backendKey: ML_KEY }, allowedOrigins: [PORTAL] },
  });
  const saved = JSON.parse(await readFile(join(dataDir, 'oidc', 'keys.json'), 'utf8')) as {
    signingKeys: JWK[];
  };
  const jwk = saved.signingKeys[0]!;
  providerKey = { key: await importJWK(jwk, 'RS256'), kid: jwk.kid ?? '' };
});

afterAll(async () => {
  await stack?.stop();
  await provider?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function score(token: string | undefined): Promise<Response> {
  return fetch(`${stack.base}${SIGNED_IN}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'ocp-apim-subscription-key': DEFAULT_UNLIMITED_KEY,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(BODY),
  });
}

async function refused(token: string | undefined): Promise<string> {
  const response = await score(token);
  expect(response.status).toBe(401);
  const body = (await response.json()) as { statusCode: number; message: string };
  expect(body.statusCode).toBe(401);
  return body.message;
}

/** A token like the provider's, with the given changes, signed with `key` (default: the provider's). */
async function forged(
  changes: { iss?: string; aud?: string; exp?: number },
  key: { key: Parameters<SignJWT['sign']>[0]; kid: string } = providerKey,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'scores.read', client_id: 'portico-demo-spa', jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })
    .setSubject('demo')
    .setIssuer(changes.iss ?? issuer)
    .setAudience(changes.aud ?? 'api://portico-demo')
    .setIssuedAt(now - 120)
    .setExpirationTime(changes.exp ?? now + 600)
    .sign(key.key);
}

describe('the demo API signed in through the gateway (validate-jwt with the local provider)', () => {
  it("scores for real with a token from the provider's code + PKCE sign-in", async () => {
    const tokens = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid offline_access scores.read',
    });
    const response = await score(tokens.access_token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      Results: { output1: { value: { Values: string[][] } } };
    };
    // The emulator's real answer (RRS Execute with the web service's key), not a mock.
    expect(body.Results.output1.value.Values).toEqual([
      ['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1'],
    ]);
    expect(response.headers.get('x-portico-mocked')).toBeNull();
  });

  it('lets the portal read a refusal (CORS on the 401), so it can show which claim failed', async () => {
    const response = await fetch(`${stack.base}${SIGNED_IN}`, {
      method: 'POST',
      headers: {
        origin: PORTAL,
        'content-type': 'application/json',
        'ocp-apim-subscription-key': DEFAULT_UNLIMITED_KEY,
        authorization: `Bearer ${await forged({ aud: 'api://portico-other' })}`,
      },
      body: JSON.stringify(BODY),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(((await response.json()) as { message: string }).message).toContain(
      'api://portico-other',
    );
  });

  it('refuses a token without the scores.read scope, naming the claim', async () => {
    const tokens = await signInWithCodeAndPkce({ issuer, portalOrigin: PORTAL, scope: 'openid' });
    expect(await refused(tokens.access_token)).toBe(
      'JWT token is missing the following claims: scope. Access denied.',
    );
  });

  it('scores with a client-credentials token of the confidential client', async () => {
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${DEMO_SERVICE_CLIENT_ID}:${SECRET}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials&scope=scores.read',
    });
    const { access_token } = (await token.json()) as { access_token: string };
    expect((await score(access_token)).status).toBe(200);
  });

  it("refuses no token, an expired one, another issuer's, another audience's, another key's and an unsigned one with APIM's 401", async () => {
    expect(await refused(undefined)).toBe('JWT not present.');

    const past = Math.floor(Date.now() / 1000) - 60;
    expect(await refused(await forged({ exp: past }))).toMatch(
      /^Lifetime validation failed: the token expired at .+Z; it is now .+Z \(clock skew allowed: 0 s\)\. Access denied\.$/,
    );
    expect(await refused(await forged({ iss: 'http://127.0.0.1:1' }))).toBe(
      `Issuer validation failed: the token's issuer 'http://127.0.0.1:1' is not '${issuer}'. Access denied.`,
    );

    // A real token of the provider, for the other API.
    const other = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_SERVICE_CLIENT_ID,
        client_secret: SECRET,
        resource: 'api://portico-other',
        scope: 'other.read',
      }).toString(),
    });
    const otherToken = ((await other.json()) as { access_token: string }).access_token;
    expect(decodeJwt(otherToken).aud).toBe('api://portico-other');
    expect(await refused(otherToken)).toBe(
      "Audience validation failed: the token's audience 'api://portico-other' is not 'api://portico-demo'. Access denied.",
    );

    // Same kid as the provider's key, another private key.
    const impostor = (await generateKeyPair('RS256')).privateKey;
    expect(await refused(await forged({}, { key: impostor, kid: providerKey.kid }))).toBe(
      'Signature validation failed: the token was not signed by a key of the issuer. Access denied.',
    );

    const unsigned = new UnsecuredJWT({ scope: 'scores.read' })
      .setIssuer(issuer)
      .setAudience('api://portico-demo')
      .setExpirationTime('10m')
      .encode();
    expect(await refused(unsigned)).toBe(
      "The token is not signed (alg 'none'); signed tokens are required. Access denied.",
    );
  });

  it('refuses at PUT a validate-jwt whose openid-config is on an untrusted host, naming it', async () => {
    const response = await fetch(
      `${stack.base}/management/apis/azureml-demo/operations/executeSignedIn/policies/policy`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${DEFAULT_ADMIN_KEY}`,
          'if-match': '*',
        },
        body: JSON.stringify({
          properties: {
            format: 'xml',
            value:
              '<policies><inbound><validate-jwt><openid-config url="https://login.example.com/tenant/v2.0/.well-known/openid-configuration" /></validate-jwt></inbound></policies>',
          },
        }),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: Array<{ target: string }> };
    };
    expect(body.error.code).toBe('ValidationError');
    expect(body.error.message).toContain(
      "openid-config url host 'login.example.com' is not a trusted host",
    );
    expect(body.error.message).toContain('GATEWAY_TRUSTED_HOSTS');
    expect(body.error.details[0]?.target).toBe('validate-jwt/openid-config/@url');
    // The published policy is unchanged: a signed-in call still scores.
    const tokens = await signInWithCodeAndPkce({
      issuer,
      portalOrigin: PORTAL,
      scope: 'openid scores.read',
    });
    expect((await score(tokens.access_token)).status).toBe(200);
  });
});
