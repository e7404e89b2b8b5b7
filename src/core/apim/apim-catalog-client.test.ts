import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../definition/definition-error';
import { describeError } from '../errors/describe-error';
import {
  apimAccess,
  apimExportLink,
  exportLinkFailure,
  listApimApis,
  type ApimAccess,
} from './apim-catalog-client';
import { ApimCatalogError } from './apim-catalog-error';
import { fetchInputUrl } from '../util/fetch-input-url';

const LOCAL = 'http://127.0.0.1:8791/management';
const ARM =
  'https://management.azure.com/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso';

const local: ApimAccess = {
  managementUrl: LOCAL,
  secret: 'admin-key',
  credential: 'demo-admin-key',
  arm: false,
};
const arm: ApimAccess = { managementUrl: ARM, secret: 'eyJ0eXAi', credential: 'token', arm: true };

const api = (name: string, path: string, extra: Record<string, unknown> = {}) => ({
  id: `/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso/apis/${name}`,
  type: 'Microsoft.ApiManagement/service/apis',
  name,
  properties: { displayName: name.toUpperCase(), path, isCurrent: true, ...extra },
});

/** A fetch that answers from `pages` by URL and records what it was asked. */
function recorder(answer: (url: URL) => Response) {
  const calls: Array<{ url: string; authorization: string | null }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(fetchInputUrl(input));
    calls.push({ url: url.href, authorization: new Headers(init?.headers).get('Authorization') });
    return answer(url);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ApimCatalogError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApimCatalogError);
  return error as ApimCatalogError;
}

describe('apimAccess', () => {
  it('uses the demo admin key when the served config carries one, else the pasted token', () => {
    expect(
      apimAccess(
        {
          kind: 'apim',
          managementUrl: LOCAL,
          gatewayUrl: 'http://127.0.0.1:8791',
          environmentTemplate: 'local-demo',
          demoAdminKey: 'admin-key',
        },
        'ignored',
      ),
    ).toEqual(local);
    expect(
      apimAccess(
        {
          kind: 'apim',
          managementUrl: ARM,
          gatewayUrl: 'https://contoso.azure-api.net',
          environmentTemplate: 'apim',
        },
        ' Bearer eyJ0eXAi ',
      ),
    ).toEqual(arm);
  });

  it('asks for a token when there is none', () => {
    let error: unknown;
    try {
      apimAccess(
        {
          kind: 'apim',
          managementUrl: ARM,
          gatewayUrl: 'https://contoso.azure-api.net',
          environmentTemplate: 'apim',
        },
        '',
      );
    } catch (e) {
      error = e;
    }
    expect(describeError(error)).toEqual({
      title: 'A token is needed to list the APIs',
      message:
        'The APIs come from API Management at https://management.azure.com, which needs an access token to list them.',
      hint: 'Paste a token from az account get-access-token --resource https://management.azure.com --query accessToken -o tsv (it needs the API Management Service Reader role).',
    });
  });
});

describe('listApimApis', () => {
  it('asks for current revisions, follows nextLink on the same origin and maps each API', async () => {
    const { calls, fetchImpl } = recorder((url) =>
      url.searchParams.get('$skip') === '1'
        ? json({
            value: [
              api('echo', '/echo/', { description: 'Echoes', serviceUrl: 'http://backend/echo' }),
              api('echo;rev=2', 'echo', { isCurrent: false }),
            ],
            count: 3,
            nextLink: 'https://elsewhere.example/apis?$skip=2',
          })
        : json({
            value: [api('azureml-demo', 'azureml-demo', { displayName: 'AzureML Demo API' })],
            count: 3,
            nextLink: `${ARM}/apis?$filter=isCurrent%20eq%20true&$top=100&$skip=1`,
          }),
    );
    expect(await listApimApis(arm, { fetch: fetchImpl })).toEqual([
      { id: 'azureml-demo', title: 'AzureML Demo API', description: '', path: 'azureml-demo' },
      {
        id: 'echo',
        title: 'ECHO',
        description: 'Echoes',
        path: 'echo',
        serviceUrl: 'http://backend/echo',
      },
    ]);
    expect(calls).toEqual([
      {
        url: `${ARM}/apis?%24filter=isCurrent+eq+true&%24top=100&api-version=2022-08-01`,
        authorization: 'Bearer eyJ0eXAi',
      },
      // The nextLink, with the api-version ARM wants added.
      {
        url: `${ARM}/apis?%24filter=isCurrent+eq+true&%24top=100&%24skip=1&api-version=2022-08-01`,
        authorization: 'Bearer eyJ0eXAi',
      },
    ]);
  });

  it('lists an API at the gateway root with the path ""', async () => {
    const { fetchImpl } = recorder(() => json({ value: [api('root', '')], count: 1 }));
    expect(await listApimApis(local, { fetch: fetchImpl })).toEqual([
      { id: 'root', title: 'ROOT', description: '', path: '' },
    ]);
  });

  it('says an expired ARM token must be pasted again, naming the origin', async () => {
    const { fetchImpl } = recorder(() =>
      json(
        {
          error: {
            code: 'ExpiredAuthenticationToken',
            message: 'The access token expiry UTC time is earlier than current UTC time.',
          },
        },
        401,
      ),
    );
    const error = await failure(listApimApis(arm, { fetch: fetchImpl }));
    expect(error.status).toBe(401);
    expect(describeError(error)).toEqual({
      title: 'API Management refused the credential',
      message:
        'API Management at https://management.azure.com refused the token (401): The access token expiry UTC time is earlier than current UTC time.',
      hint: 'Tokens last about an hour: paste a new token from az account get-access-token --resource https://management.azure.com --query accessToken -o tsv. It needs read access to the API Management service (the API Management Service Reader role).',
    });
  });

  it('says a refused demo admin key needs the stack restarted', async () => {
    const { fetchImpl } = recorder(() =>
      json({ error: { code: 'Unauthorized', message: 'Unauthorized' } }, 403),
    );
    expect(describeError(await failure(listApimApis(local, { fetch: fetchImpl })))).toEqual({
      title: 'API Management refused the credential',
      message: 'API Management at http://127.0.0.1:8791 refused the admin key (403): Unauthorized',
      hint: "The demo stack's admin key was refused: restart it with npm start, and reload the page.",
    });
  });

  it('says which origin must allow the portal when the request fails before an answer', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(
      describeError(
        await failure(
          listApimApis(local, { fetch: fetchImpl, portalOrigin: 'http://127.0.0.1:5173' }),
        ),
      ),
    ).toEqual({
      title: 'API Management could not be reached',
      message:
        'The API list at http://127.0.0.1:8791 could not be reached: the request failed before any answer.',
      hint: "Is the gateway running (npm start)? http://127.0.0.1:8791 must allow this portal's origin (http://127.0.0.1:5173) by CORS.",
    });
  });

  it('names the configuration field on a 404 and on an answer that is not a list', async () => {
    const notFound = recorder(() =>
      json({ error: { code: 'ResourceNotFound', message: 'Not here' } }, 404),
    );
    expect(describeError(await failure(listApimApis(arm, { fetch: notFound.fetchImpl })))).toEqual({
      title: 'Not found in API Management',
      message: `API Management has no API list at https://management.azure.com${new URL(ARM).pathname}/apis (Not here).`,
      hint: 'Check apiSource.managementUrl in portico.config.json: the subscription, resource group and service name.',
    });
    const html = recorder(() => new Response('<html></html>', { status: 200 }));
    expect((await failure(listApimApis(local, { fetch: html.fetchImpl }))).failure).toBe(
      'contract',
    );
    const shape = recorder(() => json({ value: [{ name: 'x', properties: {} }] }));
    expect((await failure(listApimApis(local, { fetch: shape.fetchImpl }))).message).toBe(
      'The API list answer is not what API Management sends: "value[0].properties.path" must be a string.',
    );
  });
});

