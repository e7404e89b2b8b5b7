/**
 * The part of OData's `$filter` that APIM's list endpoints take: comparisons
 * (`eq ne gt ge lt le`) of a field with a literal, `substringof('x', f)`, `contains(f, 'x')`,
 * `startswith(f, 'x')`, `endswith(f, 'x')` (optionally `eq true|false`), `and`, `or`, `not` and
 * parentheses. Text compares without regard to case, as APIM's does.
 */

export class ODataError extends Error {
  constructor(
    message: string,
    readonly target: '$filter' | '$top' | '$skip',
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

export type FieldValue = string | boolean | null | undefined;

export interface FilterField<T> {
  get: (item: T) => FieldValue;
  /** Text fields take every operator and function; the others only `eq` and `ne`. */
  kind: 'text' | 'boolean' | 'enum';
}

export type FilterFields<T> = Record<string, FilterField<T>>;

type Token =
  | { kind: 'name'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'punct'; text: '(' | ')' | ','; at: number }
  | { kind: 'end'; text: ''; at: number };

const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type Comparison = (typeof COMPARISONS)[number];
const FUNCTIONS = ['substringof', 'contains', 'startswith', 'endswith'] as const;
type FunctionName = (typeof FUNCTIONS)[number];
type Literal = string | boolean | null | number;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at: i });
      i++;
    } else if (c === "'") {
      const at = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length)
          throw new ODataError(
            `$filter: the string starting at position ${at + 1} is not closed.`,
            '$filter',
          );
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i];
        i++;
      }
      tokens.push({ kind: 'string', text, at });
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!match)
        throw new ODataError(`$filter: unexpected "${c}" at position ${i + 1}.`, '$filter');
      tokens.push({ kind: 'number', text: match[0], at: i });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_.]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'name', text: match[0], at: i });
      i += match[0].length;
    } else {
      throw new ODataError(`$filter: unexpected "${c}" at position ${i + 1}.`, '$filter');
    }
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

function fold(value: FieldValue | Literal): string | boolean | number | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(op: Comparison, left: FieldValue, right: Literal): boolean {
  const a = fold(left);
  const b = fold(right);
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    default: {
      if (a === null || b === null) return false;
      const order = a < b ? -1 : a > b ? 1 : 0;
      return op === 'gt'
        ? order > 0
        : op === 'ge'
          ? order >= 0
          : op === 'lt'
            ? order < 0
            : order <= 0;
    }
  }
}

class Parser<T> {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fields: FilterFields<T>,
  ) {}

  parse(): (item: T) => boolean {
    const predicate = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end')
      throw new ODataError(
        `$filter: unexpected "${rest.text}" at position ${rest.at + 1}.`,
        '$filter',
      );
    return predicate;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'name' && token.text.toLowerCase() === word) {
      this.index++;
      return true;
    }
    return false;
  }

  private expect(text: '(' | ')' | ','): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text)
      throw new ODataError(
        `$filter: expected "${text}" at position ${token.at + 1}${token.kind === 'end' ? ' (the end)' : ''}.`,
        '$filter',
      );
  }

  private or(): (item: T) => boolean {
    let left = this.and();
    while (this.keyword('or')) {
      const a = left;
      const b = this.and();
      left = (item) => a(item) || b(item);
    }
    return left;
  }

  private and(): (item: T) => boolean {
    let left = this.not();
    while (this.keyword('and')) {
      const a = left;
      const b = this.not();
      left = (item) => a(item) && b(item);
    }
    return left;
  }

  private not(): (item: T) => boolean {
    if (this.keyword('not')) {
      const inner = this.not();
      return (item) => !inner(item);
    }
    return this.primary();
  }

  private primary(): (item: T) => boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === '(') {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'name')
      throw new ODataError(
        `$filter: expected a field or function at position ${token.at + 1}.`,
        '$filter',
      );
    const name = token.text.toLowerCase();
    if (
      (FUNCTIONS as readonly string[]).includes(name) &&
      this.tokens[this.index + 1]?.text === '('
    )
      return this.call(name as FunctionName);
    const field = this.field();
    const opToken = this.next();
    const op = opToken.text.toLowerCase() as Comparison;
    if (opToken.kind !== 'name' || !COMPARISONS.includes(op))
      throw new ODataError(
        `$filter: expected one of ${COMPARISONS.join(', ')} after "${token.text}" at position ${opToken.at + 1}.`,
        '$filter',
      );
    if (field.spec.kind !== 'text' && op !== 'eq' && op !== 'ne')
      throw new ODataError(
        `$filter: "${field.name}" can be compared with eq or ne only.`,
        '$filter',
      );
    const literal = this.literal();
    if (field.spec.kind === 'boolean' && typeof literal !== 'boolean')
      throw new ODataError(`$filter: "${field.name}" is compared with true or false.`, '$filter');
    const get = field.spec.get;
    return (item) => compare(op, get(item), literal);
  }

  private field(): { name: string; spec: FilterField<T> } {
    const token = this.next();
    const entry = Object.entries(this.fields).find(
      ([name]) => name.toLowerCase() === token.text.toLowerCase(),
    );
    if (token.kind !== 'name' || !entry)
      throw new ODataError(
        `$filter: "${token.text}" at position ${token.at + 1} is not a field that can be filtered on here; these are: ${Object.keys(this.fields).join(', ')}.`,
        '$filter',
      );
    return { name: entry[0], spec: entry[1] };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'name') {
      const word = token.text.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    throw new ODataError(
      `$filter: expected a value ('text', a number, true, false or null) at position ${token.at + 1}.`,
      '$filter',
    );
  }

  private text(): string {
    const token = this.next();
    if (token.kind !== 'string')
      throw new ODataError(
        `$filter: expected a 'quoted string' at position ${token.at + 1}.`,
        '$filter',
      );
    return token.text.toLowerCase();
  }

  private call(name: FunctionName): (item: T) => boolean {
    this.next();
    this.expect('(');
    let needle: string;
    let field: { name: string; spec: FilterField<T> };
    if (name === 'substringof') {
      needle = this.text();
      this.expect(',');
      field = this.field();
    } else {
      field = this.field();
      this.expect(',');
      needle = this.text();
    }
    this.expect(')');
    if (field.spec.kind !== 'text')
      throw new ODataError(
        `$filter: ${name}() takes a text field, not "${field.name}".`,
        '$filter',
      );
    const get = field.spec.get;
    const test = (item: T): boolean => {
      const value = get(item);
      if (typeof value !== 'string') return false;
      const hay = value.toLowerCase();
      return name === 'startswith'
        ? hay.startsWith(needle)
        : name === 'endswith'
          ? hay.endsWith(needle)
          : hay.includes(needle);
    };
    const after = this.peek();
    if (
      after.kind === 'name' &&
      (after.text.toLowerCase() === 'eq' || after.text.toLowerCase() === 'ne')
    ) {
      this.next();
      const literal = this.literal();
      if (typeof literal !== 'boolean')
        throw new ODataError(`$filter: ${name}() is compared with true or false.`, '$filter');
      const want = after.text.toLowerCase() === 'eq' ? literal : !literal;
      return (item) => test(item) === want;
    }
    return test;
  }
}

/** A predicate for `$filter` over the given fields; no filter keeps everything. */
export function parseFilter<T>(
  filter: string | undefined,
  fields: FilterFields<T>,
): (item: T) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true;
  return new Parser(tokenize(filter), fields).parse();
}
