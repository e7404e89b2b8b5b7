import { describe, expect, it } from 'vitest';
import { inputFields, inputValues, isSecretInput, withoutSecrets } from './workflow-input-fields';

const schema = {
  type: 'object',
  required: ['workspace', 'apiKey'],
  properties: {
    workspace: { type: 'string', default: 'demo-ws', description: 'The workspace' },
    apiKey: { type: 'string', default: 'LEAKED' },
    subscription: { type: 'string', format: 'password' },
    pollLimit: { type: 'integer', example: 20 },
    ratio: { type: 'number' },
    verbose: { type: 'boolean' },
    tier: { type: 'string', enum: ['starter', 'unlimited'] },
    body: { type: 'object', default: { a: 1 } },
    names: { type: ['array', 'null'] },
  },
};

describe('inputFields', () => {
  it('makes one field per property, typed, with its default as text and secrets empty', () => {
    const fields = inputFields(schema);
    expect(fields.map((f) => [f.name, f.type, f.required, f.secret, f.initial])).toEqual([
      ['workspace', 'string', true, false, 'demo-ws'],
      ['apiKey', 'string', true, true, ''],
      ['subscription', 'string', false, true, ''],
      ['pollLimit', 'integer', false, false, '20'],
      ['ratio', 'number', false, false, ''],
      ['verbose', 'boolean', false, false, ''],
      ['tier', 'string', false, false, ''],
      ['body', 'object', false, false, '{\n  "a": 1\n}'],
      ['names', 'array', false, false, ''],
    ]);
    expect(fields[0]?.description).toBe('The workspace');
    expect(fields[6]?.choices).toEqual(['starter', 'unlimited']);
  });

  it('has no fields for a workflow without inputs', () => {
    expect(inputFields(undefined)).toEqual([]);
    expect(inputFields({ type: 'object' })).toEqual([]);
  });
});

describe('isSecretInput', () => {
  it('knows keys by the schema or by a name only a credential has', () => {
    expect(isSecretInput('sasToken', {})).toBe(true);
    expect(isSecretInput('clientSecret', {})).toBe(true);
    expect(isSecretInput('subscription_key', {})).toBe(true);
    expect(isSecretInput('anything', { format: 'password' })).toBe(true);
    expect(isSecretInput('anything', { writeOnly: true })).toBe(true);
    expect(isSecretInput('keyword', {})).toBe(false);
    expect(isSecretInput('jobId', {})).toBe(false);
  });
});

describe('inputValues', () => {
  const fields = inputFields(schema);
  it('types each value and leaves empty optional ones out', () => {
    expect(
      inputValues(fields, {
        workspace: 'ws',
        apiKey: 'k',
        pollLimit: ' 7 ',
        verbose: 'true',
        body: '{"x":[1]}',
        names: '["a"]',
        ratio: '',
      }),
    ).toEqual({
      ok: true,
      values: {
        workspace: 'ws',
        apiKey: 'k',
        pollLimit: 7,
        verbose: true,
        body: { x: [1] },
        names: ['a'],
      },
    });
  });

  it('names every field that is missing or not what its type says', () => {
    expect(
      inputValues(fields, {
        workspace: ' ',
        pollLimit: '2.5',
        ratio: 'many',
        verbose: 'yes',
        body: '[1]',
        names: '{',
      }),
    ).toEqual({
      ok: false,
      errors: {
        workspace: 'workspace is required.',
        apiKey: 'apiKey is required.',
        pollLimit: 'pollLimit must be a whole number.',
        ratio: 'ratio must be a number.',
        verbose: 'verbose must be true or false.',
        body: 'body must be a JSON object.',
        names: 'names must be JSON (an array).',
      },
    });
  });
});

describe('withoutSecrets', () => {
  it('drops every secret input, by field and by name', () => {
    const fields = inputFields(schema);
    expect(
      withoutSecrets(fields, { workspace: 'ws', apiKey: 'k', subscription: 's', sasToken: 't' }),
    ).toEqual({ workspace: 'ws' });
  });
});
