import { describe, expect, it } from 'vitest';
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { buildRequest, redactRequest, redactUrl } from './build-request';
import { redactSecretsInText } from './redact-request';
import type { TryItValues } from './http-request';
import { encodePathValue, joinUrl } from './url-parts';

const schemes: Record<string, SecurityScheme> = {
  azureml: { id: 'azureml', type: 'http', scheme: 'bearer', description: 'AzureML API key' },
  apimSubscriptionKey: {
    id: 'apimSubscriptionKey',
    type: 'apiKey',
    in: 'header',
    name: 'Ocp-Apim-Subscription-Key',
  },
  queryKey: { id: 'queryKey', type: 'apiKey', in: 'query', name: 'code' },
  cookieKey: { id: 'cookieKey', type: 'apiKey', in: 'cookie', name: 'session' },
  basic: { id: 'basic', type: 'http', scheme: 'basic' },
};

const execute: ApiOperation = {
  slug: 'RRS_Execute',
  operationId: 'RRS_Execute',
  method: 'post',
  path: '/workspaces/{workspace}/services/{service}/execute',
  summary: 'RRS Execute',
  tags: [],
  deprecated: false,
  parameters: [
    { name: 'workspace', in: 'path', required: true },
    { name: 'service', in: 'path', required: true },
    { name: 'api-version', in: 'query', required: true },
    { name: 'details', in: 'query', required: false },
    { name: 'x-ms-client-request-id', in: 'header', required: false },
  ],
  requestBody: { required: true, content: [{ contentType: 'application/json', examples: [] }] },
  responses: [],
  security: [['azureml', 'apimSubscriptionKey'], ['azureml']],
};

const values = (over: Partial<TryItValues> = {}): TryItValues => ({
  path: { workspace: 'demo-workspace', service: 'simple-feature-hashing' },
  query: { 'api-version': '2.0', details: 'true' },
  headers: {},
  customHeaders: [],
  body: '{"Inputs":{}}',
  ...over,
});

const local = { baseUrl: 'http://127.0.0.1:8790', credentials: { azureml: 'k1' } };

