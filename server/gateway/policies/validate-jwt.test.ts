import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyCall } from './policy-call';
import { PolicyValidationError, parsePolicy } from './policy-document';
import { JwtValidator, PolicyEngine, composePipeline, type InboundOutcome } from './policy-engine';

const ISSUER = 'http://127.0.0.1:8792';
const DISCOVERY = `${ISSUER}/.well-known/openid-configuration`;
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const trust = {
  isTrustedBackend: (url: URL) => url.host === '127.0.0.1:8792' || url.host === 'backend.test',
  trustSetting: 'GATEWAY_TRUSTED_HOSTS',
};

const POLICY = `<policies><inbound>
  <validate-jwt header-name="Authorization" require-scheme="Bearer" output-token-variable-name="jwt">
    <openid-config url="${DISCOVERY}" />
    <audiences><audience>api://portico-demo</audience></audiences>
    <issuers><issuer>${ISSUER}</issuer></issuers>
    <required-claims><claim name="scope" match="any" separator=" "><value>scores.read</value></claim></required-claims>
  </validate-jwt>
  <set-header name="Authorization" exists-action="override"><value>Bearer backend-key</value></set-header>
  <rewrite-uri template="/workspaces/{workspace}/services/{service}/execute" />
</inbound></policies>`;

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };
const fetched: string[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

/** The provider's documents, served without HTTP (the http layer's fetchJson is a plain GET). */
async function fetchJson(url: string): Promise<unknown> {
  fetched.push(url);
  if (url === DISCOVERY) return { issuer: ISSUER, jwks_uri: `${ISSUER}/jwks` };
  if (url === `${ISSUER}/jwks`) return jwks;
  throw new Error('it answered 404');
}

async function token(
  claims: Record<string, unknown> = {},
  options: { key?: CryptoKey; expiresIn?: number; kid?: string } = {},
): Promise<string> {
  const iat = Math.floor(NOW / 1000);
  return new SignJWT({ scope: 'openid scores.read', client_id: 'portico-demo-spa', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1', typ: 'at+jwt' })
    .setIssuer((claims.iss as string | undefined) ?? ISSUER)
    .setAudience((claims.aud as string | undefined) ?? 'api://portico-demo')
    .setSubject('demo')
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.expiresIn ?? 600))
    .sign(options.key ?? signingKey);
}

function makeCall(authorization?: string): PolicyCall {
  return {
    requestId: 'req-1',
    method: 'POST',
    path: '/signed-in/workspaces/demo-workspace/services/simple-feature-hashing/execute',
    query: 'api-version=2.0&details=true',
    headers: authorization === undefined ? {} : { authorization },
    ipAddress: '127.0.0.1',
    api: { id: 'azureml-demo', serviceUrl: 'http://backend.test' },
    operation: {
      id: 'executeSignedIn',
      method: 'POST',
      urlTemplate: '/signed-in/workspaces/{workspace}/services/{service}/execute',
      responses: [],
    },
  };
}

async function run(authorization?: string, clock = NOW, policy = POLICY): Promise<InboundOutcome> {
  const operation = parsePolicy(policy, 'xml', 'operation', trust);
  const pipeline = composePipeline({ operation });
  const validator = new JwtValidator({ ...trust, fetchJson, clock: () => clock });
  const engine = new PolicyEngine({ clock: () => clock, isTrustedBackend: trust.isTrustedBackend });
  const call = makeCall(authorization);
  const verdicts = await validator.verify(pipeline, call);
  if (verdicts) call.jwtVerdicts = verdicts;
  return engine.inbound(pipeline, call);
}

function refusal(outcome: InboundOutcome): { status: number; message: string } {
  if (outcome.kind !== 'respond') throw new Error('forwarded');
  expect(outcome.reason).toBe('validate-jwt');
  expect(outcome.headers['Content-Type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(outcome.body) as { statusCode: number; message: string };
  expect(body.statusCode).toBe(outcome.status);
  return { status: outcome.status, message: body.message };
}

describe('validate-jwt', () => {
  it('forwards a call whose token passes, with the backend key and the rewritten path', async () => {
    const outcome = await run(`Bearer ${await token()}`);
    expect(outcome).toEqual({
      kind: 'forward',
      rewrite: {
        path: '/workspaces/demo-workspace/services/simple-feature-hashing/execute',
        query: 'api-version=2.0&details=true',
      },
      requestHeaders: [
        { name: 'Authorization', action: 'override', values: ['Bearer backend-key'] },
      ],
      responseHeaders: {},
    });
  });

  it('refuses a call without a token, or without the required scheme', async () => {
    expect(refusal(await run())).toEqual({ status: 401, message: 'JWT not present.' });
    expect(refusal(await run(await token()))).toEqual({
      status: 401,
      message: "The Authorization header must hold 'Bearer <token>'. Access denied.",
    });
  });

  it('refuses an expired token, with no clock skew by default, and names the time', async () => {
    const expired = await token({}, { expiresIn: 60 });
    expect((await run(`Bearer ${expired}`, NOW + 59_000)).kind).toBe('forward');
    expect(refusal(await run(`Bearer ${expired}`, NOW + 60_000))).toEqual({
      status: 401,
      message:
        'Lifetime validation failed: the token expired at 2026-12-07T12:01:00.000Z; it is now 2026-12-07T12:01:00.000Z (clock skew allowed: 0 s). Access denied.',
    });
    const skewed = POLICY.replace(
      'require-scheme="Bearer"',
      'require-scheme="Bearer" clock-skew="30"',
    );
    expect((await run(`Bearer ${expired}`, NOW + 80_000, skewed)).kind).toBe('forward');
  });

  it('refuses a token from another issuer or for another audience, naming the claim', async () => {
    expect(refusal(await run(`Bearer ${await token({ iss: 'http://evil.test' })}`))).toEqual({
      status: 401,
      message: `Issuer validation failed: the token's issuer 'http://evil.test' is not '${ISSUER}'. Access denied.`,
    });
    expect(refusal(await run(`Bearer ${await token({ aud: 'api://portico-other' })}`))).toEqual({
      status: 401,
      message:
        "Audience validation failed: the token's audience 'api://portico-other' is not 'api://portico-demo'. Access denied.",
    });
  });

  it('refuses a token signed by another key, and an unsigned one (alg none)', async () => {
    expect(refusal(await run(`Bearer ${await token({}, { key: otherKey })}`))).toEqual({
      status: 401,
      message:
        'Signature validation failed: the token was not signed by a key of the issuer. Access denied.',
    });
    const unsigned = new UnsecuredJWT({ scope: 'scores.read' })
      .setIssuer(ISSUER)
      .setAudience('api://portico-demo')
      .setExpirationTime(Math.floor(NOW / 1000) + 600)
      .encode();
    expect(refusal(await run(`Bearer ${unsigned}`))).toEqual({
      status: 401,
      message: "The token is not signed (alg 'none'); signed tokens are required. Access denied.",
    });
    expect(refusal(await run('Bearer not.a.jwt'))).toEqual({
      status: 401,
      message: 'The token is not a valid JWT. Access denied.',
    });
  });

  it('refuses a token without a required claim or value, and uses the policy message when set', async () => {
    expect(refusal(await run(`Bearer ${await token({ scope: 'openid other.read' })}`))).toEqual({
      status: 401,
      message: 'Claim scope value of openid other.read is not allowed. Access denied.',
    });
    const strict = POLICY.replace(
      '<claim name="scope"',
      '<claim name="roles" match="all"><value>admin</value></claim><claim name="scope"',
    );
    expect(refusal(await run(`Bearer ${await token()}`, NOW, strict))).toEqual({
      status: 401,
      message: 'JWT token is missing the following claims: roles. Access denied.',
    });
    const custom = POLICY.replace(
      'require-scheme="Bearer"',
      'require-scheme="Bearer" failed-validation-httpcode="403" failed-validation-error-message="Invalid Token"',
    );
    expect(refusal(await run(undefined, NOW, custom))).toEqual({
      status: 403,
      message: 'Invalid Token',
    });
  });

  it('counts a call it refuses in no limit, even one before it', async () => {
    const limited = POLICY.replace(
      '<inbound>',
      '<inbound><rate-limit calls="1" renewal-period="60" />',
    );
    const pipeline = composePipeline({
      operation: parsePolicy(limited, 'xml', 'operation', trust),
    });
    const validator = new JwtValidator({ ...trust, fetchJson, clock: () => NOW });
    const engine = new PolicyEngine({ clock: () => NOW, isTrustedBackend: trust.isTrustedBackend });
    const send = async (authorization: string): Promise<number | 'forward'> => {
      const call = {
        ...makeCall(authorization),
        subscription: { id: 'sub-1', key: 'key-1', startDate: NOW },
      };
      const verdicts = await validator.verify(pipeline, call);
      if (verdicts) call.jwtVerdicts = verdicts;
      const outcome = engine.inbound(pipeline, call);
      return outcome.kind === 'forward' ? 'forward' : outcome.status;
    };
    expect(await send('Bearer not.a.jwt')).toBe(401);
    expect(await send('Bearer not.a.jwt')).toBe(401);
    expect(await send(`Bearer ${await token()}`)).toBe('forward');
    expect(await send(`Bearer ${await token()}`)).toBe(429);
  });

  it('refuses every call when the check did not run (fails closed)', () => {
    const operation = parsePolicy(POLICY, 'xml', 'operation', trust);
    const engine = new PolicyEngine({ clock: () => NOW, isTrustedBackend: trust.isTrustedBackend });
    expect(refusal(engine.inbound(composePipeline({ operation }), makeCall('Bearer x')))).toEqual({
      status: 401,
      message: 'The token was not checked. Access denied.',
    });
  });

  it('fetches the discovery document and the keys once, from trusted hosts only', async () => {
    fetched.length = 0;
    const operation = parsePolicy(POLICY, 'xml', 'operation', trust);
    const pipeline = composePipeline({ operation });
    const validator = new JwtValidator({ ...trust, fetchJson, clock: () => NOW });
    for (let i = 0; i < 3; i++)
      await validator.verify(pipeline, makeCall(`Bearer ${await token()}`));
    expect(fetched).toEqual([DISCOVERY, `${ISSUER}/jwks`]);

    const elsewhere = new JwtValidator({
      ...trust,
      clock: () => NOW,
      fetchJson: async () => ({ issuer: ISSUER, jwks_uri: 'http://keys.evil.test/jwks' }),
    });
    const verdict = (
      await elsewhere.verify(pipeline, makeCall(`Bearer ${await token()}`))
    )?.values();
    expect([...(verdict ?? [])]).toEqual([
      {
        ok: false,
        message:
          "openid-config url host 'keys.evil.test' is not a trusted host: the gateway fetches discovery documents and keys only from trusted hosts; add it to GATEWAY_TRUSTED_HOSTS. Access denied.",
      },
    ]);
  });

  it('checks a token against issuer-signing-keys (a base64 symmetric key)', async () => {
    const secret = Buffer.from('a demo secret of at least thirty-two bytes!');
    const policy = `<policies><inbound><validate-jwt>
      <issuer-signing-keys><key>${secret.toString('base64')}</key></issuer-signing-keys>
      <audiences><audience>api://portico-demo</audience></audiences>
    </validate-jwt></inbound></policies>`;
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('api://portico-demo')
      .setExpirationTime(Math.floor(NOW / 1000) + 60)
      .sign(new Uint8Array(secret));
    expect((await run(`Bearer ${hs}`, NOW, policy)).kind).toBe('forward');
    expect((await run(`Bearer ${await token()}`, NOW, policy)).kind).toBe('respond');
  });

  it('is refused at PUT with an untrusted openid-config host, naming it and the setting', () => {
    const untrusted = POLICY.replace(
      DISCOVERY,
      'https://login.example.com/.well-known/openid-configuration',
    );
    let refused: unknown;
    try {
      parsePolicy(untrusted, 'xml', 'operation', trust);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(PolicyValidationError);
    expect((refused as PolicyValidationError).message).toBe(
      "openid-config url host 'login.example.com' is not a trusted host: the gateway fetches discovery documents and keys only from trusted hosts; add it to GATEWAY_TRUSTED_HOSTS.",
    );
    expect((refused as PolicyValidationError).details).toMatchObject({
      target: 'validate-jwt/openid-config/@url',
      line: 3,
    });
  });

  it('refuses what the local gateway does not support, naming it', () => {
    const refused = (inbound: string): string => {
      try {
        parsePolicy(`<policies><inbound>${inbound}</inbound></policies>`, 'xml', 'api', trust);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(
      refused(
        '<validate-jwt query-parameter-name="t"><openid-config url="' +
          DISCOVERY +
          '" /></validate-jwt>',
      ),
    ).toBe(
      'validate-jwt/@query-parameter-name is not supported by the local gateway: tokens in URLs end up in logs; send it in a header.',
    );
    expect(refused('<validate-jwt />')).toBe(
      '<validate-jwt> needs an <openid-config url="..."> or <issuer-signing-keys> to check signatures with.',
    );
    expect(refused('<rewrite-uri template="/a?b={c}" />')).toBe(
      "rewrite-uri/@template '/a?b={c}': a query part is not supported by the local gateway; copy-unmatched-params keeps the call's query.",
    );
    expect(
      refused(
        '<validate-jwt><openid-config url="' + DISCOVERY + '" /><audiences /></validate-jwt>',
      ),
    ).toBe('<audiences> needs at least one <audience>.');
  });
});
