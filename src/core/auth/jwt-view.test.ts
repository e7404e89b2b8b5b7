import { describe, expect, it } from 'vitest';
import {
  claimTime,
  decodeJwt,
  expiryState,
  expiryText,
  formatDuration,
  maskTokensInText,
} from './jwt-view';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const makeJwt = (claims: Record<string, unknown>, header = { alg: 'RS256', kid: 'k1' }) =>
  `${b64url(header)}.${b64url(claims)}.c2lnbmF0dXJl`;

describe('decodeJwt', () => {
  it('decodes header and claims (UTF-8), keeps only the signature length', () => {
    const token = makeJwt({ aud: 'api://portico-demo', name: 'Zoë', exp: 1_700_000_000 });
    expect(decodeJwt(token)).toEqual({
      header: { alg: 'RS256', kid: 'k1' },
      claims: { aud: 'api://portico-demo', name: 'Zoë', exp: 1_700_000_000 },
      signatureLength: 12,
    });
  });

  it('says undefined for opaque tokens and broken parts', () => {
    expect(decodeJwt('opaque-token')).toBeUndefined();
    expect(decodeJwt('a.b.c')).toBeUndefined();
    expect(decodeJwt(`${b64url([1])}.${b64url({})}.x`)).toBeUndefined();
  });
});

describe('expiry', () => {
  it('reads NumericDate claims in milliseconds', () => {
    expect(claimTime({ exp: 10 }, 'exp')).toBe(10_000);
    expect(claimTime({ exp: '10' }, 'exp')).toBeUndefined();
  });

  it('counts down and then says how long ago it expired', () => {
    expect(expiryState(61_000, 0)).toEqual({ kind: 'valid', secondsLeft: 61 });
    expect(expiryText(expiryState(61_000, 0))).toBe('Expires in 1 min 01 s');
    expect(expiryText(expiryState(0, 5_000))).toBe('Expired 5 s ago');
    expect(expiryText(expiryState(undefined, 0))).toBe(
      'The provider did not say when this token expires',
    );
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
  });
});

describe('maskTokensInText', () => {
  it('masks JWTs and the known tokens, leaves other words', () => {
    const jwt = makeJwt({ sub: 'demo' });
    expect(maskTokensInText(`invalid token ${jwt} for demo`)).toBe('invalid token ••• for demo');
    expect(maskTokensInText('refresh abcdefgh123 refused', ['abcdefgh123'])).toBe(
      'refresh ••• refused',
    );
    expect(maskTokensInText('short ab', ['ab'])).toBe('short ab');
  });
});
