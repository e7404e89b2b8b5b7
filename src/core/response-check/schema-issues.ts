/**
 * A validator's errors turned into what a person reads: where in the body (a JSON pointer),
 * what the schema expects there, and what came back. @cfworker/json-schema reports every level
 * of a failure (the `properties` that failed, then the `type` inside it); only the deepest say
 * something, so the wrappers are dropped, and the alternatives of a failed oneOf/anyOf are
 * summed up as the one mismatch rather than listed branch by branch.
 */
import type { OutputUnit } from '@cfworker/json-schema';
import type { JsonSchema } from '../definition/api-model';

export interface SchemaIssue {
  /** JSON pointer into the body ('' is the whole body). */
  pointer: string;
  /** What the schema expects there, e.g. `type "string"`. */
  expected: string;
  /** What came back, e.g. `number 42` or `missing`. */
  actual: string;
  /** The JSON Schema keyword that failed. */
  keyword: string;
}

// Keywords that only say "something inside failed": their inner errors are the ones to show.
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'allOf',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'if',
  'false',
]);

/** "#/a/b%20c" (the validator's form) to "/a/b c". */
function instancePointer(location: string): string {
  const fragment = location.startsWith('#') ? location.slice(1) : location;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function unescapeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The schema node a keywordLocation ("#/properties/a/$ref/type") names, following `$ref`s. */
export function schemaAt(root: JsonSchema, keywordLocation: string): unknown {
  const tokens = keywordLocation.replace(/^#\/?/, '').split('/').filter(Boolean);
  let node: unknown = root;
  for (const raw of tokens) {
    if (typeof node !== 'object' || node === null) return undefined;
    const token = unescapeToken(raw);
    if (token === '$ref') {
      const ref = (node as JsonSchema).$ref;
      node = typeof ref === 'string' && ref.startsWith('#') ? schemaAt(root, ref) : undefined;
      continue;
    }
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * The alternative a failed oneOf/anyOf was meant to match, when that is known: the first of a
 * nullable wrapper; the one a discriminator's value names, found as the only alternative whose
 * errors say nothing about the discriminator property (each usually fixes it with enum/const).
 */
function meantAlternative(
  error: OutputUnit,
  errors: readonly OutputUnit[],
  body: unknown,
  schema: JsonSchema,
): number | undefined {
  if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') return undefined;
  const branches = schemaAt(schema, error.keywordLocation);
  if (error.keyword === 'anyOf' && isNullableWrapper(branches)) return 0;
  if (error.keyword === 'oneOf' && !/\(0 matches\)/.test(error.error)) return undefined;
  const parent = schemaAt(schema, parentOf(error.keywordLocation));
  const discriminator =
    typeof parent === 'object' && parent !== null
      ? (parent as JsonSchema).discriminator
      : undefined;
  const property =
    typeof discriminator === 'object' && discriminator !== null
      ? (discriminator as JsonSchema).propertyName
      : undefined;
  if (typeof property !== 'string' || !Array.isArray(branches)) return undefined;
  const objectAt = instancePointer(error.instanceLocation);
  if (typeof valueAt(body, `${objectAt}/${escapeToken(property)}`) !== 'string') return undefined;
  const tagAt = `${objectAt}/${escapeToken(property)}`;
  const candidates = branches
    .map((_, i) => i)
    .filter(
      (i) =>
        !errors.some(
          (e) =>
            e.keywordLocation.startsWith(`${error.keywordLocation}/${i}/`) &&
            instancePointer(e.instanceLocation) === tagAt,
        ),
    );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function isNullableWrapper(alternatives: unknown): boolean {
  if (!Array.isArray(alternatives) || alternatives.length !== 2) return false;
  const second: unknown = alternatives[1];
  return (
    typeof second === 'object' &&
    second !== null &&
    Object.keys(second).length === 1 &&
    (second as JsonSchema).type === 'null'
  );
}

/** The value a JSON pointer names in the body, or undefined when there is none. */
export function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

const SHOWN_CHARS = 60;

function clip(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

/** A short, typed description of a value: `string "abc"`, `number 4`, `array of 3 items`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 4).join(', ');
    return keys.length === 0
      ? 'empty object'
      : `object with ${shown}${keys.length > 4 ? `, … (${keys.length} properties)` : ''}`;
  }
  if (typeof value === 'string') return `string ${clip(JSON.stringify(value))}`;
  if (typeof value === 'number' && Number.isInteger(value)) return `integer ${value}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value;
}

function quoteList(values: unknown[]): string {
  const shown = values.slice(0, 8).map((v) => clip(JSON.stringify(v) ?? String(v)));
  return values.length > 8 ? `${shown.join(', ')}, … (${values.length} values)` : shown.join(', ');
}

function typeText(type: unknown): string {
  return Array.isArray(type) ? type.map((t) => String(t)).join(' or ') : String(type);
}

/** What the failed keyword asks for, in words. */
function expectation(keyword: string, value: unknown, schema: JsonSchema | undefined): string {
  switch (keyword) {
    case 'type':
      return `type ${typeText(value)}`;
    case 'enum':
      return Array.isArray(value) ? `one of ${quoteList(value)}` : 'one of the listed values';
    case 'const':
      return `exactly ${clip(JSON.stringify(value) ?? String(value))}`;
    case 'format':
      return `format "${String(value)}"`;
    case 'pattern':
      return `a string matching /${String(value)}/`;
    case 'minLength':
      return `at least ${String(value)} characters`;
    case 'maxLength':
      return `at most ${String(value)} characters`;
    case 'minItems':
      return `at least ${String(value)} items`;
    case 'maxItems':
      return `at most ${String(value)} items`;
    case 'uniqueItems':
      return 'unique items';
    case 'minProperties':
      return `at least ${String(value)} properties`;
    case 'maxProperties':
      return `at most ${String(value)} properties`;
    case 'minimum':
      return schema?.exclusiveMinimum === true
        ? `more than ${String(value)}`
        : `at least ${String(value)}`;
    case 'maximum':
      return schema?.exclusiveMaximum === true
        ? `less than ${String(value)}`
        : `at most ${String(value)}`;
    case 'exclusiveMinimum':
      return `more than ${String(value)}`;
    case 'exclusiveMaximum':
      return `less than ${String(value)}`;
    case 'multipleOf':
      return `a multiple of ${String(value)}`;
    case 'oneOf':
      return Array.isArray(value)
        ? `exactly one of ${value.length} alternatives (oneOf)`
        : 'exactly one alternative (oneOf)';
    case 'anyOf':
      return Array.isArray(value)
        ? `at least one of ${value.length} alternatives (anyOf)`
        : 'at least one alternative (anyOf)';
    case 'not':
      return 'a value the "not" schema rejects';
    default:
      return `to satisfy "${keyword}"`;
  }
}

function parentOf(keywordLocation: string): string {
  return keywordLocation.slice(0, keywordLocation.lastIndexOf('/'));
}

/**
 * The issues of one validation, deepest first-found order kept. `body` is the parsed
 * instance the errors are about; `schema` the one that was validated.
 */
export function schemaIssues(
  errors: readonly OutputUnit[],
  body: unknown,
  schema: JsonSchema,
): SchemaIssue[] {
  // A failed oneOf/anyOf whose meant alternative is known reports that alternative's own
  // errors: OpenAPI 3.0's `nullable` without a type became `anyOf: [schema, {type: null}]` (see
  // validatorSchema), and a discriminator's property names the alternative.
  const chosen = new Map<OutputUnit, number>();
  for (const error of errors) {
    const branch = meantAlternative(error, errors, body, schema);
    if (branch !== undefined) chosen.set(error, branch);
  }
  // Everything else under a failed oneOf/anyOf/not is one of its alternatives failing: not news.
  // Keyword locations repeat across array items (`#/items/oneOf`): an error belongs to the
  // alternative whose keyword location and instance location both contain it.
  const alternatives = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'not')
    .map((e) => {
      const branch = chosen.get(e);
      return {
        prefix: `${e.keywordLocation}/`,
        instance: instancePointer(e.instanceLocation),
        kept: branch === undefined ? undefined : `${e.keywordLocation}/${branch}/`,
      };
    });
  const within = (pointer: string, parent: string) =>
    pointer === parent || pointer.startsWith(`${parent}/`);
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (chosen.has(error)) continue;
    const at = error.keywordLocation;
    const where = instancePointer(error.instanceLocation);
    const underAlternative = alternatives.some(
      ({ prefix, instance, kept }) =>
        at.startsWith(prefix) && within(where, instance) && !(kept && at.startsWith(kept)),
    );
    if (underAlternative) continue;
    const pointer = instancePointer(error.instanceLocation);
    let issue: SchemaIssue | undefined;
    if (error.keyword === 'required') {
      const name = /"(.*)"\.$/.exec(error.error)?.[1] ?? '';
      issue = {
        pointer: `${pointer}/${escapeToken(name)}`,
        expected: `required property "${name}"`,
        actual: 'missing',
        keyword: 'required',
      };
    } else if (error.keyword === 'additionalProperties') {
      // A schema under additionalProperties reports its own, deeper errors; only `false` is news.
      if (schemaAt(schema, error.keywordLocation) !== false) continue;
      const name = /^Property "(.*)" does not match/.exec(error.error)?.[1] ?? '';
      const at = `${pointer}/${escapeToken(name)}`;
      issue = {
        pointer: at,
        expected: 'no property of this name (additionalProperties: false)',
        actual: describeValue(valueAt(body, at)),
        keyword: 'additionalProperties',
      };
    } else if (WRAPPERS.has(error.keyword)) {
      continue;
    } else {
      const value = schemaAt(schema, error.keywordLocation);
      const parent = schemaAt(schema, parentOf(error.keywordLocation));
      issue = {
        pointer,
        expected: expectation(
          error.keyword,
          value,
          typeof parent === 'object' && parent !== null ? (parent as JsonSchema) : undefined,
        ),
        actual: describeValue(valueAt(body, pointer)),
        keyword: error.keyword,
      };
      if (error.keyword === 'oneOf') {
        const matches = /\((\d+) matches\)/.exec(error.error)?.[1];
        if (matches && matches !== '0') issue.actual += ` (matches ${matches} of them)`;
      }
    }
    const key = `${issue.pointer}\u0000${issue.keyword}\u0000${issue.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
