import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../../core/definition/api-model';
import {
  checkBody,
  checkHeaderName,
  initialValues,
  isJsonContentType,
  jobIdFromSubmitBody,
  parseSaved,
  splitParameters,
  startingValues,
  toSaved,
  toTryItValues,
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

  it('stores no credential: credential-like parameters left out, keys and SAS masked in the body', () => {
    const fn: ApiOperation = {
      ...op,
      parameters: [
        ...op.parameters,
        { name: 'code', in: 'query', required: false },
        { name: 'x-functions-key', in: 'header', required: false },
      ],
    };
    const values = initialValues(fn, undefined, '');
    values.params = values.params.map((_, i) => ({ value: `v${i}` }));
    values.body = JSON.stringify({
      Inputs: { input1: { ConnectionString: 'AccountName=a;AccountKey=k+/==;' } },
      Outputs: { output1: { SasBlobToken: 'sig=abc&sv=1', BaseLocation: 'https://a/?sv=1&sig=d' } },
    });
    expect(toSaved(fn, values)).toEqual({
      params: {
        'path:workspace': 'v0',
        'path:service': 'v1',
        'query:api-version': 'v2',
        'query:details': 'v3',
        'header:X-Trace': 'v4',
      },
      customHeaders: [],
      body: JSON.stringify({
        Inputs: { input1: { ConnectionString: 'AccountName=a;AccountKey=••••••;' } },
        Outputs: {
          output1: { SasBlobToken: 'sig=••••••&sv=1', BaseLocation: 'https://a/?sv=1&sig=••••••' },
        },
      }),
    });
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
  });
});

describe('isJsonContentType', () => {
  it('matches JSON and +json media types only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('application/problem+json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/csv')).toBe(false);
    expect(isJsonContentType('application/jsonl-ish')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('checkHeaderName', () => {
  it('accepts tokens and the empty name, and explains anything else', () => {
    expect(checkHeaderName('')).toBe(true);
    expect(checkHeaderName('X-Trace_Id.1')).toBe(true);
    expect(checkHeaderName('X Trace')).toBe(
      "A header name may only contain letters, digits and - _ . ! # $ % & ' * + ^ ` | ~",
    );
  });
});

describe('checkBody', () => {
  it('requires a body only when the definition does', () => {
    expect(checkBody('  ', { required: true, json: true })).toBe('The request body is required.');
    expect(checkBody('', { required: false, json: true })).toBe(true);
  });

  it('checks JSON only for a JSON body and says where it breaks', () => {
    expect(checkBody('{"a": 1}', { required: true, json: true })).toBe(true);
    expect(checkBody('not json', { required: true, json: false })).toBe(true);
    expect(checkBody('{\n  "a": }', { required: true, json: true })).toMatch(
      /^Invalid JSON at line 2, column 8: /,
    );
  });
});

describe('startingValues', () => {
  const jobs: ApiOperation = {
    ...op,
    parameters: [{ name: 'jobId', in: 'path', required: true, example: 'example-id' }],
  };

  it('offers the last submitted job id instead of the example', () => {
    expect(startingValues(jobs, undefined, '', 'job-7').params).toEqual([{ value: 'job-7' }]);
    expect(startingValues(jobs, undefined, '', undefined).params).toEqual([
      { value: 'example-id' },
    ]);
  });

  it('keeps a job id the user saved', () => {
    const saved = { params: { 'path:jobId': 'mine' }, customHeaders: [] };
    expect(startingValues(jobs, saved, '', 'job-7').params).toEqual([{ value: 'mine' }]);
  });
});

describe('toTryItValues', () => {
  const withBody: ApiOperation = { ...op, requestBody: { required: false, content: [] } };
  const values = {
    params: [{ value: 'w' }, { value: 's' }, { value: '2.0' }, { value: '' }, { value: 't' }],
    customHeaders: [
      { name: ' ', value: 'dropped' },
      { name: 'X-Kept', value: 'v' },
    ],
    body: '{"a":1}',
  };

  it('drops unnamed header rows and passes the body with its content type', () => {
    expect(toTryItValues(withBody, values, 'application/json')).toEqual({
      path: { workspace: 'w', service: 's' },
      query: { 'api-version': '2.0', details: '' },
      headers: { 'X-Trace': 't' },
      cookies: {},
      customHeaders: [{ name: 'X-Kept', value: 'v' }],
      body: '{"a":1}',
      contentType: 'application/json',
    });
  });

  it('sends no body when it is blank or the operation takes none', () => {
    expect(toTryItValues(withBody, { ...values, body: '  ' }, undefined).body).toBeUndefined();
    expect(toTryItValues(op, values, undefined).body).toBeUndefined();
  });
});
