/**
 * Arazzo runtime expressions (`$inputs.x`, `$steps.s.outputs.y`, `$response.body#/a/0`,
 * `$response.header.Retry-After`, `$statusCode`, `$url`, `$method`...): parsed by the ABNF of
 * the specification's "Runtime Expressions" section and evaluated against what a run knows.
 * Values keep their type; a string may embed expressions in `{$...}`, which are then spliced in
 * as text.
 */

export type ExpressionRoot =
  | 'url'
  | 'method'
  | 'statusCode'
  | 'request'
  | 'response'
  | 'inputs'
  | 'outputs'
  | 'steps'
  | 'workflows'
  | 'sourceDescriptions'
  | 'components';

export interface ParsedExpression {
  text: string;
  root: ExpressionRoot;
  /** `$request.` / `$response.`: which part of the message. */
  source?: 'header' | 'query' | 'path' | 'body';
  /** Dot-separated names after the root (a header's name is one segment, dots and all). */
  names: string[];
  /** Decoded reference tokens of a trailing `#/json/pointer`, when there is one. */
  pointer?: string[];
}

export interface ExpressionMessage {
  /** Header names are matched case-insensitively. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** The parsed JSON body, or its text when it is not JSON; undefined without a body. */
  body?: unknown;
  query?: Readonly<Record<string, string>>;
  path?: Readonly<Record<string, string>>;
}

/** What a run knows at the point an expression is evaluated. */
export interface ExpressionContext {
  url?: string;
  method?: string;
  statusCode?: number;
  request?: ExpressionMessage;
  response?: ExpressionMessage;
  inputs: Readonly<Record<string, unknown>>;
  /** The current workflow's outputs so far. */
  outputs?: Readonly<Record<string, unknown>>;
  steps: Readonly<Record<string, { outputs?: Readonly<Record<string, unknown>> } | undefined>>;
  workflows?: Readonly<
    Record<
      string,
      | { inputs?: Readonly<Record<string, unknown>>; outputs?: Readonly<Record<string, unknown>> }
      | undefined
    >
  >;
  sourceDescriptions?: Readonly<Record<string, unknown>>;
  components?: Readonly<Record<string, unknown>>;
}

export type ParseResult =
  { ok: true; expression: ParsedExpression } | { ok: false; message: string };
export type EvaluateResult = { ok: true; value: unknown } | { ok: false; message: string };

const ROOTS_WITH_NAMES = new Set<ExpressionRoot>([
  'inputs',
  'outputs',
  'steps',
  'workflows',
  'sourceDescriptions',
  'components',
]);
// RFC 9110 tchar: what a header name may be made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function decodePointer(pointer: string): { ok: true; tokens: string[] } | { ok: false } {
  if (pointer === '') return { ok: true, tokens: [] };
  if (!pointer.startsWith('/')) return { ok: false };
  let text: string;
  try {
    // The pointer sits in a URI fragment, where it may be percent-encoded.
    text = decodeURIComponent(pointer);
  } catch {
    return { ok: false };
  }
  if (/~[^01]|~$/.test(text)) return { ok: false };
  return {
    ok: true,
    tokens: text
      .slice(1)
      .split('/')
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')),
  };
}

