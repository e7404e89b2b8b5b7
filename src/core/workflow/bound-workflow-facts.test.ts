import { describe, expect, it } from 'vitest';
import type { ApiDefinition, ApiOperation } from '../definition/api-model';
import { declaredRetryAfter, workflowInputsSchema, workflowSources } from './bound-workflow-facts';
import type { ArazzoDocument, BoundArazzo, BoundSource } from './workflow-types';

const document: ArazzoDocument = {
  arazzo: '1.0.1',
  info: { title: 'T', version: '1' },
  sourceDescriptions: [
    { name: 'storage', url: 'storage.json' },
    { name: 'azureml', url: 'azureml.json' },
  ],
  workflows: [
    {
      workflowId: 'batch',
      inputs: { $ref: '#/components/inputs/batchInputs' },
      steps: [
        {
          stepId: 'status',
          operationId: 'BES_Status',
          onFailure: [
            { name: 'stillRunning', type: 'retry', retryAfter: 1 },
            { reference: '$components.failureActions.waitOutRateLimit' },
          ],
        },
      ],
      failureActions: [{ name: 'fallback', type: 'retry', retryAfter: 30 }],
    },
    { workflowId: 'plain', inputs: { type: 'object' }, steps: [] },
  ],
  components: {
    inputs: { batchInputs: { type: 'object', properties: { workspace: { type: 'string' } } } },
    failureActions: {
      waitOutRateLimit: { name: 'waitOutRateLimit', type: 'retry', retryAfter: 10 },
    },
  },
};

function source(name: string, apiId: string): BoundSource {
  return { name, apiId, definition: { title: name } as ApiDefinition };
}

describe('workflowInputsSchema', () => {
  it('follows a $ref to the components, else takes the schema as written', () => {
    expect(workflowInputsSchema(document, document.workflows[0]!)).toEqual({
      type: 'object',
      properties: { workspace: { type: 'string' } },
    });
    expect(workflowInputsSchema(document, document.workflows[1]!)).toEqual({ type: 'object' });
  });
});

describe('workflowSources', () => {
  const storage = source('storage', 'demo-storage');
  const azureml = source('azureml', 'azureml-demo');
  const blob = source('blob', 'workflow-source:blob');
  const op = {} as ApiOperation;
  const bound: BoundArazzo = {
    document,
    url: 'http://x/a.yaml',
    sources: [storage, azureml, blob],
    steps: new Map([
      [
        'batch',
        [
          { kind: 'operation', step: { stepId: 'sas' }, source: storage, operation: op },
          { kind: 'operation', step: { stepId: 'put' }, source: blob, operation: op },
          { kind: 'operation', step: { stepId: 'submit' }, source: azureml, operation: op },
          { kind: 'operation', step: { stepId: 'start' }, source: azureml, operation: op },
        ],
      ],
      ['plain', []],
    ]),
  };
  const listed = (apiId: string) => apiId === 'azureml-demo' || apiId === 'demo-storage';

  it("puts the portal's APIs first, the most called leading, ties in order of first use", () => {
    expect(workflowSources(bound, 'batch', listed).map((s) => s.name)).toEqual([
      'azureml',
      'storage',
      'blob',
    ]);
    expect(
      workflowSources(bound, 'batch', (id) => id === 'demo-storage').map((s) => s.name),
    ).toEqual(['storage', 'azureml', 'blob']);
    expect(workflowSources(bound, 'batch', () => true).map((s) => s.name)).toEqual([
      'azureml',
      'storage',
      'blob',
    ]);
  });

  it("falls back to the document's sources for a workflow that calls none", () => {
    expect(workflowSources(bound, 'plain', listed)).toHaveLength(3);
  });
});

describe('declaredRetryAfter', () => {
  it("finds the action by name: the step's own, a reusable one, the workflow's", () => {
    expect(declaredRetryAfter(document, 'batch', 'status', 'stillRunning')).toBe(1);
    expect(declaredRetryAfter(document, 'batch', 'status', 'waitOutRateLimit')).toBe(10);
    expect(declaredRetryAfter(document, 'batch', 'status', 'fallback')).toBe(30);
    expect(declaredRetryAfter(document, 'batch', 'status', 'unknown')).toBeUndefined();
    expect(declaredRetryAfter(document, 'other', 'status', 'stillRunning')).toBeUndefined();
  });
});
