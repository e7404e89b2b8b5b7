import { describe, expect, it } from 'vitest';
import type { ApiOperation } from './api-model';
import { groupByTag, UNTAGGED, WEBHOOKS } from './group-by-tag';
import { createOperationIndex, filterOperations } from './operation-filter';

const op = (
  slug: string,
  method: ApiOperation['method'],
  path: string,
  summary: string,
  tags: string[],
): ApiOperation => ({
  slug,
  operationId: slug,
  method,
  path,
  summary,
  tags,
  deprecated: false,
  parameters: [],
  responses: [],
  security: [],
});

const ops = [
  op('RRS_Execute', 'post', '/workspaces/{workspace}/services/{service}/execute', 'RRS Execute', [
    'Request-Response',
  ]),
  op('BES_Submit', 'post', '/workspaces/{workspace}/services/{service}/jobs', 'BES Submit', [
    'Batch Execution',
  ]),
  op('BES_Status', 'get', '/workspaces/{workspace}/services/{service}/jobs/{jobid}', 'BES Status', [
    'Batch Execution',
  ]),
  op(
    'BES_Delete',
    'delete',
    '/workspaces/{workspace}/services/{service}/jobs/{jobid}',
    'BES Delete',
    ['Batch Execution'],
  ),
  op('health', 'get', '/health', 'Health', []),
];
const slugs = (list: ApiOperation[]) => list.map((o) => o.slug);

describe('filterOperations', () => {
  const index = createOperationIndex(ops);

  it.each([
    ['', ['RRS_Execute', 'BES_Submit', 'BES_Status', 'BES_Delete', 'health']],
    ['   ', ['RRS_Execute', 'BES_Submit', 'BES_Status', 'BES_Delete', 'health']],
    ['execute', ['RRS_Execute']],
    ['BES', ['BES_Submit', 'BES_Status', 'BES_Delete']],
    ['get', ['BES_Status', 'health']],
    ['delete jobid', ['BES_Delete']],
    ['batch post', ['BES_Submit']],
    ['bes_status', ['BES_Status']],
    ['/jobs/{jobid}', ['BES_Status', 'BES_Delete']],
    ['request-response', ['RRS_Execute']],
    ['"RRS execute"', ['RRS_Execute']],
    ['nothing-matches', []],
  ])('%j -> %j', (query, expected) => {
    expect(slugs(filterOperations(index, query))).toEqual(expected);
  });

  it('finds matches among 2,000 operations', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      op(`op${i}`, 'get', `/r${i}/{id}`, `Operation ${i}`, [`t${i % 40}`]),
    );
    const big = createOperationIndex(many);
    expect(filterOperations(big, 'operation 1999')).toHaveLength(1);
    expect(filterOperations(big, 't7')).toHaveLength(50);
  });
});

describe('groupByTag', () => {
  it('groups in the order of the tags, untagged last, empty groups left out', () => {
    const groups = groupByTag(ops, [
      { name: 'Request-Response', description: 'Sync' },
      { name: 'Batch Execution' },
      { name: 'Unused' },
    ]);
    expect(groups.map((g) => [g.tag, g.description, slugs(g.operations)])).toEqual([
      ['Request-Response', 'Sync', ['RRS_Execute']],
      ['Batch Execution', undefined, ['BES_Submit', 'BES_Status', 'BES_Delete']],
      [UNTAGGED, undefined, ['health']],
    ]);
  });

  it('adds tags the definition did not declare and repeats multi-tag operations', () => {
    const multi = op('x', 'get', '/x', 'X', ['b', 'a']);
    expect(groupByTag([multi], [{ name: 'a' }]).map((g) => [g.tag, slugs(g.operations)])).toEqual([
      ['a', ['x']],
      ['b', ['x']],
    ]);
  });

  it('lists webhooks (calls the API makes to you) in a group of their own, after the rest', () => {
    const hook = {
      ...op('newPet', 'post', 'newPet', 'New pet', ['Request-Response']),
      webhook: true as const,
    };
    const groups = groupByTag([hook, ...ops], [{ name: 'Request-Response' }]);
    expect(groups.map((g) => [g.tag, g.description, g.webhooks, slugs(g.operations)])).toEqual([
      ['Request-Response', undefined, undefined, ['RRS_Execute']],
      ['Batch Execution', undefined, undefined, ['BES_Submit', 'BES_Status', 'BES_Delete']],
      [UNTAGGED, undefined, undefined, ['health']],
      [WEBHOOKS, 'Calls the API makes to your server', true, ['newPet']],
    ]);
  });
});
