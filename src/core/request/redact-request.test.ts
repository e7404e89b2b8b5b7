import { describe, expect, it } from 'vitest';
import {
  isSensitiveHeaderName,
  looksLikeCredentialField,
  looksLikeCredentialName,
  redactRequest,
  redactSecretsInText,
  redactUrl,
} from './redact-request';

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

describe('looksLikeCredentialName', () => {
  it('matches credential names by pattern, in any case and spelling', () => {
    const names = [
      'key',
      'api-key',
      'API_KEY',
      'apikey',
      'apiKey',
      'token',
      'access_token',
      'refreshToken',
      'code',
      'sig',
      'signature',
      'password',
      'db_passwd',
      'secret',
      'client_secret',
      'auth',
      'authorization',
      'Proxy-Authorization',
      'auth_token',
      'credential',
      'credentials',
      'x-functions-key',
      'X-My-Key',
      'Ocp-Apim-Subscription-Key',
      'subscription-key',
      'AccountKey',
      'sas',
      'x-ms-sas',
      'Set-Cookie',
    ];
    expect(names.filter((n) => !looksLikeCredentialName(n))).toEqual([]);
  });

  it('leaves ordinary names alone', () => {
    const names = [
      'api-version',
      'details',
      'keyword',
      'monkey',
      'countryCode',
      'zipcode',
      'sv',
      'se',
      'sp',
      'sr',
      'Content-Type',
      'Accept',
      'x-ms-version',
      'x-ms-request-id',
      'writer-name',
    ];
    expect(names.filter(looksLikeCredentialName)).toEqual([]);
  });
});

describe('looksLikeCredentialField', () => {
  it('takes JSON members by their credential words, not "code" or an "auth" prefix', () => {
    const names = ['primaryKey', 'access_token', 'SasBlobToken', 'auth', 'authorization', 'code'];
    expect(names.map(looksLikeCredentialField)).toEqual([true, true, true, true, true, false]);
    expect(['author', 'authoredOn', 'errorCode'].filter(looksLikeCredentialField)).toEqual([]);
  });
});

describe('redactUrl', () => {
  it('masks credential-like query values whatever the definition flagged', () => {
    expect(
      redactUrl(
        'https://fn.example/api/run?code=abc&x-functions-key=k&apiKey=1&token=t&password=p&page=2&Auth_Token=a',
        [],
      ),
    ).toBe(
      'https://fn.example/api/run?code=••••••&x-functions-key=••••••&apiKey=••••••&token=••••••&password=••••••&page=2&Auth_Token=••••••',
    );
  });

  it('masks a SAS signature inside another parameter, encoded', () => {
    expect(
      redactUrl(
        'https://portal.example/load?source=https%3A%2F%2Facct.blob.core.windows.net%2Fc%2Fa.csv%3Fsv%3D2025%26sig%3Dabc%252B%253D%26sp%3Dr',
        [],
      ),
    ).toBe(
      'https://portal.example/load?source=https%3A%2F%2Facct.blob.core.windows.net%2Fc%2Fa.csv%3Fsv%3D2025%26sig%3D••••••%26sp%3Dr',
    );
  });
});

describe('redactSecretsInText', () => {
  it('masks SAS tokens that start with their signature, and account keys', () => {
    const body = JSON.stringify({
      Outputs: { output1: { SasBlobToken: 'sig=abc%2B&sv=2025-01-05&sp=rw' } },
      Inputs: {
        input1: { ConnectionString: 'AccountName=a;AccountKey=k+/==;EndpointSuffix=x' },
      },
    });
    expect(redactSecretsInText(body)).toBe(
      JSON.stringify({
        Outputs: { output1: { SasBlobToken: 'sig=••••••&sv=2025-01-05&sp=rw' } },
        Inputs: {
          input1: { ConnectionString: 'AccountName=a;AccountKey=••••••;EndpointSuffix=x' },
        },
      }),
    );
  });

  it('masks the signature of a SAS URL in a response and leaves the rest readable', () => {
    expect(
      redactSecretsInText(
        '{"containerUrl":"http://127.0.0.1:10000/devstoreaccount1/uploads?sv=2025-05-05&se=2026-01-01T00%3A00%3A00Z&sr=c&sp=racwl&sig=Zm9v%2Bbar%3D"}',
      ),
    ).toBe(
      '{"containerUrl":"http://127.0.0.1:10000/devstoreaccount1/uploads?sv=2025-05-05&se=2026-01-01T00%3A00%3A00Z&sr=c&sp=racwl&sig=••••••"}',
    );
  });
});
