/**
 * A definition's response schema made into one a JSON Schema validator takes. The model keeps
 * schemas with their `$ref`s resolved into shared (possibly circular) objects; OpenAPI 3.0 and
 * Swagger 2.0 write a dialect of JSON Schema draft 4 (`nullable`, `example`, `discriminator`),
 * OpenAPI 3.1 writes JSON Schema 2020-12 itself.
 */
import type { JsonSchema, SpecVersion } from '../definition/api-model';

export type ValidatorDraft = '4' | '2020-12';

export interface ValidatorSchema {
  schema: JsonSchema;
  draft: ValidatorDraft;
}

// Keywords whose value is one schema, an array of schemas, or a map of name to schema. Every
// other keyword is data (enum, const, example, default, discriminator...) and is copied as is.
const ONE_SCHEMA = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
const SCHEMA_ARRAY = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const SCHEMA_MAP = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
// Annotations of OpenAPI 3.0 that are no JSON Schema keyword; left out so no validator reads them.
// (`discriminator` stays, copied: the mismatch report reads it, the validator ignores it.)
const OPENAPI_30_ONLY = new Set(['nullable', 'x-nullable', 'example', 'xml']);

/** A pointer token as the validator (@cfworker/json-schema) keys it in a `$ref`. */
function refToken(token: string): string {
  return encodeURI(token.replace(/~/g, '~0').replace(/\//g, '~1')).replace(/#/g, '%23');
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A fresh tree (the validator annotates what it is given): a schema met again inside itself
 * becomes a `$ref` to where it first appears, so recursive schemas (a tree node's children)
 * validate to any depth. In OpenAPI 3.0, `nullable: true` becomes `null` among the types (or
 * an `anyOf` with `{type: null}` where no type is named). Properties marked `writeOnly` are
 * never required in a response.
 */
export function validatorSchema(schema: JsonSchema, specVersion: SpecVersion): ValidatorSchema {
  const openApi30 = specVersion !== 'openapi-3.1';
  const onPath = new Map<object, string>();

  const convert = (node: unknown, pointer: string): unknown => {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) return {};
    const seen = onPath.get(node);
    if (seen !== undefined) return { $ref: `#${seen}` };
    onPath.set(node, pointer);
    const nullable = openApi30 && (node.nullable === true || node['x-nullable'] === true);
    // A nullable schema without a type is wrapped (see allowNull): its keywords move one level down.
    const base =
      nullable && typeof node.type !== 'string' && !Array.isArray(node.type)
        ? `${pointer}/anyOf/0`
        : pointer;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (openApi30 && OPENAPI_30_ONLY.has(key)) continue;
      const at = `${base}/${refToken(key)}`;
      if (SCHEMA_ARRAY.has(key) && Array.isArray(value)) {
        out[key] = value.map((item, i) => convert(item, `${at}/${i}`));
      } else if (SCHEMA_MAP.has(key) && isObject(value)) {
        const map: JsonSchema = {};
        for (const [name, sub] of Object.entries(value)) {
          map[name] = convert(sub, `${at}/${refToken(name)}`);
        }
        out[key] = map;
      } else if (ONE_SCHEMA.has(key) && (isObject(value) || typeof value === 'boolean')) {
        out[key] = convert(value, at);
      } else if (key === 'discriminator') {
        // The validator annotates objects it walks; the definition's own must stay as they are.
        out[key] = JSON.parse(JSON.stringify(value)) as unknown;
      } else {
        out[key] = value;
      }
    }
    onPath.delete(node);
    dropWriteOnlyRequired(out);
    return nullable ? allowNull(out) : out;
  };

  return {
    schema: convert(schema, '') as JsonSchema,
    draft: openApi30 ? '4' : '2020-12',
  };
}

function dropWriteOnlyRequired(schema: JsonSchema): void {
  const { required, properties } = schema;
  if (!Array.isArray(required) || !isObject(properties)) return;
  const kept = required.filter((name) => {
    const property = typeof name === 'string' ? properties[name] : undefined;
    return !(isObject(property) && property.writeOnly === true);
  });
  if (kept.length !== required.length) schema.required = kept;
}

function allowNull(schema: JsonSchema): JsonSchema {
  const { type } = schema;
  const out: JsonSchema = { ...schema };
  const values: unknown[] | undefined = Array.isArray(out.enum) ? out.enum : undefined;
  if (values && !values.includes(null)) out.enum = [...values, null];
  if (typeof type === 'string') return { ...out, type: [type, 'null'] };
  if (Array.isArray(type)) {
    const types: unknown[] = type;
    return types.includes('null') ? out : { ...out, type: [...types, 'null'] };
  }
  return { anyOf: [out, { type: 'null' }] };
}
