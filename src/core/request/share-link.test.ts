import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeShareState, encodeShareState } from './share-link';

const form = {
  params: {
    'path:workspace': 'demo-workspace',
    'query:api-version': '2.0',
    'query:subscription-key': 'SUBKEY',
    'query:code': 'QKEY',
    'header:Ocp-Apim-Subscription-Key': 'SUBKEY2',
  },
  customHeaders: [
    { name: 'Authorization', value: 'Bearer AMLKEY' },
    { name: 'X-Trace', value: 't-1' },
    { name: '', value: '' },
  ],
  body: '{"SasBlobToken":"?sv=1&sig=SECRETSIG","ConnectionString":"AccountKey=ACCKEY;"}',
};

describe('share links', () => {
  it('round-trips the form with every secret left out', () => {
    const encoded = encodeShareState(form, ['code']);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.payload).toMatch(/^[A-Za-z0-9+\-$]+$/);
    const decoded = decodeShareState(encoded.payload);
    expect(decoded).toEqual({
      params: {
        'path:workspace': 'demo-workspace',
        'query:api-version': '2.0',
        'query:subscription-key': '',
        'query:code': '',
        'header:Ocp-Apim-Subscription-Key': '',
      },
      customHeaders: [
        { name: 'Authorization', value: '' },
        { name: 'X-Trace', value: 't-1' },
      ],
      body: '{"SasBlobToken":"?sv=1&sig=••••••","ConnectionString":"AccountKey=••••••;"}',
    });
    expect(JSON.stringify(decoded)).not.toMatch(/SUBKEY|QKEY|AMLKEY|SECRETSIG|ACCKEY/);
  });

  it('refuses a body above the limit with a message', () => {
    const big = {
      params: {},
      customHeaders: [],
      body: Array.from({ length: 4000 }, (_, i) => `row ${i * 7919}`).join(','),
    };
    const encoded = encodeShareState(big, [], 1024);
    expect(encoded).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^This request is too large for a link: \d+ KB compressed, the limit is 1 KB\. /,
      ),
    });
  });

  it('drops keys a crafted link carries, and rejects damaged payloads', () => {
    const crafted = compressToEncodedURIComponent(
      JSON.stringify({ v: 1, p: { 'header:api-key': 'K' }, h: [['Cookie', 'c=1']] }),
    );
    expect(decodeShareState(crafted)).toEqual({
      params: { 'header:api-key': '' },
      customHeaders: [{ name: 'Cookie', value: '' }],
    });
    expect(decodeShareState('not-a-payload')).toBeUndefined();
    expect(decodeShareState(compressToEncodedURIComponent('{"v":2}'))).toBeUndefined();
  });
});