describe('buildRequest', () => {
  it('builds the RRS Execute request of the tutorial', () => {
    expect(buildRequest(execute, values(), local, schemes)).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8790/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
      headers: [
        { name: 'Authorization', value: 'Bearer k1', secret: true, schemeId: 'azureml' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      body: '{"Inputs":{}}',
    });
  });

  it('uses both keys behind APIM and keeps the base path', () => {
    const apim = {
      baseUrl: 'https://x.azure-api.net/azureml-demo/',
      credentials: { azureml: 'k1', apimSubscriptionKey: 'sub' },
    };
    const req = buildRequest(
      execute,
      values({ query: { 'api-version': '2.0', details: '' } }),
      apim,
      schemes,
    );
    expect(req.url).toBe(
      'https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0',
    );
    expect(req.headers.slice(0, 2)).toEqual([
      { name: 'Authorization', value: 'Bearer k1', secret: true, schemeId: 'azureml' },
      {
        name: 'Ocp-Apim-Subscription-Key',
        value: 'sub',
        secret: true,
        schemeId: 'apimSubscriptionKey',
      },
    ]);
  });

  it('lets form credentials override the environment and falls back to the first alternative', () => {
    const req = buildRequest(
      execute,
      values({ credentials: { azureml: 'typed' } }),
      local,
      schemes,
    );
    expect(req.headers[0]).toEqual({
      name: 'Authorization',
      value: 'Bearer typed',
      secret: true,
      schemeId: 'azureml',
    });
    const none = buildRequest(execute, values(), { baseUrl: 'http://h', credentials: {} }, schemes);
    expect(none.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
  });

  it.each([
    ['../x', '/workspaces/..%2Fx/services/s/execute'],
    ['a b', '/workspaces/a%20b/services/s/execute'],
    ['a/b', '/workspaces/a%2Fb/services/s/execute'],
    ['..', '/workspaces/%252E%252E/services/s/execute'],
    ['.', '/workspaces/%252E/services/s/execute'],
    ['%2e%2e', '/workspaces/%252e%252e/services/s/execute'],
    ['a?b#c', '/workspaces/a%3Fb%23c/services/s/execute'],
  ])('never lets the workspace %j change the path shape', (workspace, pathname) => {
    const req = buildRequest(
      execute,
      values({ path: { workspace, service: 's' } }),
      local,
      schemes,
    );
    const parsed = new URL(req.url);
    expect(parsed.pathname).toBe(pathname);
    expect(parsed.search).toBe('?api-version=2.0&details=true');
  });

  it('encodes query values and serialises arrays per style and explode', () => {
    const op: ApiOperation = {
      ...execute,
      method: 'get',
      path: '/search',
      requestBody: undefined,
      security: [],
      parameters: [
        { name: 'q', in: 'query', required: true },
        { name: 'ids', in: 'query', required: false, schema: { type: 'array' } },
        { name: 'tags', in: 'query', required: false, schema: { type: 'array' }, explode: false },
        {
          name: 'pipes',
          in: 'query',
          required: false,
          schema: { type: 'array' },
          style: 'pipeDelimited',
        },
        { name: 'empty', in: 'query', required: false },
      ],
    };
    const req = buildRequest(
      op,
      values({
        path: {},
        query: {
          q: 'a&b=c d',
          ids: '1, 2',
          tags: '["x","y"]',
          pipes: 'p,q',
          empty: '',
          extra: 'é',
        },
      }),
      { baseUrl: 'https://api.example.com', credentials: {} },
      schemes,
    );
    expect(req.url).toBe(
      'https://api.example.com/search?q=a%26b%3Dc%20d&ids=1&ids=2&tags=x%2Cy&pipes=p%7Cq&extra=%C3%A9',
    );
    expect(req.body).toBeUndefined();
    expect(req.headers).toEqual([]);
  });

  it('builds headers, cookies, custom headers and query/cookie/basic credentials', () => {
    const op: ApiOperation = {
      ...execute,
      parameters: [
        ...execute.parameters,
        { name: 'Content-Type', in: 'header', required: false },
        { name: 'X-Functions-Key', in: 'header', required: false },
        { name: 'lang', in: 'cookie', required: false },
      ],
      security: [['queryKey', 'cookieKey', 'basic']],
    };
    const req = buildRequest(
      op,
      values({
        headers: {
          'x-ms-client-request-id': 'r1',
          'Content-Type': 'text/evil',
          'X-Functions-Key': 'fk',
        },
        cookies: { lang: 'en gb' },
        customHeaders: [
          { name: 'X-Custom', value: 'v' },
          { name: '  ', value: 'ignored' },
          { name: 'content-type', value: 'application/json; charset=utf-8' },
          { name: 'X-Api-Key', value: 'shh' },
        ],
        contentType: 'text/csv',
      }),
      {
        baseUrl: 'http://h/',
        credentials: { queryKey: 'q s', cookieKey: 'c1', basic: 'user:pässword' },
      },
      schemes,
    );
    expect(req.url).toBe(
      'http://h/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true&code=q%20s',
    );
    expect(req.secretQuery).toEqual(['code']);
    expect(req.headers).toEqual([
      { name: 'x-ms-client-request-id', value: 'r1' },
      { name: 'X-Functions-Key', value: 'fk', secret: true },
      {
        name: 'Authorization',
        value: 'Basic dXNlcjpww6Rzc3dvcmQ=',
        secret: true,
        schemeId: 'basic',
      },
      { name: 'Cookie', value: 'lang=en%20gb; session=c1', secret: true },
      { name: 'X-Custom', value: 'v' },
      { name: 'content-type', value: 'application/json; charset=utf-8' },
      { name: 'X-Api-Key', value: 'shh', secret: true },
    ]);
  });

  it('keeps a header masked when a custom header of the same name replaces a credential', () => {
    // "X-Tenant" is no secret by its name: it is one because the scheme sends a key in it.
    const withTenant = {
      ...schemes,
      tenant: { id: 'tenant', type: 'apiKey', in: 'header', name: 'X-Tenant' },
    } as const;
    const req = buildRequest(
      { ...execute, security: [['tenant']] },
      values({ customHeaders: [{ name: 'x-tenant', value: 'typed-by-hand' }] }),
      { baseUrl: 'http://h/', credentials: { tenant: 'k1' } },
      withTenant,
    );
    expect(req.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'x-tenant', value: 'typed-by-hand', secret: true },
    ]);
  });

  it('sends no body for GET and none when the body is empty', () => {
    const get = { ...execute, method: 'get' as const };
    expect(buildRequest(get, values(), local, schemes).body).toBeUndefined();
    const empty = buildRequest(execute, values({ body: '' }), local, schemes);
    expect(empty.body).toBeUndefined();
    expect(empty.headers.map((h) => h.name)).toEqual(['Authorization']);
  });
});

