import type { PolicyCall } from './policy-call';

/**
 * The policy expressions the local gateway understands. They are parsed into closures over
 * the call, never evaluated as code: anything outside this small grammar is refused when the
 * document is saved.
 *
 * String-valued:
 *   context.Subscription.Id | .Key, context.Request.IpAddress, context.Api.Id,
 *   context.Operation.Id, context.Product.Id, context.User.Id, context.RequestId,
 *   context.RequestId.ToString(), context.Request.Headers.GetValueOrDefault("Name", "default")
 * Conditions (increment-condition):
 *   context.Response.StatusCode (== | != | < | <= | > | >=) <int>, joined with &&
 */
export interface StringExpression {
  readonly source: string;
  /** Throws ExpressionEvaluationError where C# would throw (a member of an absent object). */
  evaluate(call: PolicyCall): string;
}

export interface ConditionExpression {
  readonly source: string;
  test(response: { statusCode: number }): boolean;
}

/** Raised at call time, as APIM's NullReferenceException would be. */
export class ExpressionEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionEvaluationError';
  }
}

/** Refused at parse time; the caller names the attribute or element. */
export class ExpressionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

/** `@(...)` or `@{...}` as the whole (trimmed) value; a literal otherwise. */
export function isExpression(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('@(') || trimmed.startsWith('@{');
}

type Token =
  | { type: 'identifier'; value: string }
  | { type: 'string'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'punctuation'; value: '.' | '(' | ')' | ',' }
  | { type: 'operator'; value: ComparisonOperator | '&&' };

type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '<', '>'] as const;

function inner(source: string): string {
  const trimmed = source.trim();
  if (trimmed.startsWith('@{'))
    throw new ExpressionSyntaxError(
      `Multi-statement expressions are not supported by the local gateway: ${trimmed}`,
    );
  if (!trimmed.startsWith('@(') || !trimmed.endsWith(')'))
    throw new ExpressionSyntaxError(`Not a policy expression: ${trimmed}`);
  return trimmed.slice(2, -1);
}

function tokenize(text: string, whole: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      const value = match?.[0] ?? c;
      tokens.push({ type: 'identifier', value });
      i += value.length;
    } else if (/[0-9]/.test(c)) {
      const value = /^[0-9]+/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ type: 'integer', value: Number(value) });
      i += value.length;
    } else if (c === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') {
          const escaped = text[i + 1];
          const decoded = escaped === undefined ? undefined : ESCAPES[escaped];
          if (decoded === undefined)
            throw new ExpressionSyntaxError(`Unsupported escape in string literal: ${whole}`);
          value += decoded;
          i += 2;
        } else {
          value += text[i];
          i += 1;
        }
      }
      if (i >= text.length) throw new ExpressionSyntaxError(`Unterminated string in ${whole}`);
      i += 1;
      tokens.push({ type: 'string', value });
    } else if (c === '.' || c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punctuation', value: c });
      i += 1;
    } else {
      const operator = OPERATORS.find((op) => text.startsWith(op, i));
      if (!operator)
        throw new ExpressionSyntaxError(
          `Unsupported expression: ${whole} ('${c}' is not part of what the local gateway understands)`,
        );
      tokens.push({ type: 'operator', value: operator });
      i += operator.length;
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
};

/** A member chain such as `context.Request.Headers.GetValueOrDefault("a", "b")`. */
interface Chain {
  /** Dotted names with `()` for calls, e.g. `context.RequestId.ToString()`. */
  shape: string;
  args: string[];
}

class TokenReader {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly whole: string,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  unsupported(): ExpressionSyntaxError {
    return new ExpressionSyntaxError(
      `Unsupported expression: ${this.whole} (the local gateway supports ${SUPPORTED})`,
    );
  }

