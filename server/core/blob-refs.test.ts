import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors';
import {
  openBlockBlob,
  ownStorageOf,
  parseBlobReference,
  redactSecrets,
  resultLocation,
} from './blob-refs';

const KEY = Buffer.from('not-a-real-key-but-base64').toString('base64');

describe('parseBlobReference', () => {
  it('reads a connection string with an account key and a relative location with or without slash', () => {
    for (const relative of ['/mycontainer/reviews/in put.csv', 'mycontainer/reviews/in put.csv']) {
      const ref = parseBlobReference(
        {
          ConnectionString: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
          RelativeLocation: relative,
        },
        'Inputs.input1',
      );
      expect(ref).toMatchObject({
        baseLocation: 'https://acct.blob.core.windows.net/',
        container: 'mycontainer',
        blobName: 'reviews/in put.csv',
        relativeLocation: 'mycontainer/reviews/in put.csv',
        auth: { kind: 'account-key', accountName: 'acct', accountKey: KEY },
      });
      expect(openBlockBlob(ref).url).toBe(
        'https://acct.blob.core.windows.net/mycontainer/reviews/in%20put.csv',
      );
    }
  });

  it('prefers BlobEndpoint (Azurite) over the derived endpoint', () => {
    const ref = parseBlobReference(
      {
        ConnectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
        RelativeLocation: '/c1c/in.csv',
      },
      'Inputs.input1',
    );
    expect(ref.baseLocation).toBe('http://127.0.0.1:10000/devstoreaccount1/');
  });

  it('reads a SAS connection string and the BaseLocation + SasBlobToken form', () => {
    const viaConnection = parseBlobReference(
      {
        ConnectionString:
          'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;SharedAccessSignature=sv=2024-08-04&sp=r&sig=abc%3D',
        RelativeLocation: 'box/a.csv',
      },
      'Inputs.input1',
    );
    const viaSas = parseBlobReference(
      {
        BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1',
        RelativeLocation: '/box/a.csv',
        SasBlobToken: '?sv=2024-08-04&sp=r&sig=abc%3D',
      },
      'Inputs.input1',
    );
    for (const ref of [viaConnection, viaSas]) {
      expect(ref.auth).toEqual({ kind: 'sas', token: '?sv=2024-08-04&sp=r&sig=abc%3D' });
      expect(openBlockBlob(ref).url).toBe(
        'http://127.0.0.1:10000/devstoreaccount1/box/a.csv?sv=2024-08-04&sp=r&sig=abc%3D',
      );
    }
  });

  it.each([
    ['x', 'must be an object'],
    [{ ConnectionString: 'AccountName=a;AccountKey=k' }, 'RelativeLocation is missing'],
    [
      { ConnectionString: 'AccountName=a;AccountKey=k', RelativeLocation: 'only-container' },
      'must name a container and a blob',
    ],
    [
      { ConnectionString: 'AccountName=a;AccountKey=k', RelativeLocation: '/My_Container/a.csv' },
      "'My_Container' is not a valid container name",
    ],
    [
      { ConnectionString: 'AccountName=a', RelativeLocation: '/box/a.csv' },
      'needs AccountName and AccountKey',
    ],
    [{ ConnectionString: 'garbage', RelativeLocation: '/box/a.csv' }, 'is malformed'],
    [{ BaseLocation: 'http://h/', RelativeLocation: '/box/a.csv' }, 'SasBlobToken is missing'],
    [{ SasBlobToken: '?sig=1', RelativeLocation: '/box/a.csv' }, 'BaseLocation is missing'],
    [
      { BaseLocation: 'nope', RelativeLocation: '/box/a.csv', SasBlobToken: '?sig=1' },
      'not an absolute URL',
    ],
    [
      { BaseLocation: 'ftp://h/', RelativeLocation: '/box/a.csv', SasBlobToken: '?sig=1' },
      'http or https',
    ],
    [
      { BaseLocation: 'http://h/', RelativeLocation: '/box/a.csv', SasBlobToken: 'sv=1' },
      'no signature',
    ],
    [{ RelativeLocation: '/box/a.csv' }, 'give ConnectionString'],
  ])('rejects %j naming the problem', (raw, text) => {
    try {
      parseBlobReference(raw, 'Outputs.output1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceError);
      const e = error as ServiceError;
      expect([e.status, e.code, e.details[0]?.code]).toEqual([400, 'BadArgument', 'InvalidBlob']);
      expect(e.details[0]?.message).toContain('Outputs.output1: ');
      expect(e.details[0]?.message).toContain(text);
    }
  });
});

describe('resultLocation', () => {
  const now = new Date('2026-11-26T12:00:00Z');

  it('signs a read-only SAS valid for the given time with the reference account key', () => {
    const ref = parseBlobReference(
      { ConnectionString: `AccountName=acct;AccountKey=${KEY}`, RelativeLocation: '/out/r.csv' },
      'Outputs.output1',
    );
    const result = resultLocation(ref, undefined, 24 * 3600_000, now);
    expect(result).toMatchObject({
      ConnectionString: null,
      RelativeLocation: 'out/r.csv',
      BaseLocation: 'https://acct.blob.core.windows.net/',
    });
    const sas = new URLSearchParams(result.SasBlobToken.slice(1));
    expect(result.SasBlobToken.startsWith('?')).toBe(true);
    expect([sas.get('sp'), sas.get('sr'), sas.get('se')]).toEqual([
      'r',
      'b',
      '2026-11-27T12:00:00Z',
    ]);
  });

  it("re-signs a SAS reference in the service's own account, and echoes a foreign SAS", () => {
    const own = {
      baseLocation: 'http://127.0.0.1:1/devstoreaccount1/',
      accountName: 'devstoreaccount1',
      accountKey: KEY,
    };
    const ours = parseBlobReference(
      {
        BaseLocation: 'http://127.0.0.1:1/devstoreaccount1/',
        RelativeLocation: 'ups/r.csv',
        SasBlobToken: '?sp=racwl&sig=x',
      },
      'Outputs.output1',
    );
    expect(
      new URLSearchParams(resultLocation(ours, own, 3600_000, now).SasBlobToken).get('sp'),
    ).toBe('r');
    const foreign = parseBlobReference(
      {
        BaseLocation: 'https://other.blob.core.windows.net/',
        RelativeLocation: 'ups/r.csv',
        SasBlobToken: '?sp=racwl&sig=x',
      },
      'Outputs.output1',
    );
    expect(resultLocation(foreign, own, 3600_000, now).SasBlobToken).toBe('?sp=racwl&sig=x');
  });
});

describe('redactSecrets', () => {
  it('hides account keys and SAS signatures', () => {
    expect(redactSecrets('AccountName=a;AccountKey=abc==;x https://h/c/b?sv=1&sig=s%3D&se=2')).toBe(
      'AccountName=a;AccountKey=***;x https://h/c/b?sv=1&sig=***&se=2',
    );
  });
});

describe('ownStorageOf', () => {
  it("takes Azurite's BlobEndpoint as the base location, with its slash", () => {
    expect(
      ownStorageOf(
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1',
      ),
    ).toEqual({
      baseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
      accountName: 'devstoreaccount1',
      accountKey: 'a2V5',
    });
  });

  it("derives an Azure account's endpoint from the protocol and suffix", () => {
    expect(
      ownStorageOf('AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn')
        .baseLocation,
    ).toBe('https://acct.blob.core.chinacloudapi.cn/');
  });

  it('needs the account name and key', () => {
    expect(() => ownStorageOf('AccountName=acct;BlobEndpoint=http://127.0.0.1:1/acct')).toThrow(
      'needs AccountName and AccountKey',
    );
  });
});
