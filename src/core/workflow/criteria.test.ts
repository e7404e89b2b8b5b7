import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compareValues,
  evaluateCriteria,
  evaluateCriterion,
  evaluateJsonPath,
  evaluateSimpleCondition,
  toJsonPathPlus,
} from './criteria';
import type { ExpressionContext } from './runtime-expression';

const context: ExpressionContext = {
  statusCode: 200,
  response: {
    headers: [['Retry-After', '3']],
    body: { status: 'Finished', pets: [{ name: 'a' }], count: 2, results: { output1: null } },
  },
  inputs: { wanted: 'finished', limit: 5 },
  steps: {},
};

const simple = (condition: string): boolean => {
  const result = evaluateSimpleCondition(condition, context);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('simple conditions', () => {
  it("passes the specification's example", () => {
    expect(simple('$statusCode == 200')).toBe(true);
    expect(simple('$statusCode == 201')).toBe(false);
  });

  it('compares strings case-insensitively, as the specification requires', () => {
    expect(simple("$response.body#/status == 'finished'")).toBe(true);
    expect(simple('$response.body#/status == $inputs.wanted')).toBe(true);
    expect(simple("$response.body#/status != 'Running'")).toBe(true);
  });

  it('combines with &&, ||, ! and parentheses', () => {
    expect(simple("$statusCode == 200 && $response.body#/status == 'Finished'")).toBe(true);
    expect(simple("$statusCode == 429 || $response.body#/status == 'Finished'")).toBe(true);
    expect(simple("$statusCode == 429 || $response.body#/status == 'Failed'")).toBe(false);
    expect(simple('!($statusCode == 429) && ($response.body#/count >= 2)')).toBe(true);
    expect(simple('!$response.body#/results/output1')).toBe(true);
  });

  it('orders numbers, numeric header values included', () => {
    expect(simple('$response.header.Retry-After < 5')).toBe(true);
    expect(simple('$response.body#/count <= $inputs.limit')).toBe(true);
    expect(simple('$response.body#/count > 2')).toBe(false);
    expect(simple('$statusCode >= 200 && $statusCode < 300')).toBe(true);
  });

  it('reads with [] and . after an expression, and literal quotes written twice', () => {
    expect(simple("$response.body#/pets[0].name == 'a'")).toBe(true);
    expect(evaluateSimpleCondition("'it''s' == 'IT''S'", context)).toEqual({
      ok: true,
      value: true,
    });
  });

  it("accepts a condition wrapped in {} (the specification's components example)", () => {
    expect(simple('{$statusCode == 200}')).toBe(true);
  });

  it.each([
    ['$statusCode ==', 'the condition ends too early'],
    ['$statusCode == 200 200', 'unexpected "200" after the condition'],
    ["$response.body#/status == 'x", 'a string is not closed'],
    ['$statusCode = 200', 'unexpected "="'],
    ['$nope.x == 1', 'is not a runtime expression'],
  ])('reports %s', (condition, message) => {
    const result = evaluateSimpleCondition(condition, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('compares null and absent values as equal, and never orders a string with a number', () => {
    expect(compareValues('==', undefined, null)).toBe(true);
    expect(compareValues('<', 'a', 1)).toBe(false);
    expect(compareValues('==', { a: 1 }, { a: 1 })).toBe(true);
  });
});

describe('regex and jsonpath criteria', () => {
  it("passes the specification's regex example", () => {
    expect(
      evaluateCriterion({ context: '$statusCode', condition: '^200$', type: 'regex' }, context),
    ).toMatchObject({ passed: true });
    expect(
      evaluateCriterion(
        { context: '$statusCode', condition: '^2\\d\\d$', type: 'regex' },
        {
          ...context,
          statusCode: 503,
        },
      ),
    ).toMatchObject({ passed: false });
  });

  it("passes the specification's JSONPath example on a body with pets, not on one without", () => {
    const criterion = {
      context: '$response.body',
      condition: '$[?count(@.pets) > 0]',
      type: 'jsonpath' as const,
    };
    expect(evaluateCriterion(criterion, context)).toMatchObject({ passed: true });
    const none = { ...context, response: { headers: [], body: { status: 'x' } } };
    expect(evaluateCriterion(criterion, none)).toMatchObject({ passed: false });
  });

  it('takes the Goessner dialect the Criterion Expression Type Object names', () => {
    const criterion = {
      context: '$response.body',
      condition: "$.pets[?(@.name == 'a')]",
      type: { type: 'jsonpath' as const, version: 'draft-goessner-dispatch-jsonpath-00' },
    };
    expect(evaluateCriterion(criterion, context)).toMatchObject({ passed: true });
  });

  it('translates RFC 9535 filters and count() for jsonpath-plus', () => {
    expect(toJsonPathPlus('$[?count(@.pets) > 0]')).toBe(
      '$[?((@.pets === undefined ? 0 : 1) > 0)]',
    );
    expect(toJsonPathPlus('$.a[?(@.b)]')).toBe('$.a[?(@.b)]');
  });

  it('reports a context-less regex, a bad pattern and an XPath criterion', () => {
    expect(evaluateCriterion({ condition: 'x', type: 'regex' }, context).error).toBe(
      'a regex criterion needs a context',
    );
    expect(
      evaluateCriterion({ context: '$statusCode', condition: '(', type: 'regex' }, context).error,
    ).toContain('the regular expression "(" is invalid');
    expect(
      evaluateCriterion({ context: '$response.body', condition: '/a', type: 'xpath' }, context)
        .error,
    ).toContain('not supported');
  });

  it('passes only when every criterion does', () => {
    const both = evaluateCriteria(
      [{ condition: '$statusCode == 200' }, { condition: "$response.body#/status == 'Running'" }],
      context,
    );
    expect(both.passed).toBe(false);
    expect(both.results.map((r) => r.passed)).toEqual([true, false]);
    expect(evaluateCriteria(undefined, context).passed).toBe(true);
  });
});

describe('JSONPath under the portal CSP', () => {
  const realFunction = globalThis.Function;
  const realEval = globalThis.eval;
  afterEach(() => {
    globalThis.Function = realFunction;
    globalThis.eval = realEval;
  });

  function forbidCodeGeneration() {
    const forbidden = vi.fn(() => {
      throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
    });
    globalThis.Function = forbidden;
    globalThis.eval = forbidden;
    return forbidden;
  }

  it('evaluates filter scripts without eval or new Function', () => {
    const forbidden = forbidCodeGeneration();
    expect(
      evaluateJsonPath("$[?(@.status == 'Finished' && @.count > 1)]", context.response?.body),
    ).toEqual({ ok: true, value: true });
    expect(forbidden).not.toHaveBeenCalled();
  });

  it("would catch the browser build's native evaluator (the trap works)", async () => {
    const browserBuild = '../../../node_modules/jsonpath-plus/dist/index-browser-esm.js';
    const { JSONPath } = (await import(/* @vite-ignore */ browserBuild)) as {
      JSONPath: (options: object) => unknown;
    };
    const forbidden = forbidCodeGeneration();
    expect(() => JSONPath({ path: '$[?(@.a == 1)]', json: [{ a: 1 }], eval: 'native' })).toThrow(
      /CSP/,
    );
    expect(forbidden).toHaveBeenCalled();
    // The same build in safe mode, as the portal bundles it, needs neither.
    forbidden.mockClear();
    expect(JSONPath({ path: '$[?(@.a == 1)]', json: [{ a: 1 }], eval: 'safe' })).toEqual([
      { a: 1 },
    ]);
    expect(forbidden).not.toHaveBeenCalled();
  });
});