describe('redaction', () => {
  it('masks secret headers and secret query values', () => {
    const req = buildRequest(
      { ...execute, security: [['azureml', 'queryKey']] },
      values(),
      { baseUrl: 'http://h', credentials: { azureml: 'k1', queryKey: 'abc' } },
      schemes,
    );
    const safe = redactRequest(req);
    expect(safe.url).toBe(
      'http://h/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true&code=••••••',
    );
    expect(safe.headers[0]).toEqual({
      name: 'Authorization',
      value: 'Bearer ••••••',
      secret: true,
      schemeId: 'azureml',
    });
    expect(req.headers[0]?.value).toBe('Bearer k1');
  });

  it('redactUrl masks named parameters and credential-like ones', () => {
    expect(redactUrl('https://a/b?x=1&Mode=2&sig=3#frag', ['mode'])).toBe(
      'https://a/b?x=1&Mode=••••••&sig=••••••#frag',
    );
    expect(
      redactRequest({
        method: 'GET',
        url: 'https://acct.blob/c?sv=1&sig=abc%2B&subscription-key=k',
        headers: [],
      }).url,
    ).toBe('https://acct.blob/c?sv=1&sig=••••••&subscription-key=••••••');
    expect(redactUrl('https://a/b', ['code'])).toBe('https://a/b');
  });
});

describe('redactSecretsInText', () => {
  it('masks storage account keys and SAS signatures in bodies', () => {
    const body = JSON.stringify({
      Inputs: {
        input1: {
          ConnectionString:
            'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc+/==;EndpointSuffix=core.windows.net',
          RelativeLocation: '/c/in.csv',
        },
      },
      Outputs: { output1: { SasBlobToken: '?sv=2025-01-05&sr=c&sig=xyz%2B1&sp=racwl' } },
    });
    expect(redactSecretsInText(body)).toBe(
      JSON.stringify({
        Inputs: {
          input1: {
            ConnectionString:
              'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=••••••;EndpointSuffix=core.windows.net',
            RelativeLocation: '/c/in.csv',
          },
        },
        Outputs: { output1: { SasBlobToken: '?sv=2025-01-05&sr=c&sig=••••••&sp=racwl' } },
      }),
    );
    expect(
      redactRequest({ method: 'POST', url: 'https://h/', headers: [], body }).body,
    ).not.toContain('abc+/==');
  });
});

describe('url parts', () => {
  it('joins base URLs and paths with one slash', () => {
    expect(joinUrl('https://x.azure-api.net/azureml-demo', '/jobs')).toBe(
      'https://x.azure-api.net/azureml-demo/jobs',
    );
    expect(joinUrl('https://x/', 'jobs')).toBe('https://x/jobs');
    expect(joinUrl('https://x//', '//jobs')).toBe('https://x/jobs');
    expect(joinUrl('https://x', '/')).toBe('https://x/');
  });

  it('encodes path values', () => {
    expect(encodePathValue('ünï code')).toBe('%C3%BCn%C3%AF%20code');
    expect(encodePathValue('...')).toBe('...');
  });
});

describe('buildRequest for a webhook', () => {
  const newPet: ApiOperation = {
    slug: 'webhook-post-newPet',
    method: 'post',
    path: 'newPet',
    summary: 'newPet',
    tags: [],
    deprecated: false,
    webhook: true,
    parameters: [{ name: 'X-Event-Id', in: 'header', required: false }],
    requestBody: { required: true, content: [{ contentType: 'application/json', examples: [] }] },
    responses: [],
    security: [],
  };

  it("goes to the receiver's URL as typed: a webhook's name is not a path", () => {
    const request = buildRequest(
      newPet,
      { path: {}, query: {}, headers: { 'X-Event-Id': 'e1' }, customHeaders: [], body: '{"id":7}' },
      { baseUrl: 'http://127.0.0.1:9/hooks/pets?via=portico', credentials: {} },
      {},
    );
    expect(request).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:9/hooks/pets?via=portico',
      headers: [
        { name: 'X-Event-Id', value: 'e1' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      body: '{"id":7}',
    });
  });
});
