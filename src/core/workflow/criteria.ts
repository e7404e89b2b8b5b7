/**
 * Arazzo Criterion Objects: `simple` conditions (literals, runtime expressions, comparisons,
 * `!`, `&&`, `||`, grouping, `[]` index and `.` property), `regex` on a context, and `jsonpath`
 * on a context. JSONPath runs on jsonpath-plus with its `safe` evaluator, which interprets filter
 * scripts itself: the portal's CSP (script-src 'self') forbids eval and new Function.
 */
import { JSONPath } from 'jsonpath-plus';
import type { ArazzoCriterion, CriterionResult } from './workflow-types';
import {
  embeddedExpressions,
  evaluateExpression,
  spliceText,
  type ExpressionContext,
} from './runtime-expression';

type Token =
  | { kind: 'op'; value: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'expression'; value: string }
  | { kind: 'name'; value: string };

class ConditionError extends Error {}

// An expression runs until whitespace, a bracket or an operator character.
const EXPRESSION = /^\$[^\s()[\]=!<>&|]+/;
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '[', ']', '.'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const expression = EXPRESSION.exec(rest);
    if (expression) {
      tokens.push({ kind: 'expression', value: expression[0] });
      i += expression[0].length;
      continue;
    }
    if (rest.startsWith("'")) {
      // A quote inside a string is written twice ('').
      let value = '';
      let j = 1;
      for (;;) {
        if (j >= rest.length) throw new ConditionError(`a string is not closed: ${rest}`);
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += rest[j];
        j += 1;
      }
      tokens.push({ kind: 'literal', value });
      i += j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][\w-]*/.exec(rest);
    if (word) {
      const w = word[0];
      if (w === 'true' || w === 'false') tokens.push({ kind: 'literal', value: w === 'true' });
      else if (w === 'null') tokens.push({ kind: 'literal', value: null });
      else tokens.push({ kind: 'name', value: w });
      i += w.length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) throw new ConditionError(`unexpected "${rest[0] ?? ''}" in the condition`);
    tokens.push({ kind: 'op', value: op });
    i += op.length;
  }
  return tokens;
}

function isNumeric(value: unknown): boolean {
  return (
    typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
  );
}

/**
 * Loose comparison as the specification asks: strings case-insensitively, a number against a
 * numeric string (a header's "200") as numbers, anything structured by its JSON.
 */
