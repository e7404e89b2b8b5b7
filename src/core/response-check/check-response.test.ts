import { describe, expect, it } from 'vitest';
import type { ApiOperation, ApiResponse, JsonSchema } from '../definition/api-model';
import { checkResponse, type CheckedResponse } from './check-response';

const json = (
  value: unknown,
  contentType = 'application/json; charset=utf-8',
): CheckedResponse => ({
  status: 200,
  headers: [['Content-Type', contentType]],
  body: new TextEncoder().encode(JSON.stringify(value)),
});

function op(...responses: ApiResponse[]): Pick<ApiOperation, 'responses'> {
  return { responses };
}

function ok(schema: JsonSchema, status = '200', contentType = 'application/json'): ApiResponse {
  return { status, content: [{ contentType, schema, examples: [] }], headers: [] };
}

const V30 = { specVersion: 'openapi-3.0' } as const;
const V31 = { specVersion: 'openapi-3.1' } as const;

const job = {
  type: 'object',
  required: ['id', 'status'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['NotStarted', 'Running', 'Finished'] },
    results: {
      type: 'object',
      properties: {
        output1: {
          type: 'object',
          properties: { RelativeLocation: { type: 'string' }, Size: { type: 'integer' } },
        },
      },
    },
  },
};

describe('checkResponse: schema mismatches', () => {
  it('says a body that fits matches, naming what it was checked against', () => {
    expect(checkResponse(op(ok(job)), json({ id: 'j1', status: 'Running' }), V30)).toEqual({
      kind: 'matches',
      declared: { status: '200', contentType: 'application/json' },
    });
  });

  it('reports a nested type mismatch with its JSON pointer, what was expected and what came', () => {
    const body = { id: 'j1', status: 'Finished', results: { output1: { Size: '12' } } };
    expect(checkResponse(op(ok(job)), json(body), V30)).toEqual({
      kind: 'mismatches',
      declared: { status: '200', contentType: 'application/json' },
      issues: [
        {
          pointer: '/results/output1/Size',
          expected: 'type integer',
          actual: 'string "12"',
          keyword: 'type',
        },
      ],
      total: 1,
    });
  });

  it('reports a missing required property at the pointer where it should be', () => {
    const result = checkResponse(op(ok(job)), json({ status: 'Running' }), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      {
        pointer: '/id',
        expected: 'required property "id"',
        actual: 'missing',
        keyword: 'required',
      },
    ]);
  });

  it('reports a value outside an enum with the allowed values', () => {
    const result = checkResponse(op(ok(job)), json({ id: 'j', status: 'Done' }), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      {
        pointer: '/status',
        expected: 'one of "NotStarted", "Running", "Finished"',
        actual: 'string "Done"',
        keyword: 'enum',
      },
    ]);
  });

  it('reports a property additionalProperties: false does not allow', () => {
    const result = checkResponse(
      op(ok(job)),
      json({ id: 'j', status: 'Running', extra: [1, 2] }),
      V30,
    );
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      {
        pointer: '/extra',
        expected: 'no property of this name (additionalProperties: false)',
        actual: 'array of 2 items',
        keyword: 'additionalProperties',
      },
    ]);
  });

  it('sums up a failed oneOf as one mismatch, not each alternative', () => {
    const schema = {
      type: 'object',
      properties: {
        value: { oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] },
        code: { oneOf: [{ type: 'number' }, { type: 'integer' }] },
      },
    };
    const result = checkResponse(op(ok(schema)), json({ value: -3, code: 4 }), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      {
        pointer: '/value',
        expected: 'exactly one of 2 alternatives (oneOf)',
        actual: 'integer -3',
        keyword: 'oneOf',
      },
      {
        pointer: '/code',
        expected: 'exactly one of 2 alternatives (oneOf)',
        actual: 'integer 4 (matches 2 of them)',
        keyword: 'oneOf',
      },
    ]);
  });

  it("reports a failed oneOf's alternative that its discriminator names, with that alternative's own mismatches", () => {
    const cat = {
      type: 'object',
      required: ['petType', 'lives'],
      properties: { petType: { type: 'string', enum: ['cat'] }, lives: { type: 'integer' } },
    };
    const dog = {
      type: 'object',
      required: ['petType', 'bark'],
      properties: { petType: { type: 'string', enum: ['dog'] }, bark: { type: 'boolean' } },
    };
    const discriminator = { propertyName: 'petType' };
    const schema = {
      type: 'array',
      items: { oneOf: [cat, dog], discriminator },
    };
    const body = [
      { petType: 'dog', bark: 'loud' },
      { petType: 'cat', lives: 9 },
      { petType: 'cow' },
    ];
    const result = checkResponse(op(ok(schema)), json(body), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      { pointer: '/0/bark', expected: 'type boolean', actual: 'string "loud"', keyword: 'type' },
      {
        pointer: '/2',
        expected: 'exactly one of 2 alternatives (oneOf)',
        actual: 'object with petType',
        keyword: 'oneOf',
      },
    ]);
    // The definition's own discriminator object is left as it was.
    expect(Object.getOwnPropertyNames(discriminator)).toEqual(['propertyName']);
  });

  it('points into arrays by index and lists every mismatch, capped at maxIssues with the total', () => {
    const schema = { type: 'array', items: { type: 'object', required: ['n'] } };
    const result = checkResponse(op(ok(schema)), json([{}, { n: 1 }, {}, {}]), {
      ...V30,
      maxIssues: 2,
    });
    expect(result.kind === 'mismatches' && result.issues.map((i) => i.pointer)).toEqual([
      '/0/n',
      '/2/n',
    ]);
    expect(result.kind === 'mismatches' && result.total).toBe(3);
  });

  it('escapes "/" and "~" in pointers', () => {
    const schema = { type: 'object', properties: { 'a/b~c': { type: 'string' } } };
    const result = checkResponse(op(ok(schema)), json({ 'a/b~c': 1 }), V30);
    expect(result.kind === 'mismatches' && result.issues[0]?.pointer).toBe('/a~1b~0c');
  });

  it('says a JSON media type whose body is not JSON is a mismatch of the whole body', () => {
    const result = checkResponse(
      op(ok({ type: 'object' })),
      { status: 200, headers: [['content-type', 'application/json']], body: 'Bad gateway' },
      V30,
    );
    expect(result).toMatchObject({
      kind: 'mismatches',
      issues: [{ pointer: '', expected: 'a JSON body (application/json)', keyword: 'json' }],
    });
  });
});

