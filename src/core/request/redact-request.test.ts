import { describe, expect, it } from 'vitest';
import { isSensitiveHeaderName, redactRequest } from './redact-request';

describe('redactRequest', () => {
  it('masks flagged headers and credential-named headers nobody flagged', () => {
    const shown = redactRequest({
      method: 'POST',
      url: 'https://x.example/demo/storage/sas?subscription-key=abc&keep=1',
      headers: [
        { name: 'Authorization', value: 'Bearer s3cret' },
        { name: 'X-Custom', value: 'token-value', secret: true },
        { name: 'Ocp-Apim-Subscription-Key', value: 'k1' },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'api-key', value: '' },
      ],
    });
    expect(shown.url).toBe('https://x.example/demo/storage/sas?subscription-key=••••••&keep=1');
    expect(shown.headers.map((h) => [h.name, h.value])).toEqual([
      ['Authorization', 'Bearer ••••••'],
      ['X-Custom', '••••••'],
      ['Ocp-Apim-Subscription-Key', '••••••'],
      ['Content-Type', 'application/json'],
      ['api-key', ''],
    ]);
  });
});

describe('isSensitiveHeaderName', () => {
  it('recognises credential header names in any case', () => {
    expect(
      [
        'Authorization',
        'cookie',
        'X-API-Key',
        'x-ms-sas',
        'Password',
        'Accept',
        'x-ms-version',
      ].map(isSensitiveHeaderName),
    ).toEqual([true, true, true, true, true, false, false]);
  });
});
