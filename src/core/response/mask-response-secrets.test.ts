import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../request/send-request';
import { maskResponseSecrets } from './mask-response-secrets';

const response = (
  body: string,
  contentType = 'application/json',
  headers: Array<[string, string]> = [],
): HttpResponse => {
  const bytes = new TextEncoder().encode(body);
  return {
    status: 200,
    statusText: 'OK',
    headers,
    body: bytes,
    contentType,
    durationMs: 1,
    receivedAt: 0,
    size: bytes.length,
  };
};
const text = (r: HttpResponse | undefined) => (r ? new TextDecoder().decode(r.body) : undefined);

describe('maskResponseSecrets', () => {
  it("masks the signature of the demo stack's SAS answer and keeps the rest", () => {
    const masked = maskResponseSecrets(
      response(
        '{"containerUrl":"http://127.0.0.1:10000/devstoreaccount1/uploads?sv=2025-05-05&se=2026-01-01T00%3A00%3A00Z&sr=c&sp=racwl&sig=Zm9v%2Bbar%3D","expiresOn":"2026-01-01T00:00:00.000Z"}',
      ),
    );
    expect(text(masked)).toBe(
      '{"containerUrl":"http://127.0.0.1:10000/devstoreaccount1/uploads?sv=2025-05-05&se=2026-01-01T00%3A00%3A00Z&sr=c&sp=racwl&sig=••••••","expiresOn":"2026-01-01T00:00:00.000Z"}',
    );
    // The size shown stays what was received.
    expect(masked?.size).toBe(179);
  });

  it('masks JSON members named like credentials, account keys and credential headers', () => {
    const masked = maskResponseSecrets(
      response(
        '{\n  "primaryKey": "p1",\n  "name": "sub",\n  "Results": {"output1": {"SasBlobToken": "?sv=1&sig=s"}},\n  "ConnectionString": "AccountName=a;AccountKey=k=="\n}',
        'application/json; charset=utf-8',
        [
          ['content-type', 'application/json'],
          ['set-cookie', 'session=abc'],
          ['location', 'https://a.blob.core.windows.net/c?sv=1&sig=x'],
        ],
      ),
    );
    expect(text(masked)).toBe(
      '{\n  "primaryKey": "••••••",\n  "name": "sub",\n  "Results": {"output1": {"SasBlobToken": "••••••"}},\n  "ConnectionString": "AccountName=a;AccountKey=••••••"\n}',
    );
    expect(masked?.headers).toEqual([
      ['content-type', 'application/json'],
      ['set-cookie', '••••••'],
      ['location', 'https://a.blob.core.windows.net/c?sv=1&sig=••••••'],
    ]);
  });

  it('masks SAS signatures in CSV and plain text, and leaves binary bodies alone', () => {
    expect(text(maskResponseSecrets(response('url\nhttps://a/?sig=q&sv=1\n', 'text/csv')))).toBe(
      'url\nhttps://a/?sig=••••••&sv=1\n',
    );
    const binary = response('\u0000\u0001sig=abc', 'application/octet-stream');
    expect(maskResponseSecrets(binary)).toBeUndefined();
  });

  it("leaves Azure ML's error code and other members that only sound like credentials alone", () => {
    // The emulator's 400, 401 and 413 bodies: the code is what the overview tells users to read.
    for (const body of [
      '{"error":{"code":"BadArgument","message":"Invalid argument provided.","details":[{"code":"InputParseError","target":"Inputs","message":"The input is not valid JSON."}]}}',
      '{"error":{"code":"Unauthorized","message":"Unauthorized","details":[]}}',
      '{"error":{"code":"MemoryQuotaViolation","message":"The request exceeded the memory quota of the web service.","details":[]}}',
      '{"author": "Ada", "authoredOn": "2026-01-01", "errorCode": "E1", "countryCode": "NL"}',
    ])
      expect(maskResponseSecrets(response(body))).toBeUndefined();
    // Credential fields next to them still are masked.
    expect(
      text(maskResponseSecrets(response('{"code":"BadArgument","auth":"a","authorization":"b"}'))),
    ).toBe('{"code":"BadArgument","auth":"••••••","authorization":"••••••"}');
  });

  it('says there is nothing to mask', () => {
    expect(maskResponseSecrets(response('{"Results":{"output1":[1,2]}}'))).toBeUndefined();
  });
});