  chain(): Chain {
    const first = this.next();
    if (first?.type !== 'identifier') throw this.unsupported();
    let shape = first.value;
    const args: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token?.type === 'punctuation' && token.value === '.') {
        this.next();
        const name = this.next();
        if (name?.type !== 'identifier') throw this.unsupported();
        shape += `.${name.value}`;
      } else if (token?.type === 'punctuation' && token.value === '(') {
        this.next();
        let count = 0;
        for (;;) {
          const argument = this.next();
          if (argument?.type === 'punctuation' && argument.value === ')' && count === 0) break;
          if (argument?.type !== 'string') throw this.unsupported();
          args.push(argument.value);
          count += 1;
          const separator = this.next();
          if (separator?.type === 'punctuation' && separator.value === ')') break;
          if (separator?.type !== 'punctuation' || separator.value !== ',')
            throw this.unsupported();
        }
        shape += `(${Array.from({ length: count }, () => '_').join(',')})`;
      } else {
        return { shape, args };
      }
    }
  }
}

type Getter = (call: PolicyCall, args: readonly string[]) => string;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new ExpressionEvaluationError(`${what} is null for this call (no ${what} was involved)`);
  return value;
}

const STRING_MEMBERS: Record<string, Getter> = {
  'context.Subscription.Id': (call) => required(call.subscription, 'context.Subscription').id,
  'context.Subscription.Key': (call) => required(call.subscription, 'context.Subscription').key,
  'context.Request.IpAddress': (call) => call.ipAddress,
  'context.Request.Headers.GetValueOrDefault(_,_)': (call, [name = '', fallback = '']) => {
    const value = call.headers[name.toLowerCase()];
    if (value === undefined) return fallback;
    return Array.isArray(value) ? value.join(',') : value;
  },
  'context.Api.Id': (call) => call.api.id,
  'context.Operation.Id': (call) => call.operation.id,
  'context.Product.Id': (call) => required(call.product, 'context.Product').id,
  'context.User.Id': (call) => required(call.user, 'context.User').id,
  'context.RequestId': (call) => call.requestId,
  'context.RequestId.ToString()': (call) => call.requestId,
};

const SUPPORTED =
  'context.Subscription.Id, context.Subscription.Key, context.Request.IpAddress, ' +
  'context.Request.Headers.GetValueOrDefault("Name", "default"), context.Api.Id, ' +
  'context.Operation.Id, context.Product.Id, context.User.Id, context.RequestId[.ToString()]';

/** Parses a string-valued `@(...)`. Throws ExpressionSyntaxError naming it. */
export function parseStringExpression(source: string): StringExpression {
  const whole = source.trim();
  const reader = new TokenReader(tokenize(inner(source), whole), whole);
  const { shape, args } = reader.chain();
  const getter = STRING_MEMBERS[shape];
  if (!getter || !reader.atEnd()) throw reader.unsupported();
  return { source: whole, evaluate: (call) => getter(call, args) };
}

/** Parses an increment-condition `@(context.Response.StatusCode >= 200 && ...)`. */
export function parseConditionExpression(source: string): ConditionExpression {
  const whole = source.trim();
  const reader = new TokenReader(tokenize(inner(source), whole), whole);
  const unsupported = () =>
    new ExpressionSyntaxError(
      `Unsupported condition: ${whole} (the local gateway supports context.Response.StatusCode compared with an integer (==, !=, <, <=, >, >=), joined with &&)`,
    );
  const comparisons: Array<(status: number) => boolean> = [];
  for (;;) {
    const left = reader.chain();
    if (left.shape !== 'context.Response.StatusCode') throw unsupported();
    const operator = reader.next();
    const right = reader.next();
    if (operator?.type !== 'operator' || operator.value === '&&' || right?.type !== 'integer')
      throw unsupported();
    comparisons.push(compare(operator.value, right.value));
    if (reader.atEnd()) break;
    const and = reader.next();
    if (and?.type !== 'operator' || and.value !== '&&') throw unsupported();
  }
  return {
    source: whole,
    test: ({ statusCode }) => comparisons.every((comparison) => comparison(statusCode)),
  };
}

function compare(operator: ComparisonOperator, value: number): (status: number) => boolean {
  switch (operator) {
    case '==':
      return (status) => status === value;
    case '!=':
      return (status) => status !== value;
    case '<':
      return (status) => status < value;
    case '<=':
      return (status) => status <= value;
    case '>':
      return (status) => status > value;
    case '>=':
      return (status) => status >= value;
  }
}
