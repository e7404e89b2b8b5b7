import { describe, expect, it } from 'vitest';
import type { OwnStorage } from '../../../core/blob-refs';
import { StorageTrust } from '../../../core/trusted-storage';
import { publicDataUri, resolveDataUri } from './data-uri';

const own: OwnStorage = {
  baseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
  accountName: 'devstoreaccount1',
  accountKey: 'a2V5',
};
const trust = new StorageTrust(own.baseLocation, ['127.0.0.1:10010']);
const resolve = (uri: string, kind: 'UriFile' | 'UriFolder' = 'UriFile') =>
  resolveDataUri(uri, kind, 'InputData.in', own, trust);

describe('resolveDataUri', () => {
  it("reads the stack's own Azurite path-style, with its own key", () => {
    expect(resolve('http://127.0.0.1:10000/devstoreaccount1/uploads/a%20b/in.csv')).toEqual({
      kind: 'UriFile',
      baseLocation: own.baseLocation,
      container: 'uploads',
      path: 'a b/in.csv',
      auth: { kind: 'account-key', accountName: 'devstoreaccount1', accountKey: 'a2V5' },
    });
  });

  it('reads Azure Storage host-style with the SAS of the URI, and never shows the SAS again', () => {
    const location = resolve(
      'https://acct.blob.core.windows.net/data/in?sv=1&sig=secret',
      'UriFolder',
    );
    expect(location).toMatchObject({
      baseLocation: 'https://acct.blob.core.windows.net/',
      container: 'data',
      path: 'in/',
      auth: { kind: 'sas', token: '?sv=1&sig=secret' },
    });
    expect(publicDataUri(location)).toBe('https://acct.blob.core.windows.net/data/in/');
  });

  it('refuses untrusted hosts, other accounts on its own host, dot segments and folders as files', () => {
    expect(() => resolve('http://127.0.0.1:9000/acct/c1c/in.csv')).toThrow(
      /InputData\.in: the storage host '127\.0\.0\.1:9000'.*DEMO_TRUSTED_STORAGE_HOSTS=127\.0\.0\.1:9000/,
    );
    expect(() => resolve('http://127.0.0.1:10000/other/box/in.csv')).toThrow(
      /not this endpoint's storage account/,
    );
    expect(() => resolve('http://127.0.0.1:10000/devstoreaccount1/box/../x/in.csv')).toThrow(
      /'\.' or '\.\.' segment/,
    );
    expect(() => resolve('http://127.0.0.1:10000/devstoreaccount1/box/folder/')).toThrow(
      /must name a file/,
    );
    expect(() => resolve('http://127.0.0.1:10010/acct/box/in.csv?x=1')).toThrow(/no SAS signature/);
    expect(resolve('http://127.0.0.1:10010/acct/box/in.csv').baseLocation).toBe(
      'http://127.0.0.1:10010/acct/',
    );
  });
});
