import { describe, expect, it } from 'vitest';
import type { ApiDefinition, ApiOperation } from '../definition/api-model';
import { bindSources } from './bind-sources';
import type { ArazzoDocument, AvailableApis } from './workflow-types';

const op = (operationId: string, method: ApiOperation['method'], path: string): ApiOperation => ({
  slug: operationId,
  operationId,
  method,
  path,
  summary: operationId,
  tags: [],
  deprecated: false,
  parameters: [],
  responses: [],
  security: [],
});

const definition = (id: string, title: string, operations: ApiOperation[]): ApiDefinition => ({
  id,
  title,
  version: '1',
  specVersion: 'openapi-3.0',
  servers: [],
  tags: [],
  securitySchemes: {},
  operations,
});

const ml = definition('azureml-demo', 'AzureML Demo API', [
  op('BES_Submit', 'post', '/workspaces/{workspace}/services/{service}/jobs'),
  op('Shared', 'get', '/shared'),
]);
const blob = definition('azure-blob', 'Azure Blob Storage', [
  op('PutBlob', 'put', '/{container}/{blob}'),
  op('Shared', 'get', '/shared'),
]);

function available(): AvailableApis {
  return new Map([
    [
      'https://portal.example/apis/azureml-demo.openapi.json',
      { apiId: 'azureml-demo', definition: ml },
    ],
    ['azure-blob', { apiId: 'azure-blob', definition: blob }],
  ]);
}

const doc = (steps: ArazzoDocument['workflows'][number]['steps']): ArazzoDocument => ({
  arazzo: '1.0.1',
  info: { title: 't', version: '1' },
  sourceDescriptions: [
    { name: 'azureml', url: '../apis/azureml-demo.openapi.json', type: 'openapi' },
    { name: 'azure-blob', url: 'https://elsewhere.example/blob.json' },
  ],
  workflows: [{ workflowId: 'w', steps }],
});

const URL_OF_DOC = 'https://portal.example/workflows/demo.arazzo.yaml';

describe('bindSources', () => {
  it('binds sources by URL, then by name, and steps by operationId and operationPath', () => {
    const result = bindSources(
      doc([
        { stepId: 'submit', operationId: 'BES_Submit' },
        {
          stepId: 'upload',
          operationPath: '{$sourceDescriptions.azure-blob.url}#/paths/~1{container}~1{blob}/put',
        },
        { stepId: 'shared', operationId: '$sourceDescriptions.azure-blob.Shared' },
        { stepId: 'again', workflowId: 'w' },
      ]),
      available(),
      URL_OF_DOC,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bound.sources.map((s) => [s.name, s.apiId])).toEqual([
      ['azureml', 'azureml-demo'],
      ['azure-blob', 'azure-blob'],
    ]);
    expect(
      result.bound.steps
        .get('w')
        ?.map((s) =>
          s.kind === 'operation'
            ? `${s.source.name}:${s.operation.slug}`
            : `workflow:${s.workflowId}`,
        ),
    ).toEqual(['azureml:BES_Submit', 'azure-blob:PutBlob', 'azure-blob:Shared', 'workflow:w']);
  });

  it('names the step of an unknown, ambiguous or malformed operation reference', () => {
    const result = bindSources(
      doc([
        { stepId: 'a', operationId: 'Nope' },
        { stepId: 'b', operationId: 'Shared' },
        { stepId: 'c', operationPath: '#/paths/~1x/get' },
        { stepId: 'd', operationPath: '{$sourceDescriptions.azureml.url}#/paths/~1jobs/get' },
        { stepId: 'e', operationId: '$sourceDescriptions.other.X' },
      ]),
      available(),
      URL_OF_DOC,
    );
    expect(result.ok ? [] : result.errors).toEqual([
      {
        pointer: '/workflows/0/steps/0/operationId',
        message:
          'workflow "w", step "a", operationId: no operation "Nope" in "azureml" (AzureML Demo API), "azure-blob" (Azure Blob Storage)',
      },
      {
        pointer: '/workflows/0/steps/1/operationId',
        message:
          'workflow "w", step "b", operationId: operation "Shared" is in several sources (azureml, azure-blob): write it as $sourceDescriptions.<name>.Shared',
      },
      {
        pointer: '/workflows/0/steps/2/operationPath',
        message:
          'workflow "w", step "c", operationPath: an operationPath is written {$sourceDescriptions.<name>.url}#/paths/<path with / as ~1>/<method>',
      },
      {
        pointer: '/workflows/0/steps/3/operationPath',
        message: 'workflow "w", step "d", operationPath: source "azureml" has no GET /jobs',
      },
      {
        pointer: '/workflows/0/steps/4/operationId',
        message: 'workflow "w", step "e", operationId: there is no source "other"',
      },
    ]);
  });

  it('says which source the portal does not have', () => {
    const result = bindSources(
      doc([{ stepId: 'a', operationId: 'BES_Submit' }]),
      new Map(),
      URL_OF_DOC,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'source "azureml", url: the portal has no API for "../apis/azureml-demo.openapi.json" (source "azureml"): add that definition first',
      'source "azure-blob", url: the portal has no API for "https://elsewhere.example/blob.json" (source "azure-blob"): add that definition first',
      'workflow "w", step "a", operationId: no operation "BES_Submit" in any source',
    ]);
  });
});
