import { describe, expect, it } from 'vitest';
import { parseContainerSasUrl } from './batch-sas-url';

const NOW = new Date('2026-11-26T14:00:00Z');
const QUERY = 'sv=2025-01-05&se=2026-11-26T15%3A00%3A00Z&sr=c&sp=racwl&sig=abc%3D';

describe('parseContainerSasUrl', () => {
  it('splits an Azure container SAS URL into the BES parts', () => {
    expect(parseContainerSasUrl(`https://acct.blob.core.windows.net/data?${QUERY}`, NOW)).toEqual({
      ok: true,
      sas: {
        containerUrl: 'https://acct.blob.core.windows.net/data',
        accountUrl: 'https://acct.blob.core.windows.net/',
        container: 'data',
        sasToken: `?${QUERY}`,
        expiresOn: new Date('2026-11-26T15:00:00Z'),
        permissions: 'racwl',
      },
    });
  });

  it('understands Azurite path-style URLs, where the account is in the path', () => {
    const check = parseContainerSasUrl(
      ` http://127.0.0.1:10000/devstoreaccount1/portico-uploads?${QUERY} `,
      NOW,
    );
    expect(check.ok && check.sas.accountUrl).toBe('http://127.0.0.1:10000/devstoreaccount1/');
    expect(check.ok && check.sas.containerUrl).toBe(
      'http://127.0.0.1:10000/devstoreaccount1/portico-uploads',
    );
    expect(check.ok && check.sas.container).toBe('portico-uploads');
  });

  it('gives a specific message for each problem', () => {
    const message = (url: string): string => {
      const check = parseContainerSasUrl(url, NOW);
      return check.ok ? 'ok' : check.message;
    };
    expect(message('')).toBe('Paste a container SAS URL.');
    expect(message('acct/data?sig=x')).toBe(
      'This is not a URL. A container SAS URL looks like https://<account>.blob.core.windows.net/<container>?sv=...&sig=...',
    );
    expect(message(`ftp://acct.blob.core.windows.net/data?${QUERY}`)).toBe(
      'A SAS URL must start with https:// (found ftp://).',
    );
    expect(message('https://acct.blob.core.windows.net/data?sv=1&se=2026-11-27&sp=rw')).toBe(
      'The URL has no SAS signature ("sig" is missing). Copy the full "Blob SAS URL" of the container, including everything after "?".',
    );
    expect(message(`https://acct.blob.core.windows.net/?${QUERY}`)).toBe(
      'The URL names no container. Use the SAS URL of a container, not of the whole account.',
    );
    expect(
      message(`https://acct.blob.core.windows.net/data/in.csv?${QUERY.replace('sr=c', 'sr=b')}`),
    ).toBe(
      'This is a SAS for a single blob. Generate the SAS on the container (signed resource "c") so the job can read its input and write its output there.',
    );
    expect(message('https://acct.blob.core.windows.net/data?sp=rw&sig=x')).toBe(
      'The SAS has no expiry time ("se" is missing).',
    );
    expect(message('https://acct.blob.core.windows.net/data?sp=rw&se=tomorrow&sig=x')).toBe(
      'The SAS expiry "tomorrow" is not a date.',
    );
    expect(
      message('https://acct.blob.core.windows.net/data?sp=rw&se=2026-11-26T13:59:00Z&sig=x'),
    ).toBe('The SAS expired at 2026-11-26T13:59:00.000Z. Generate a new one.');
    expect(
      message(
        'https://acct.blob.core.windows.net/data?sp=rw&st=2026-11-27T00:00:00Z&se=2026-11-28T00:00:00Z&sig=x',
      ),
    ).toBe('The SAS is not valid before 2026-11-27T00:00:00.000Z.');
    expect(
      message('https://acct.blob.core.windows.net/data?sp=rl&se=2026-11-27T00:00:00Z&sig=x'),
    ).toBe(
      'The SAS lacks write permission (it grants "rl"). A batch job needs at least read and write on the container.',
    );
    expect(message('https://acct.blob.core.windows.net/data?se=2026-11-27T00:00:00Z&sig=x')).toBe(
      'The SAS lacks read and write permission (it grants "none"). A batch job needs at least read and write on the container.',
    );
  });
});