describe('checkResponse: OpenAPI dialects', () => {
  it('3.0: nullable allows null, with or without a type, and in an enum', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', nullable: true },
        b: { allOf: [{ type: 'object' }], nullable: true },
        c: { type: 'string', enum: ['x'], nullable: true },
        d: { type: 'string', example: 'not a keyword', discriminator: { propertyName: 'k' } },
      },
    };
    expect(
      checkResponse(op(ok(schema)), json({ a: null, b: null, c: null, d: 's' }), V30).kind,
    ).toBe('matches');
    const result = checkResponse(op(ok({ type: 'string' })), json(null), V30);
    expect(result.kind === 'mismatches' && result.issues[0]?.actual).toBe('null');
  });

  it('3.0: a nullable schema without a type (nullable + allOf) reports its own mismatches', () => {
    const node: JsonSchema = {
      nullable: true,
      allOf: [{ type: 'object', properties: { v: { type: 'integer' } } }],
      properties: {},
    };
    (node.properties as JsonSchema).next = node;
    expect(checkResponse(op(ok(node)), json({ v: 1, next: { v: 2, next: null } }), V30).kind).toBe(
      'matches',
    );
    const result = checkResponse(op(ok(node)), json({ v: 1, next: { v: 'x', next: null } }), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      { pointer: '/next/v', expected: 'type integer', actual: 'string "x"', keyword: 'type' },
    ]);
  });

  it('3.0: exclusiveMinimum is the boolean of draft 4', () => {
    const schema = { type: 'number', minimum: 0, exclusiveMinimum: true };
    const result = checkResponse(op(ok(schema)), json(0), V30);
    expect(result.kind === 'mismatches' && result.issues[0]?.expected).toBe('more than 0');
  });

  it('3.1: JSON Schema 2020-12 (type arrays, numeric exclusiveMinimum, const)', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { type: 'number', exclusiveMinimum: 1 },
        c: { const: 'fixed' },
      },
    };
    expect(checkResponse(op(ok(schema)), json({ a: null, b: 2, c: 'fixed' }), V31).kind).toBe(
      'matches',
    );
    const result = checkResponse(op(ok(schema)), json({ a: 1, b: 1, c: 'other' }), V31);
    expect(result.kind === 'mismatches' && result.issues.map((i) => i.expected)).toEqual([
      'type string or null',
      'more than 1',
      'exactly "fixed"',
    ]);
  });

  it('validates a recursive schema (resolved into a circular object) to any depth', () => {
    const node: JsonSchema = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' } },
    };
    (node.properties as JsonSchema).children = { type: 'array', items: node };
    const body = { name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] };
    const result = checkResponse(op(ok(node)), json(body), V30);
    expect(result.kind === 'mismatches' && result.issues).toEqual([
      {
        pointer: '/children/0/children/0/name',
        expected: 'type string',
        actual: 'integer 3',
        keyword: 'type',
      },
    ]);
  });

  it('does not require writeOnly properties in a response', () => {
    const schema = {
      type: 'object',
      required: ['password', 'id'],
      properties: { id: { type: 'string' }, password: { type: 'string', writeOnly: true } },
    };
    expect(checkResponse(op(ok(schema)), json({ id: 'x' }), V30).kind).toBe('matches');
  });
});

