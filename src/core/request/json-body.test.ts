import { describe, expect, it } from 'vitest';
import type { ApiOperation, JsonSchema } from '../definition/api-model';
import {
  checkJson,
  EXAMPLE_CUT_KEY,
  EXAMPLE_CUT_TEXT,
  exampleFromSchema,
  formatJson,
  generateExample,
} from './json-body';
import { initialBody } from '../definition/request-body-default';

describe('checkJson', () => {
  it('accepts strict JSON and returns the value', () => {
    expect(checkJson('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', "Expected ',' between values", 3, 3, 13],
    ['{"a": 1,}', 'Trailing commas are not allowed in JSON', 1, 9, 8],
    ['[1, 2,]', 'Trailing commas are not allowed in JSON', 1, 7, 6],
    ['{\n  // note\n  "a": 1\n}', 'Comments are not allowed in JSON', 2, 3, 4],
    ["{'a': 1}", 'Use double quotes (") for strings and property names', 1, 2, 1],
    ['{"a": tru}', 'Unexpected character "t"', 1, 7, 6],
    ['{"a": "x', 'Unterminated string', 1, 7, 6],
    ['{"a": 1} x', 'Unexpected text after the end of the JSON value', 1, 10, 9],
    ['', 'The text is empty', 1, 1, 0],
  ])('reports %j with line and column', (text, message, line, column, offset) => {
    expect(checkJson(text)).toEqual({ ok: false, message, line, column, offset });
  });
});

describe('formatJson', () => {
  it('indents with two spaces and keeps big numbers exactly', () => {
    expect(formatJson('{"a":[1,2],"big":12345678901234567890,"s":"x y"}')).toBe(
      '{\n  "a": [\n    1,\n    2\n  ],\n  "big": 12345678901234567890,\n  "s": "x y"\n}',
    );
  });
});

describe('exampleFromSchema', () => {
  it('prefers example, default, const and enum', () => {
    expect(exampleFromSchema({ type: 'string', example: 'ex', default: 'd' })).toBe('ex');
    expect(exampleFromSchema({ type: 'string', default: 'd' })).toBe('d');
    expect(exampleFromSchema({ const: 3 })).toBe(3);
    expect(exampleFromSchema({ type: 'string', enum: ['NotStarted', 'Running'] })).toBe(
      'NotStarted',
    );
    expect(exampleFromSchema({ type: ['null', 'integer'], minimum: 2.5 })).toBe(3);
  });

  it('builds objects with required properties first, skipping readOnly in requests', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['b'],
      properties: {
        a: { type: 'string', format: 'date-time' },
        id: { type: 'string', readOnly: true },
        b: { type: 'array', items: { type: 'boolean' } },
        m: { type: 'object', additionalProperties: { type: 'number' } },
      },
    };
    const value = exampleFromSchema(schema);
    expect(value).toEqual({ b: [true], a: '2024-01-01T12:00:00Z', m: { key: 0 } });
    expect(Object.keys(value as object)).toEqual(['b', 'a', 'm']);
    expect(exampleFromSchema(schema, { direction: 'response' })).toMatchObject({ id: 'string' });
  });

  it('stops at cycles and at the depth limit', () => {
    const node: JsonSchema = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, JsonSchema>).children = { type: 'array', items: node };
    (node.properties as Record<string, JsonSchema>).parent = node;
    expect(exampleFromSchema(node)).toEqual({ name: 'string', children: [] });
    const deep = (n: number): JsonSchema =>
      n === 0 ? { type: 'string' } : { type: 'object', properties: { x: deep(n - 1) } };
    expect(exampleFromSchema(deep(4), { maxDepth: 2 })).toEqual({ x: { x: {} } });
  });

  it('merges allOf and takes the first of oneOf', () => {
    expect(
      exampleFromSchema({
        allOf: [
          { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
          { properties: { b: { oneOf: [{ type: 'string' }, { type: 'number' }] } } },
        ],
      }),
    ).toEqual({ a: 0, b: 'string' });
  });
});

describe('initialBody', () => {
  const op = (content: NonNullable<ApiOperation['requestBody']>['content']): ApiOperation => ({
    slug: 'x',
    method: 'post',
    path: '/x',
    summary: 'X',
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [],
    security: [],
    requestBody: { required: true, content },
  });

  it('uses the first example, pretty-printed', () => {
    expect(
      initialBody(
        op([{ contentType: 'application/json', examples: [{ name: 'e', value: { Inputs: {} } }] }]),
      ),
    ).toEqual({ contentType: 'application/json', body: '{\n  "Inputs": {}\n}', source: 'example' });
  });

  it('generates from the schema, and keeps text examples as text', () => {
    expect(
      initialBody(
        op([
          {
            contentType: 'application/json',
            schema: { type: 'object', properties: { n: { type: 'integer' } } },
            examples: [],
          },
        ]),
      ),
    ).toEqual({ contentType: 'application/json', body: '{\n  "n": 0\n}', source: 'generated' });
    expect(
      initialBody(
        op([{ contentType: 'text/csv', examples: [{ name: 'csv', value: 'Col2\nhello' }] }]),
        'text/csv',
      ),
    ).toEqual({ contentType: 'text/csv', body: 'Col2\nhello', source: 'example' });
    expect(initialBody({ ...op([]), requestBody: undefined })).toBeUndefined();
  });
});

describe('generateExample budget', () => {
  /** Levels of `width` properties that all point at the same schema of the next level. */
  function sharedLevels(levels: number, width: number): JsonSchema {
    let schema: JsonSchema = { type: 'string' };
    for (let level = 0; level < levels; level++) {
      const properties: Record<string, JsonSchema> = {};
      for (let i = 0; i < width; i++) properties[`p${i}`] = schema;
      schema = { type: 'object', properties };
    }
    return schema;
  }

  it('cuts a schema that expands to millions of values short, with a visible marker', () => {
    const { value, truncated } = generateExample(sharedLevels(9, 5), { maxDepth: 20 });
    const text = JSON.stringify(value, null, 2);
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThan(400_000);
    expect(text).toContain(`"${EXAMPLE_CUT_KEY}": "${EXAMPLE_CUT_TEXT}"`);
    // What the try-it form starts with: 14 MB before there was a budget.
    expect(JSON.stringify(exampleFromSchema(sharedLevels(9, 5)), null, 2).length).toBeLessThan(
      400_000,
    );
  });

  it('stops at the value budget exactly where it ran out', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'integer' },
        c: { type: 'array', items: { type: 'boolean' } },
        d: { type: 'string' },
      },
    };
    // Checked before each property: c starts with 2 values spent and is built whole.
    expect(generateExample(schema, { maxNodes: 3 })).toEqual({
      value: { a: 'string', b: 0, c: [true], [EXAMPLE_CUT_KEY]: EXAMPLE_CUT_TEXT },
      truncated: true,
    });
    expect(generateExample(schema, { maxBytes: 12 })).toEqual({
      value: { a: 'string', [EXAMPLE_CUT_KEY]: EXAMPLE_CUT_TEXT },
      truncated: true,
    });
    expect(generateExample(schema)).toEqual({
      value: { a: 'string', b: 0, c: [true], d: 'string' },
      truncated: false,
    });
  });
});