export function compareValues(op: string, left: unknown, right: unknown): boolean {
  if (op === '==' || op === '!=') {
    let equal: boolean;
    if (left === null || right === null || left === undefined || right === undefined)
      equal = (left ?? null) === (right ?? null);
    else if (typeof left === 'number' || typeof right === 'number')
      equal = isNumeric(left) && isNumeric(right) && Number(left) === Number(right);
    else if (typeof left === 'string' && typeof right === 'string')
      equal = left.toLowerCase() === right.toLowerCase();
    else if (typeof left === 'boolean' || typeof right === 'boolean')
      equal = spliceText(left).toLowerCase() === spliceText(right).toLowerCase();
    else equal = JSON.stringify(left) === JSON.stringify(right);
    return op === '==' ? equal : !equal;
  }
  let order: number;
  if (isNumeric(left) && isNumeric(right)) order = Number(left) - Number(right);
  else if (typeof left === 'string' && typeof right === 'string')
    order = left.toLowerCase().localeCompare(right.toLowerCase());
  else return false;
  switch (op) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/** Recursive descent over the tokens: or > and > not > comparison > postfix > primary. */
function evaluateTokens(tokens: Token[], context: ExpressionContext): unknown {
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (value: string): boolean => {
    const token = peek();
    return token?.kind === 'op' && token.value === value;
  };
  const expectOp = (value: string): void => {
    if (!isOp(value)) throw new ConditionError(`"${value}" expected`);
    at += 1;
  };

  const primary = (): unknown => {
    const token = peek();
    if (!token) throw new ConditionError('the condition ends too early');
    at += 1;
    if (token.kind === 'literal') return token.value;
    if (token.kind === 'expression') {
      const result = evaluateExpression(token.value, context);
      if (!result.ok) throw new ConditionError(result.message);
      return result.value;
    }
    if (token.kind === 'op' && token.value === '(') {
      const inner = or();
      expectOp(')');
      return inner;
    }
    throw new ConditionError(`unexpected "${String(token.value)}"`);
  };
  const postfix = (): unknown => {
    let value = primary();
    for (;;) {
      if (isOp('[')) {
        at += 1;
        const index = or();
        expectOp(']');
        value =
          typeof value === 'object' && value !== null
            ? (value as Record<string, unknown>)[String(index)]
            : undefined;
      } else if (isOp('.')) {
        at += 1;
        const name = peek();
        if (name?.kind !== 'name')
          throw new ConditionError('a property name is expected after "."');
        at += 1;
        value =
          typeof value === 'object' && value !== null
            ? (value as Record<string, unknown>)[name.value]
            : undefined;
      } else return value;
    }
  };
  const comparison = (): unknown => {
    const left = postfix();
    const token = peek();
    if (token?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      at += 1;
      return compareValues(token.value, left, postfix());
    }
    return left;
  };
  const not = (): unknown => {
    if (isOp('!')) {
      at += 1;
      return !truthy(not());
    }
    return comparison();
  };
  const and = (): unknown => {
    let value = not();
    while (isOp('&&')) {
      at += 1;
      const right = not();
      value = truthy(value) && truthy(right);
    }
    return value;
  };
  function or(): unknown {
    let value = and();
    while (isOp('||')) {
      at += 1;
      const right = and();
      value = truthy(value) || truthy(right);
    }
    return value;
  }

  const result = or();
  const left = peek();
  if (left) throw new ConditionError(`unexpected "${String(left.value)}" after the condition`);
  return result;
}

/** A `simple` condition: true or false, or an error saying what in it is wrong. */
export function evaluateSimpleCondition(
  condition: string,
  context: ExpressionContext,
): { ok: true; value: boolean } | { ok: false; message: string } {
  // The specification's own components example wraps a whole condition in {}.
  const text = /^\{\$[^{}]*\}$/.test(condition.trim()) ? condition.trim().slice(1, -1) : condition;
  try {
    return { ok: true, value: truthy(evaluateTokens(tokenize(text), context)) };
  } catch (error) {
    if (error instanceof ConditionError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * RFC 9535 writes a filter `?expr` and counts nodes with `count()`; jsonpath-plus (Goessner's
 * dialect) wants `?(expr)`. The two forms the specification's examples use are translated.
 */
export function toJsonPathPlus(path: string): string {
  const wrapped = path.replace(/\[\?(?!\()(.*)\]$/, (_whole, filter: string) => `[?(${filter})]`);
  return wrapped.replace(
    /count\((@[\w.[\]'"-]*)\)/g,
    (_whole, query: string) => `(${query} === undefined ? 0 : 1)`,
  );
}

/**
 * JSONPath criteria pass when the query selects something. A filter at the root (`$[?...]`, the
 * specification's example) tests the context itself, as Redocly's Respect does by wrapping the
 * context in an array; any other query runs on the context as it is.
 */
export function evaluateJsonPath(
  path: string,
  value: unknown,
): { ok: true; value: boolean } | { ok: false; message: string } {
  try {
    const found: unknown = JSONPath({
      path: toJsonPathPlus(path),
      json: (/^\$\[\?/.test(path.trim()) ? [value] : value) as object,
      eval: 'safe',
      wrap: true,
    });
    return { ok: true, value: Array.isArray(found) && found.length > 0 };
  } catch (error) {
    return {
      ok: false,
      message: `the JSONPath "${path}" cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function criterionKind(criterion: ArazzoCriterion): string {
  const type = criterion.type;
  if (type === undefined) return 'simple';
  return typeof type === 'string' ? type : type.type;
}

/** One criterion against what a step has just seen. */
export function evaluateCriterion(
  criterion: ArazzoCriterion,
  context: ExpressionContext,
): CriterionResult {
  const kind = criterionKind(criterion);
  const fail = (error: string): CriterionResult => ({ criterion, passed: false, error });
  if (kind === 'simple') {
    if (criterion.context !== undefined) {
      const scoped = evaluateExpression(criterion.context, context);
      if (!scoped.ok) return fail(scoped.message);
    }
    const result = evaluateSimpleCondition(criterion.condition, context);
    return result.ok ? { criterion, passed: result.value } : fail(result.message);
  }
  if (criterion.context === undefined) return fail(`a ${kind} criterion needs a context`);
  const scoped = evaluateExpression(criterion.context, context);
  if (!scoped.ok) return fail(scoped.message);
  if (kind === 'regex') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(criterion.condition);
    } catch (error) {
      return fail(
        `the regular expression "${criterion.condition}" is invalid: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (scoped.value === undefined) return { criterion, passed: false };
    return { criterion, passed: pattern.test(spliceText(scoped.value)) };
  }
  if (kind === 'jsonpath') {
    // Expressions embedded in the query ({$inputs.x}) are spliced in as JSON values.
    let path = criterion.condition;
    for (const span of embeddedExpressions(path).reverse()) {
      const result = evaluateExpression(span.expression, context);
      if (!result.ok) return fail(result.message);
      const text =
        typeof result.value === 'string' ? JSON.stringify(result.value) : spliceText(result.value);
      path = path.slice(0, span.start) + text + path.slice(span.end);
    }
    const body = typeof scoped.value === 'string' ? parseJsonOrText(scoped.value) : scoped.value;
    const result = evaluateJsonPath(path, body);
    return result.ok ? { criterion, passed: result.value } : fail(result.message);
  }
  return fail(`${kind} criteria are not supported by Portico (only simple, regex and jsonpath)`);
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** All criteria; they pass only when every one does (none: pass). */
export function evaluateCriteria(
  criteria: readonly ArazzoCriterion[] | undefined,
  context: ExpressionContext,
): { passed: boolean; results: CriterionResult[] } {
  const results = (criteria ?? []).map((c) => evaluateCriterion(c, context));
  return { passed: results.every((r) => r.passed), results };
}
