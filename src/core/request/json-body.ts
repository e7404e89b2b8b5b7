import { applyEdits, format } from 'jsonc-parser';
import type { JsonSchema } from '../definition/api-model';
import { findJsonSyntaxError } from './json-syntax';

export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number };

/** Strict JSON (no comments, no trailing commas); on failure, where and what, 1-based. */
export function checkJson(text: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found) return { ok: false, ...found };
    return {
      ok: false,
      message: error instanceof Error ? error.message : 'Invalid JSON',
      line: 1,
      column: 1,
      offset: 0,
    };
  }
}

/**
 * Re-indents JSON with two spaces. Works on the tokens, not on a parsed value, so big numbers
 * and key order survive exactly; text that is not JSON is indented as far as it can be.
 */
export function formatJson(text: string): string {
  const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' });
  return applyEdits(text, edits);
}

export interface ExampleOptions {
  /** Leave out readOnly properties (request) or writeOnly ones (response). Default request. */
  direction?: 'request' | 'response';
  /** Nesting depth after which objects and arrays are left empty. Default 8. */
  maxDepth?: number;
  /** Values (objects, arrays and leaves) generated before the example is cut short. Default 5000. */
  maxNodes?: number;
  /** Approximate JSON size in bytes after which the example is cut short. Default 256 KiB. */
  maxBytes?: number;
}

/**
 * Where an example was cut short, this member takes the place of the properties left out, so
 * the user sees it in the body they are about to edit.
 */
export const EXAMPLE_CUT_KEY = '…';
export const EXAMPLE_CUT_TEXT =
  'example cut short here: the schema is too large to expand in full; add what you need';

const STRING_FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T12:00:00Z',
  date: '2024-01-01',
  time: '12:00:00',
  email: 'user@example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'U3dhZ2dlciByb2Nrcw==',
  binary: '',
  password: '',
};

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Schema)
    : undefined;
}

function schemaType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type))
    return type.find((t): t is string => typeof t === 'string' && t !== 'null') ?? 'null';
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** allOf parts merged into one schema (properties and required lists combined). */
function mergeAllOf(schema: Schema): Schema {
  const parts = Array.isArray(schema.allOf)
    ? schema.allOf.map(asSchema).filter((s): s is Schema => !!s)
    : [];
  if (parts.length === 0) return schema;
  const merged: Schema = { ...schema };
  delete merged.allOf;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const part of [...parts.map(mergeAllOf), schema]) {
    Object.assign(properties, asSchema(part.properties) ?? {});
    if (Array.isArray(part.required))
      required.push(...part.required.filter((r): r is string => typeof r === 'string'));
    for (const [key, value] of Object.entries(part)) {
      if (
        key !== 'properties' &&
        key !== 'required' &&
        key !== 'allOf' &&
        merged[key] === undefined
      )
        merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}

/**
 * An example value for a JSON schema: its example, default, const or first enum value where it
 * has one, else one built from its type (objects list required properties first). Circular
 * schemas stop where they repeat; nesting stops at maxDepth.
 */
export function exampleFromSchema(
  schema: JsonSchema | undefined,
  options: ExampleOptions = {},
): unknown {
  return generateExample(schema, options).value;
}

/**
 * exampleFromSchema, and whether the example was cut short. Shared $refs make the expansion
 * exponential (9 levels of 5 properties each is millions of values), so generation stops at a
 * budget of values and bytes and leaves a visible EXAMPLE_CUT_KEY member where it stopped.
 */
export function generateExample(
  schema: JsonSchema | undefined,
  options: ExampleOptions = {},
): { value: unknown; truncated: boolean } {
  const direction = options.direction ?? 'request';
  const maxDepth = options.maxDepth ?? 8;
  const maxNodes = options.maxNodes ?? 5000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const stack = new Set<Schema>();
  let nodes = 0;
  let bytes = 0;
  let truncated = false;
  const spent = (): boolean => nodes >= maxNodes || bytes >= maxBytes;
  // Counts a generated value; a leaf adds its JSON length, a container its brackets.
  const count = <T>(value: T): T => {
    nodes += 1;
    bytes += value !== null && typeof value === 'object' ? 2 : (JSON.stringify(value)?.length ?? 0);
    return value;
  };

  const build = (raw: Schema, depth: number): unknown => count(buildValue(raw, depth));

  const buildValue = (raw: Schema, depth: number): unknown => {
    if (raw.example !== undefined) return raw.example;
    if (raw.default !== undefined) return raw.default;
    if (raw.const !== undefined) return raw.const;
    if (Array.isArray(raw.enum) && raw.enum.length > 0) return raw.enum[0];
    if (Array.isArray(raw.examples) && raw.examples.length > 0) return raw.examples[0];
    if (stack.has(raw)) return undefined;
    stack.add(raw);
    try {
      const choice = asSchema(
        Array.isArray(raw.oneOf)
          ? raw.oneOf[0]
          : Array.isArray(raw.anyOf)
            ? raw.anyOf[0]
            : undefined,
      );
      if (choice)
        return buildValue({ ...raw, oneOf: undefined, anyOf: undefined, ...choice }, depth);
      const schema = mergeAllOf(raw);
      if (schema !== raw && (schema.example !== undefined || schema.default !== undefined))
        return buildValue(schema, depth);
      switch (schemaType(schema)) {
        case 'object':
          return buildObject(schema, depth);
        case 'array': {
          if (depth >= maxDepth) return [];
          if (spent()) {
            truncated = true;
            return [];
          }
          const items = asSchema(schema.items);
          const item = items ? build(items, depth + 1) : 'string';
          return item === undefined ? [] : [item];
        }
        case 'string':
          return STRING_FORMATS[String(schema.format)] ?? 'string';
        case 'integer':
          return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 0;
        case 'number':
          return typeof schema.minimum === 'number' ? schema.minimum : 0;
        case 'boolean':
          return true;
        case 'null':
          return null;
        default:
          return undefined;
      }
    } finally {
      stack.delete(raw);
    }
  };

  const buildObject = (schema: Schema, depth: number): unknown => {
    const result: Record<string, unknown> = {};
    if (depth >= maxDepth) return result;
    const properties = asSchema(schema.properties) ?? {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const names = Object.keys(properties);
    const ordered = [
      ...names.filter((n) => required.has(n)),
      ...names.filter((n) => !required.has(n)),
    ];
    for (const name of ordered) {
      const property = asSchema(properties[name]);
      if (!property) continue;
      if (spent()) {
        truncated = true;
        result[EXAMPLE_CUT_KEY] = EXAMPLE_CUT_TEXT;
        break;
      }
      if (direction === 'request' && property.readOnly === true) continue;
      if (direction === 'response' && property.writeOnly === true) continue;
      const value = build(property, depth + 1);
      if (value !== undefined) {
        result[name] = value;
        bytes += name.length + 4;
      }
    }
    const additional = asSchema(schema.additionalProperties);
    if (names.length === 0 && additional) {
      const value = build(additional, depth + 1);
      if (value !== undefined) result.key = value;
    }
    return result;
  };

  const value = schema ? build(schema, 0) : undefined;
  return { value, truncated };
}
