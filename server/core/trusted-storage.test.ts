import { describe, expect, it } from 'vitest';
import { parseBlobReference } from './blob-refs';
import { ServiceError } from './errors';
import { StorageTrust } from './trusted-storage';

const trust = new StorageTrust('http://127.0.0.1:10000/devstoreaccount1/', [
  'storage.internal:8443',
  '*.blob.azurestack.example',
]);

describe('StorageTrust', () => {
  it.each([
    ['http://127.0.0.1:10000/devstoreaccount1/', true],
    ['http://127.0.0.1:10000/otheraccount/', true],
    ['http://127.0.0.1:10001/devstoreaccount1/', false],
    ['http://localhost:10000/devstoreaccount1/', false],
    ['https://acct.blob.core.windows.net/', true],
    ['http://acct.blob.core.windows.net/', false],
    ['https://acct.blob.core.windows.net:8443/', false],
    ['https://blob.core.windows.net/', false],
    ['https://acct.blob.core.windows.net.evil.example/', false],
    ['https://storage.internal:8443/', true],
    ['https://storage.internal/', false],
    ['https://a.blob.azurestack.example/', true],
    ['https://blob.azurestack.example/', false],
  ])('%s is trusted: %s', (base, trusted) => {
    expect(trust.isTrusted(base)).toBe(trusted);
  });

  it('refuses a foreign reference with a 400 naming the host and the setting', () => {
    const ref = parseBlobReference(
      {
        BaseLocation: 'http://127.0.0.1:9999/a/',
        RelativeLocation: 'c1x/b.csv',
        SasBlobToken: 'sig=x',
      },
      'Inputs.input1',
    );
    let error: unknown;
    try {
      trust.check(ref, 'Inputs.input1');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(400);
    expect((error as ServiceError).details[0]).toEqual({
      code: 'InvalidBlob',
      message: expect.stringMatching(
        /^Inputs\.input1: the storage host '127\.0\.0\.1:9999' .*DEMO_TRUSTED_STORAGE_HOSTS=127\.0\.0\.1:9999/,
      ),
    });
  });
});
