import { describe, expect, it } from 'vitest';
import { callOutcome } from './call-outcome';

describe('callOutcome', () => {
  it('counts as APIM does', () => {
    const codes = [200, 201, 204, 301, 302, 304, 307, 308, 400, 401, 403, 404, 413, 429, 500, 503];
    expect(Object.fromEntries(codes.map((c) => [c, callOutcome(c)]))).toEqual({
      200: 'success',
      201: 'success',
      204: 'success',
      301: 'success',
      302: 'other',
      304: 'success',
      307: 'success',
      308: 'other',
      400: 'failed',
      401: 'blocked',
      403: 'blocked',
      404: 'other',
      413: 'other',
      429: 'blocked',
      500: 'failed',
      503: 'failed',
    });
  });
});