export function parseRuntimeExpression(text: string): ParseResult {
  const fail = (why: string): ParseResult => ({
    ok: false,
    message: `"${text}" is not a runtime expression: ${why}`,
  });
  if (!text.startsWith('$')) return fail('it must start with "$"');
  const hash = text.indexOf('#');
  const head = hash === -1 ? text.slice(1) : text.slice(1, hash);
  let pointer: string[] | undefined;
  if (hash !== -1) {
    const decoded = decodePointer(text.slice(hash + 1));
    if (!decoded.ok) return fail('what follows "#" must be a JSON pointer such as #/items/0/id');
    pointer = decoded.tokens;
  }
  const dot = head.indexOf('.');
  const rootName = dot === -1 ? head : head.slice(0, dot);
  const rest = dot === -1 ? '' : head.slice(dot + 1);
  switch (rootName) {
    case 'url':
    case 'method':
    case 'statusCode':
      if (rest !== '' || pointer) return fail(`$${rootName} takes nothing after it`);
      return { ok: true, expression: { text, root: rootName, names: [] } };
    case 'request':
    case 'response': {
      const sourceDot = rest.indexOf('.');
      const source = sourceDot === -1 ? rest : rest.slice(0, sourceDot);
      const name = sourceDot === -1 ? '' : rest.slice(sourceDot + 1);
      if (source === 'body') {
        if (name !== '') return fail('a body is read with a JSON pointer: body#/path/to/value');
        return {
          ok: true,
          expression: { text, root: rootName, source, names: [], ...(pointer ? { pointer } : {}) },
        };
      }
      if (source !== 'header' && source !== 'query' && source !== 'path')
        return fail(`after $${rootName}. comes header.<name>, query.<name>, path.<name> or body`);
      if (pointer) return fail(`only a body takes a JSON pointer`);
      if (name === '') return fail(`$${rootName}.${source}. needs a name`);
      if (source === 'header' && !TOKEN.test(name)) return fail(`"${name}" is not a header name`);
      return { ok: true, expression: { text, root: rootName, source, names: [name] } };
    }
    default: {
      const root = rootName as ExpressionRoot;
      if (!ROOTS_WITH_NAMES.has(root))
        return fail(
          '$url, $method, $statusCode, $request., $response., $inputs., $outputs., $steps., $workflows., $sourceDescriptions. or $components. expected',
        );
      if (rest === '') return fail(`$${rootName}. needs a name`);
      const names = rest.split('.');
      if (names.some((n) => n === '')) return fail('it has an empty name between dots');
      if (root === 'steps' && names.length < 2)
        return fail('a step is read as $steps.<stepId>.outputs.<name>');
      if (root === 'workflows' && names.length < 2)
        return fail(
          'a workflow is read as $workflows.<workflowId>.inputs.<name> or .outputs.<name>',
        );
      return { ok: true, expression: { text, root, names, ...(pointer ? { pointer } : {}) } };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Walks `names` into `value`. Output and component names may themselves hold dots
 * (`^[a-zA-Z0-9.\-_]+$`), so at each level the longest run of names that is a key wins.
 */
function walkNames(value: unknown, names: readonly string[]): unknown {
  let current = value;
  let i = 0;
  while (i < names.length) {
    if (!isRecord(current)) return undefined;
    let matched = 0;
    for (let j = names.length; j > i; j -= 1) {
      const key = names.slice(i, j).join('.');
      if (Object.hasOwn(current, key)) {
        current = current[key];
        matched = j - i;
        break;
      }
    }
    if (matched === 0) return undefined;
    i += matched;
  }
  return current;
}

/** RFC 6901 evaluation; an array index is a decimal without leading zeros. */
export function readPointer(value: unknown, tokens: readonly string[]): unknown {
  let current = value;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (isRecord(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

function headerValue(
  headers: ReadonlyArray<readonly [string, string]>,
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

/** A JSON body as text is parsed once it is pointed into (a payload written as a string). */
function asStructured(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function evaluateParsed(expression: ParsedExpression, context: ExpressionContext): unknown {
  const { root, names, pointer } = expression;
  const withPointer = (value: unknown): unknown =>
    pointer ? readPointer(asStructured(value), pointer) : value;
  switch (root) {
    case 'url':
      return context.url;
    case 'method':
      return context.method;
    case 'statusCode':
      return context.statusCode;
    case 'request':
    case 'response': {
      const message = context[root];
      if (!message) return undefined;
      const name = names[0] ?? '';
      switch (expression.source) {
        case 'header':
          return headerValue(message.headers, name);
        case 'query':
          return message.query?.[name];
        case 'path':
          return message.path?.[name];
        default:
          return withPointer(message.body);
      }
    }
    case 'inputs':
      return withPointer(walkNames(context.inputs, names));
    case 'outputs':
      return withPointer(walkNames(context.outputs ?? {}, names));
    case 'steps': {
      const [stepId, part, ...more] = names;
      const step = context.steps[stepId ?? ''];
      if (!step || part !== 'outputs') return undefined;
      return withPointer(more.length === 0 ? step.outputs : walkNames(step.outputs ?? {}, more));
    }
    case 'workflows': {
      const [workflowId, part, ...more] = names;
      const workflow = context.workflows?.[workflowId ?? ''];
      if (!workflow || (part !== 'inputs' && part !== 'outputs')) return undefined;
      const values = workflow[part] ?? {};
      return withPointer(more.length === 0 ? values : walkNames(values, more));
    }
    case 'sourceDescriptions':
      return withPointer(walkNames(context.sourceDescriptions ?? {}, names));
    case 'components':
      return withPointer(walkNames(context.components ?? {}, names));
  }
}

export function evaluateExpression(text: string, context: ExpressionContext): EvaluateResult {
  const parsed = parseRuntimeExpression(text.trim());
  if (!parsed.ok) return parsed;
  return { ok: true, value: evaluateParsed(parsed.expression, context) };
}

/** `{$...}` spans in a string: the expression inside each, with where it sits. */
export function embeddedExpressions(
  text: string,
): Array<{ start: number; end: number; expression: string }> {
  const found: Array<{ start: number; end: number; expression: string }> = [];
  const pattern = /\{(\$[^{}]+)\}/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      expression: match[1] ?? '',
    });
  }
  return found;
}

/** Text of a value spliced into a string: strings as they are, anything else as JSON. */
export function spliceText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A value as a step gives it (a parameter's value, a payload, a replacement's value): a string
 * that is wholly an expression becomes the value it names (type kept), a string with `{$...}`
 * in it gets them spliced in, objects and arrays are resolved member by member.
 */
export function resolveValue(value: unknown, context: ExpressionContext): EvaluateResult {
  if (typeof value === 'string') {
    if (/^\$[A-Za-z]/.test(value)) return evaluateExpression(value, context);
    const spans = embeddedExpressions(value);
    if (spans.length === 0) return { ok: true, value };
    let out = '';
    let at = 0;
    for (const span of spans) {
      const result = evaluateExpression(span.expression, context);
      if (!result.ok) return result;
      out += value.slice(at, span.start) + spliceText(result.value);
      at = span.end;
    }
    return { ok: true, value: out + value.slice(at) };
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const result = resolveValue(item, context);
      if (!result.ok) return result;
      items.push(result.value);
    }
    return { ok: true, value: items };
  }
  if (isRecord(value)) {
    const object: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const result = resolveValue(member, context);
      if (!result.ok) return result;
      object[key] = result.value;
    }
    return { ok: true, value: object };
  }
  return { ok: true, value };
}