describe('apimExportLink', () => {
  it('asks for the OpenAPI JSON export and returns its link', async () => {
    const link =
      'http://127.0.0.1:10000/devstoreaccount1/api-export/1/echo.openapi.json?sv=2026-04-06&sp=r&sig=abc';
    const { calls, fetchImpl } = recorder(() =>
      json({ id: '/subscriptions/s/apis/echo', format: 'openapi+json-link', value: { link } }),
    );
    expect(await apimExportLink(local, 'echo', { fetch: fetchImpl })).toBe(link);
    expect(calls).toEqual([
      {
        url: `${LOCAL}/apis/echo?format=openapi%2Bjson-link&export=true&api-version=2022-08-01`,
        authorization: 'Bearer admin-key',
      },
    ]);
  });

  it('says an API that is gone was deleted or renamed', async () => {
    const { fetchImpl } = recorder(() =>
      json({ error: { code: 'ResourceNotFound', message: 'Api not found.' } }, 404),
    );
    expect(
      describeError(await failure(apimExportLink(local, 'gone', { fetch: fetchImpl }))),
    ).toEqual({
      title: 'Not found in API Management',
      message: 'API Management no longer publishes the API "gone" (Api not found.).',
      hint: 'It may have been deleted or renamed: reload the page for the current list.',
    });
  });

  it('refuses an export without an http(s) link', async () => {
    const { fetchImpl } = recorder(() => json({ id: 'x', value: {} }));
    expect((await failure(apimExportLink(local, 'x', { fetch: fetchImpl }))).message).toBe(
      'The API export answer is not what API Management sends: "value.link" must be an http(s) URL.',
    );
  });
});

describe('exportLinkFailure', () => {
  const link = 'http://127.0.0.1:10000/devstoreaccount1/api-export/1/echo.openapi.json?sig=abc';

  it('says an expired or refused link is fetched anew by Try again', () => {
    const error = exportLinkFailure(
      new DefinitionError(
        'Could not fetch the definition from http://127.0.0.1:10000/devstoreaccount1/api-export/1/echo.openapi.json?sig=REDACTED: HTTP 403 Forbidden',
      ),
      link,
    );
    expect(describeError(error)).toEqual({
      title: "The API's definition could not be read",
      message: 'The exported definition could not be read from http://127.0.0.1:10000: HTTP 403.',
      hint: 'Export links last a few minutes: Try again asks API Management for a new one.',
    });
  });

  it('names storage CORS when the link could not be fetched at all', () => {
    const error = exportLinkFailure(
      new DefinitionError(
        'Could not fetch the definition from x: the request failed before any response',
      ),
      link,
    );
    expect(describeError(error).hint).toBe(
      "The link is Azure Storage, read by SAS: its account must allow this portal's origin by CORS (GET).",
    );
  });

  it('leaves a definition that does not parse as it is', () => {
    const parse = new DefinitionError('The definition is not JSON or YAML');
    expect(exportLinkFailure(parse, link)).toBe(parse);
  });
});
