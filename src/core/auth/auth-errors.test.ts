import { describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { describeSignInError, explainRefusedToken, PopupError } from './auth-errors';

const authError = (params: string) =>
  new oauth.AuthorizationResponseError('authorization response error', {
    cause: new URLSearchParams(params),
  });

describe('describeSignInError', () => {
  it('words the pop-up being blocked or closed', () => {
    expect(describeSignInError(new PopupError('blocked'), { step: 'authorize' }).hint).toMatch(
      /Allow pop-ups for this site, or sign in in this tab/,
    );
    expect(describeSignInError(new PopupError('closed'), { step: 'authorize' }).title).toBe(
      'The sign-in window was closed',
    );
  });

  it('names the refused scopes and the declined consent', () => {
    const scope = describeSignInError(
      authError('error=invalid_scope&error_description=requested+scope+is+not+allowed'),
      { step: 'authorize', scopes: ['openid', 'admin.write'] },
    );
    expect(scope).toEqual({
      title: 'The provider refused a scope',
      message:
        'The provider answered invalid_scope: requested scope is not allowed Asked for: openid admin.write.',
      hint: expect.stringContaining('Untick the scopes') as string,
    });
    expect(describeSignInError(authError('error=access_denied'), { step: 'authorize' }).title).toBe(
      'Consent was declined',
    );
  });

  it('tells a redirect URI that is not registered, with the exact URI and the Entra ID fix', () => {
    const problem = describeSignInError(
      authError('error=invalid_request&error_description=redirect_uri+did+not+match'),
      { step: 'authorize', redirectUri: 'http://127.0.0.1:5173/oauth-callback.html' },
    );
    expect(problem.title).toBe('The redirect URI is not registered with the provider');
    expect(problem.hint).toContain('Register http://127.0.0.1:5173/oauth-callback.html exactly');
    expect(problem.hint).toContain('Single-page application');
  });

  it('explains "Failed to fetch" at the token endpoint as CORS, with the SPA fix', () => {
    const problem = describeSignInError(new TypeError('Failed to fetch'), {
      step: 'token',
      url: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
      origin: 'http://127.0.0.1:5173',
    });
    expect(problem.title).toBe("The browser may not read the token endpoint's answer (CORS)");
    expect(problem.message).toContain('does not allow http://127.0.0.1:5173');
    expect(problem.hint).toContain('"Single-page application" (not "Web")');
  });

  it("reads oauth4webapi's checks: clock skew, state, nonce, discovery issuer", () => {
    const ope = (message: string, code: string, cause: unknown) =>
      new oauth.OperationProcessingError(message, { code, cause });
    expect(
      describeSignInError(
        ope('unexpected JWT "iat"', oauth.JWT_TIMESTAMP_CHECK, { claim: 'iat' }),
        {
          step: 'token',
        },
      ).hint,
    ).toMatch(/clock is probably off/);
    expect(
      describeSignInError(
        ope('unexpected "state" response parameter value', oauth.INVALID_RESPONSE, {}),
        { step: 'authorize' },
      ).title,
    ).toBe('The answer is not for this sign-in');
    expect(
      describeSignInError(
        ope('unexpected ID Token "nonce" claim value', oauth.JWT_CLAIM_COMPARISON, {
          claim: 'nonce',
        }),
        { step: 'token' },
      ).title,
    ).toBe('The ID token is not for this sign-in');
    expect(
      describeSignInError(
        ope('issuer mismatch', oauth.JSON_ATTRIBUTE_COMPARISON, { attribute: 'issuer' }),
        {
          step: 'discovery',
          url: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
        },
      ).hint,
    ).toContain('not "common"');
  });
});

describe('explainRefusedToken', () => {
  const now = 1_800_000_000_000;
  it('names the expired and the wrong-audience claims', () => {
    expect(
      explainRefusedToken(
        { aud: 'api://portico-other', exp: now / 1000 - 30 },
        { audience: 'api://portico-demo', now },
      ),
    ).toEqual([
      '"exp": the token expired 30 s ago.',
      '"aud": the token is for api://portico-other, not api://portico-demo. Set the resource (or scope) to api://portico-demo and sign in again.',
    ]);
  });

  it('says nothing against a token that fits, and tells a clock far behind', () => {
    expect(
      explainRefusedToken(
        { aud: ['x', 'api://portico-demo'], exp: now / 1000 + 60 },
        { audience: 'api://portico-demo', now },
      ),
    ).toEqual([]);
    expect(explainRefusedToken({ iat: now / 1000 + 600 }, { now })[0]).toMatch(
      /valid only from 10 min 00 s from now/,
    );
  });
});
