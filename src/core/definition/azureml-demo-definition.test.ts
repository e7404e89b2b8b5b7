import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import type { OpenAPI } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../request/build-request';
import { initialBody } from './request-body-default';
import { loadDefinition } from './load-definition';
import { validateDefinition } from './validate-definition';

const text = readFileSync(
  new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
  'utf8',
);

describe('public/apis/azureml-demo.openapi.json', () => {
  it('is a valid OpenAPI document (swagger-parser: schema and spec rules)', async () => {
    await expect(
      SwaggerParser.validate(JSON.parse(text) as OpenAPI.Document),
    ).resolves.toBeTruthy();
  });

  it("passes the portal's own in-browser validation", async () => {
    expect(await validateDefinition(JSON.parse(text))).toEqual([]);
  });

  it('has the five operations of the APIM tutorial, and the signed-in score', async () => {
    const def = await loadDefinition(
      { text, fileName: 'azureml-demo.openapi.json' },
      { id: 'azureml-demo' },
    );
    expect(def.title).toBe('AzureML Demo API');
    expect(def.warnings).toEqual([]);
    expect(def.tags.map((t) => t.name)).toEqual(['Request-Response', 'Batch Execution']);
    expect(def.operations.map((o) => [o.operationId, o.summary, o.method, o.path])).toEqual([
      ['RRS_Execute', 'RRS Execute', 'post', '/workspaces/{workspace}/services/{service}/execute'],
      [
        'executeSignedIn',
        'Score as a signed-in user',
        'post',
        '/signed-in/workspaces/{workspace}/services/{service}/execute',
      ],
      ['BES_Submit', 'BES Submit', 'post', '/workspaces/{workspace}/services/{service}/jobs'],
      [
        'BES_Start',
        'BES Start',
        'post',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}/start',
      ],
      [
        'BES_Status',
        'BES Status',
        'get',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}',
      ],
      [
        'BES_Delete',
        'BES Delete',
        'delete',
        '/workspaces/{workspace}/services/{service}/jobs/{jobid}',
      ],
    ]);
    expect(def.securitySchemes).toEqual({
      azureml: { id: 'azureml', type: 'http', scheme: 'bearer', description: 'AzureML API key' },
      apimSubscriptionKey: {
        id: 'apimSubscriptionKey',
        type: 'apiKey',
        in: 'header',
        name: 'Ocp-Apim-Subscription-Key',
        description: 'APIM subscription key',
      },
      portico_oidc: {
        id: 'portico_oidc',
        type: 'openIdConnect',
        openIdConnectUrl: 'http://127.0.0.1:8792/.well-known/openid-configuration',
        description:
          "Sign-in with the demo stack's OpenID provider (or any OpenID provider whose tokens the gateway's validate-jwt policy accepts).",
      },
    });
    expect(def.servers).toEqual([
      'http://127.0.0.1:8790',
      'https://YOUR-APIM-NAME.azure-api.net/azureml-demo',
      'https://ussouthcentral.services.azureml.net',
    ]);
    for (const op of def.operations) {
      expect(op.security).toEqual(
        op.operationId === 'executeSignedIn'
          ? [['portico_oidc', 'apimSubscriptionKey']]
          : [['azureml', 'apimSubscriptionKey'], ['azureml']],
      );
      expect(op.responses.map((r) => r.status)).toEqual(
        expect.arrayContaining(['200', '400', '401', '404', '429']),
      );
    }

    const execute = def.operations[0]!;
    expect(
      execute.parameters.map((p) => [p.in, p.name, p.required, p.example ?? p.default]),
    ).toEqual([
      ['path', 'workspace', true, 'demo-workspace'],
      ['path', 'service', true, 'simple-feature-hashing'],
      ['query', 'api-version', true, '2.0'],
      ['query', 'details', false, true],
    ]);
    expect(def.operations[3]!.parameters.map((p) => p.name)).toEqual([
      'workspace',
      'service',
      'jobid',
      'api-version',
    ]);
    expect(
      def.operations.filter((o) => o.parameters.some((p) => p.name === 'details')),
    ).toHaveLength(2);

    const unauthorized = execute.responses.find((r) => r.status === '401')!;
    expect(unauthorized.content[0]!.examples.map((e) => e.value)).toContainEqual({
      statusCode: 401,
      message:
        'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
    });
  });

  it('prefills the tutorial request, which builds the documented call', async () => {
    const def = await loadDefinition({ text });
    const execute = def.operations[0]!;
    const body = initialBody(execute);
    expect(body).toEqual({
      contentType: 'application/json',
      source: 'example',
      body: JSON.stringify(
        {
          Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
          GlobalParameters: {},
        },
        null,
        2,
      ),
    });
    const request = buildRequest(
      execute,
      {
        path: { workspace: 'demo-workspace', service: 'simple-feature-hashing' },
        query: { 'api-version': '2.0', details: 'true' },
        headers: {},
        customHeaders: [],
        body: body!.body,
      },
      {
        baseUrl: 'https://x.azure-api.net/azureml-demo',
        credentials: { azureml: 'k', apimSubscriptionKey: 's' },
      },
      def.securitySchemes,
    );
    expect(request.url).toBe(
      'https://x.azure-api.net/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
    );
    expect(request.headers.map((h) => `${h.name}: ${h.value}`)).toEqual([
      'Authorization: Bearer k',
      'Ocp-Apim-Subscription-Key: s',
      'Content-Type: application/json',
    ]);
    const ok = execute.responses[0]!.content[0]!.examples[0]!.value as {
      Results: { output1: { value: { Values: string[][] } } };
    };
    expect(ok.Results.output1.value.Values[0]).toEqual([
      'This is a good day',
      '1',
      '1',
      '2',
      '2',
      '0',
      '2',
      '0',
      '1',
    ]);
  });
});
