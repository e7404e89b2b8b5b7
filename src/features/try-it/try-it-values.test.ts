import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../../core/api-model';
import {
  initialValues,
  jobIdFromSubmitBody,
  parseSaved,
  rememberJobId,
  splitParameters,
  toSaved,
} from './try-it-values';

const op: ApiOperation = {
  slug: 'RRS_Execute',
  operationId: 'RRS_Execute',
  method: 'post',
  path: '/workspaces/{workspace}/services/{service}/execute',
  summary: 'RRS Execute',
  tags: [],
  deprecated: false,
  parameters: [
    { name: 'workspace', in: 'path', required: true, example: 'demo-workspace' },
    { name: 'service', in: 'path', required: true, example: 'simple-feature-hashing' },
    { name: 'api-version', in: 'query', required: true, default: '2.0' },
    { name: 'details', in: 'query', required: false, default: true },
    { name: 'X-Trace', in: 'header', required: false },
  ],
  responses: [],
  security: [],
};

describe('try-it values', () => {
  it('prefills from defaults and examples', () => {
    expect(initialValues(op, undefined, '{}')).toEqual({
      params: [
        { value: 'demo-workspace' },
        { value: 'simple-feature-hashing' },
        { value: '2.0' },
        { value: 'true' },
        { value: '' },
      ],
      customHeaders: [],
      body: '{}',
    });
  });

  it('round-trips through storage by parameter name and drops secret header values', () => {
    const values = initialValues(op, undefined, '{"a":1}');
    values.params[0] = { value: 'ws' };
    values.customHeaders = [
      { name: 'X-Api-Key', value: 'secret' },
      { name: 'X-Trace-Id', value: 'abc' },
    ];
    const saved = toSaved(op, values);
    expect(saved.customHeaders).toEqual([
      { name: 'X-Api-Key', value: '' },
      { name: 'X-Trace-Id', value: 'abc' },
    ]);
    const restored = initialValues(op, parseSaved(JSON.stringify(saved)), 'ignored');
    expect(restored.params[0]).toEqual({ value: 'ws' });
    expect(restored.body).toBe('{"a":1}');
    expect(parseSaved('{oops')).toBeUndefined();
  });

  it('splits values by parameter location', () => {
    expect(splitParameters(op, initialValues(op, undefined, ''))).toEqual({
      path: { workspace: 'demo-workspace', service: 'simple-feature-hashing' },
      query: { 'api-version': '2.0', details: 'true' },
      headers: { 'X-Trace': '' },
      cookies: {},
    });
  });

  it('reads the job id of a BES Submit answer and keeps the newest first', () => {
    expect(jobIdFromSubmitBody('"539d0bc2fde945b6ac986b851d0000f0"')).toBe(
      '539d0bc2fde945b6ac986b851d0000f0',
    );
    expect(jobIdFromSubmitBody('{"error":{}}')).toBeUndefined();
    expect(jobIdFromSubmitBody('"../../x"')).toBeUndefined();
    expect(rememberJobId(['a', 'b'], 'b')).toEqual(['b', 'a']);
  });
});