describe('checkResponse: status and content type', () => {
  const responses = op(
    ok({ type: 'object' }, '200'),
    ok({ type: 'object', required: ['error'] }, '4XX'),
    ok({ type: 'object', required: ['message'] }, 'default'),
  );

  it('picks the exact status, then its range, then default', () => {
    expect(checkResponse(responses, { ...json({}), status: 200 }, V30)).toMatchObject({
      kind: 'matches',
      declared: { status: '200' },
    });
    expect(checkResponse(responses, { ...json({}), status: 404 }, V30)).toMatchObject({
      kind: 'mismatches',
      declared: { status: '4XX' },
      issues: [{ pointer: '/error' }],
    });
    expect(checkResponse(responses, { ...json({}), status: 503 }, V30)).toMatchObject({
      kind: 'mismatches',
      declared: { status: 'default' },
      issues: [{ pointer: '/message' }],
    });
  });

  it('names an undeclared status code and the ones declared', () => {
    expect(
      checkResponse(op(ok({}, '200'), ok({}, '404')), { ...json({}), status: 500 }, V30),
    ).toEqual({ kind: 'undeclared-status', status: 500, declaredStatuses: ['200', '404'] });
  });

  it('matches the media type exactly, then type/*, then */*, ignoring parameters', () => {
    const several: ApiResponse = {
      status: '200',
      headers: [],
      content: [
        { contentType: 'application/json', schema: { type: 'object' }, examples: [] },
        { contentType: 'text/*', schema: { type: 'string', maxLength: 3 }, examples: [] },
      ],
    };
    const text = {
      status: 200,
      headers: [['Content-Type', 'text/csv; charset=utf-8']] as Array<[string, string]>,
      body: 'a,b,c',
    };
    expect(checkResponse(op(several), text, V30)).toMatchObject({
      kind: 'mismatches',
      declared: { contentType: 'text/*' },
      issues: [{ pointer: '', expected: 'at most 3 characters' }],
    });
    const anything: ApiResponse = {
      status: '200',
      headers: [],
      content: [{ contentType: '*/*', schema: { type: 'string', format: 'binary' }, examples: [] }],
    };
    expect(checkResponse(op(anything), { ...text, body: 'x' }, V30)).toMatchObject({
      kind: 'not-checked',
      declared: { contentType: '*/*' },
    });
  });

  it('names an undeclared content type and the declared ones', () => {
    expect(
      checkResponse(op(ok({ type: 'object' })), json({}, 'text/html; charset=utf-8'), V30),
    ).toEqual({
      kind: 'undeclared-content-type',
      status: '200',
      contentType: 'text/html',
      declaredContentTypes: ['application/json'],
    });
  });

  it('a response declared without a body matches an empty one and flags content', () => {
    const accepted = op({ status: '202', content: [], headers: [] });
    expect(checkResponse(accepted, { status: 202, headers: [], body: '' }, V30)).toEqual({
      kind: 'matches',
      declared: { status: '202' },
    });
    expect(checkResponse(accepted, { ...json({ a: 1 }), status: 202 }, V30)).toMatchObject({
      kind: 'undeclared-content-type',
      declaredContentTypes: [],
    });
  });

  it('says when the schema cannot be applied instead of failing', () => {
    const result = checkResponse(op(ok({ type: 'string', pattern: '(' })), json('x'), V30);
    expect(result).toMatchObject({ kind: 'not-checked', declared: { status: '200' } });
    expect(result.kind === 'not-checked' && result.reason).toMatch(
      /^its schema could not be applied \(.*regular expression/i,
    );
  });

  it('says when the declared media type has no schema', () => {
    const bare = op({
      status: '200',
      content: [{ contentType: 'application/json', examples: [] }],
      headers: [],
    });
    expect(checkResponse(bare, json({}), V30)).toEqual({
      kind: 'no-schema',
      declared: { status: '200', contentType: 'application/json' },
    });
  });
});
