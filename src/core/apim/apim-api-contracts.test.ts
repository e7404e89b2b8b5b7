import { describe, expect, it } from 'vitest';
import { parseApiPage, parseExportLink } from './apim-api-contracts';

describe('parseApiPage', () => {
  it('maps the contract, leaves out revisions that are not current, keeps nextLink', () => {
    expect(
      parseApiPage({
        value: [
          {
            name: 'echo',
            properties: {
              displayName: 'Echo API',
              description: 'Says it back',
              path: 'echo',
              serviceUrl: 'http://127.0.0.1:8790',
              isCurrent: true,
            },
          },
          {
            name: 'echo;rev=2',
            properties: { displayName: 'Echo API', path: 'echo', isCurrent: false },
          },
          { name: 'bare', properties: { path: '' } },
        ],
        count: 3,
        nextLink: 'http://127.0.0.1:8791/management/apis?$skip=3',
      }),
    ).toEqual({
      apis: [
        {
          id: 'echo',
          title: 'Echo API',
          description: 'Says it back',
          path: 'echo',
          serviceUrl: 'http://127.0.0.1:8790',
        },
        { id: 'bare', title: 'bare', description: '', path: '' },
      ],
      nextLink: 'http://127.0.0.1:8791/management/apis?$skip=3',
    });
  });

  it.each([
    [{}, '"value" must be a list'],
    [{ value: [1] }, '"value[0]" must be an object'],
    [{ value: [{ properties: { path: 'x' } }] }, '"value[0].name" must be the API id'],
    [{ value: [{ name: 'x' }] }, '"value[0].properties" must be an object'],
    [{ value: [], nextLink: 3 }, '"nextLink" must be a URL'],
  ])('names the field that is wrong (%#)', (json, problem) => {
    expect(() => parseApiPage(json)).toThrow(
      `The API list answer is not what API Management sends: ${problem}.`,
    );
  });
});

describe('parseExportLink', () => {
  it('reads value.link', () => {
    expect(
      parseExportLink({
        id: '/subscriptions/x/apis/echo',
        format: 'openapi+json-link',
        value: { link: 'https://acct.blob.core.windows.net/export/echo.json?sig=x' },
      }),
    ).toBe('https://acct.blob.core.windows.net/export/echo.json?sig=x');
    expect(() => parseExportLink({ value: 'x' })).toThrow(
      'The API export answer is not what API Management sends: "value" must be an object with "link".',
    );
  });
});
