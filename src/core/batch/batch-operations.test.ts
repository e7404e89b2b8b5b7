import { describe, expect, it } from 'vitest';
import type { ApiOperation, ApiParameter } from '../definition/api-model';
import { findBesOperations, hasBesOperations } from './batch-operations';
import { defaultServicePath, stepValues } from './bes-step-values';

const common: ApiParameter[] = [
  { name: 'workspace', in: 'path', required: true, example: 'demo-workspace' },
  { name: 'service', in: 'path', required: true, example: 'simple-feature-hashing' },
  { name: 'api-version', in: 'query', required: true, default: '2.0', example: '2.0' },
];
const jobid: ApiParameter = { name: 'jobid', in: 'path', required: true, example: '539d' };

function op(
  operationId: string,
  method: ApiOperation['method'],
  path: string,
  extra: ApiParameter[] = [],
): ApiOperation {
  return {
    slug: operationId,
    operationId,
    method,
    path,
    summary: operationId.replace('_', ' '),
    tags: [],
    deprecated: false,
    parameters: [...common, ...extra],
    responses: [],
    security: [],
  };
}

const base = '/workspaces/{workspace}/services/{service}/jobs';
const operations = [
  op('RRS_Execute', 'post', '/workspaces/{workspace}/services/{service}/execute', [
    { name: 'details', in: 'query', required: false, default: true },
  ]),
  op('BES_Submit', 'post', base),
  op('BES_Start', 'post', `${base}/{jobid}/start`, [jobid]),
  op('BES_Status', 'get', `${base}/{jobid}`, [
    jobid,
    { name: 'x-ms-client', in: 'header', required: false },
    { name: 'verbose', in: 'query', required: false },
  ]),
  op('BES_Delete', 'delete', `${base}/{jobid}`, [jobid]),
];

describe('findBesOperations', () => {
  it('finds the four operations by operationId', () => {
    const lookup = findBesOperations({ operations });
    expect(lookup.ok && Object.values(lookup.operations).map((o) => o.operationId)).toEqual([
      'BES_Submit',
      'BES_Start',
      'BES_Status',
      'BES_Delete',
    ]);
    expect(hasBesOperations({ operations })).toBe(true);
  });

  it('lists what is missing', () => {
    expect(findBesOperations({ operations: operations.slice(0, 3) })).toEqual({
      ok: false,
      missing: ['BES_Status', 'BES_Delete'],
    });
  });
});

describe('hasBesOperations', () => {
  it('offers batch jobs only with all four BES operations', () => {
    const withIds = (ids: Array<string | undefined>): { operations: ApiOperation[] } => ({
      operations: ids.map((operationId, i) => ({
        ...operations[0]!,
        slug: `op-${i}`,
        operationId,
      })),
    });
    expect(
      hasBesOperations(
        withIds(['RRS_Execute', 'BES_Submit', 'BES_Start', 'BES_Status', 'BES_Delete']),
      ),
    ).toBe(true);
    expect(hasBesOperations(withIds(['BES_Submit', 'BES_Start', 'BES_Status', undefined]))).toBe(
      false,
    );
  });
});

describe('stepValues', () => {
  const lookup = findBesOperations({ operations });
  if (!lookup.ok) throw new Error('fixture');
  const ops = lookup.operations;

  it('starts from the submit examples for workspace and service', () => {
    expect(defaultServicePath(ops)).toEqual({
      workspace: 'demo-workspace',
      service: 'simple-feature-hashing',
    });
  });

  it('fills the path with what the view knows and the query with the prefills', () => {
    expect(stepValues(ops.status, { workspace: 'w', service: 's', jobId: 'abc' })).toEqual({
      path: { workspace: 'w', service: 's', jobid: 'abc' },
      query: { 'api-version': '2.0' },
      headers: {},
    });
    expect(stepValues(ops.submit, { workspace: 'w', service: 's', jobId: 'abc' })).toEqual({
      path: { workspace: 'w', service: 's' },
      query: { 'api-version': '2.0' },
      headers: {},
    });
  });
});
