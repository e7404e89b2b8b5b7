import { useState } from 'react';
import type { JsonSchema } from '../core/definition/api-model';
import { InlineText } from './inline-text';
import './schema-tree.css';

// Levels open at first; deeper ones render their children only once the reader opens them, so a
// schema of thousands of nodes costs what is on screen.
const OPEN_DEPTH = 2;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaList(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

/** "string", "array of Review", "integer (int32)", "string | null". */
export function describeType(schema: JsonSchema): string {
  const raw = schema.type;
  const types = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  let main = types.filter((t) => t !== 'null').join(' | ');
  if (!main) {
    if (isSchema(schema.properties)) main = 'object';
    else if (schema.oneOf) main = 'one of';
    else if (schema.anyOf) main = 'any of';
    else if (schema.allOf) main = 'all of';
    else if ('const' in schema) main = 'const';
    else main = 'any';
  }
  if (main === 'array' && isSchema(schema.items)) {
    const items = schema.items;
    const inner =
      typeof items.title === 'string' ? items.title : describeType(items).replace(/ \(.+\)$/, '');
    main = `array of ${inner}`;
  }
  if (typeof schema.format === 'string') main += ` (${schema.format})`;
  if (types.includes('null')) main += ' | null';
  return main;
}

function formatValue(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : (JSON.stringify(value) ?? String(value));
}

/** Properties of an object schema, with allOf parts folded in (the common "extends" pattern). */
function collectProperties(
  schema: JsonSchema,
  seen: Set<JsonSchema> = new Set(),
): { properties: Array<[string, JsonSchema]>; required: Set<string> } {
  const properties: Array<[string, JsonSchema]> = [];
  const required = new Set<string>();
  if (seen.has(schema)) return { properties, required };
  seen.add(schema);
  for (const part of schemaList(schema.allOf)) {
    const inner = collectProperties(part, seen);
    properties.push(...inner.properties);
    for (const r of inner.required) required.add(r);
  }
  if (isSchema(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      if (isSchema(value)) properties.push([name, value]);
    }
  }
  if (Array.isArray(schema.required)) {
    for (const r of schema.required) if (typeof r === 'string') required.add(r);
  }
  return { properties, required };
}

function childrenOf(schema: JsonSchema): {
  properties: Array<[string, JsonSchema]>;
  required: Set<string>;
  variants: { label: string; schemas: JsonSchema[] } | undefined;
  additional: JsonSchema | undefined;
} {
  const target = schema.type === 'array' && isSchema(schema.items) ? schema.items : schema;
  const { properties, required } = collectProperties(target);
  const oneOf = schemaList(target.oneOf);
  const anyOf = schemaList(target.anyOf);
  const variants = oneOf.length
    ? { label: 'One of', schemas: oneOf }
    : anyOf.length
      ? { label: 'Any of', schemas: anyOf }
      : undefined;
  const additional = isSchema(target.additionalProperties)
    ? target.additionalProperties
    : undefined;
  return { properties, required, variants, additional };
}

function Facts({ schema }: { schema: JsonSchema }) {
  const facts: Array<[string, string]> = [];
  if (Array.isArray(schema.enum)) facts.push(['one of', schema.enum.map(formatValue).join(', ')]);
  if ('const' in schema) facts.push(['always', formatValue(schema.const)]);
  if ('default' in schema) facts.push(['default', formatValue(schema.default)]);
  if ('example' in schema && typeof schema.example !== 'object')
    facts.push(['example', formatValue(schema.example)]);
  if (typeof schema.minimum === 'number') facts.push(['min', String(schema.minimum)]);
  if (typeof schema.maximum === 'number') facts.push(['max', String(schema.maximum)]);
  if (typeof schema.minLength === 'number') facts.push(['min length', String(schema.minLength)]);
  if (typeof schema.maxLength === 'number') facts.push(['max length', String(schema.maxLength)]);
  if (typeof schema.pattern === 'string') facts.push(['pattern', schema.pattern]);
  if (facts.length === 0) return null;
  return (
    <span className="schema-tree__facts">
      {facts.map(([k, v]) => (
        <span key={k} className="schema-tree__fact">
          <span className="schema-tree__fact-key">{k}</span> <code>{v}</code>
        </span>
      ))}
    </span>
  );
}

function SchemaNode({
  name,
  schema,
  required,
  ancestors,
  depth,
}: {
  name: string | undefined;
  schema: JsonSchema;
  required: boolean;
  ancestors: ReadonlySet<JsonSchema>;
  depth: number;
}) {
  const circular = ancestors.has(schema);
  const {
    properties,
    required: requiredNames,
    variants,
    additional,
  } = circular
    ? { properties: [], required: new Set<string>(), variants: undefined, additional: undefined }
    : childrenOf(schema);
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const hasChildren =
    !circular && (properties.length > 0 || variants !== undefined || additional !== undefined);
  const nextAncestors = new Set(ancestors).add(schema);
  const description = typeof schema.description === 'string' ? schema.description : undefined;

  const head = (
    <span className="schema-tree__head">
      {name !== undefined && <code className="schema-tree__name">{name}</code>}
      <span className="schema-tree__type">{describeType(schema)}</span>
      {required && <span className="schema-tree__required">required</span>}
      {schema.deprecated === true && <span className="schema-tree__deprecated">deprecated</span>}
      {circular && (
        <span className="schema-tree__circular">
          circular reference
          {typeof schema.title === 'string' ? ` to ${schema.title}` : ''}
        </span>
      )}
    </span>
  );
  const body = (
    <>
      {description && (
        <span className="schema-tree__description">
          <InlineText text={description} />
        </span>
      )}
      <Facts schema={schema} />
    </>
  );

  if (!hasChildren) {
    return (
      <li className="schema-tree__item">
        <div className="schema-tree__leaf">
          {head}
          {body}
        </div>
      </li>
    );
  }
  return (
    <li className="schema-tree__item">
      <details
        className="schema-tree__details"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary className="schema-tree__summary">
          {head}
          {body}
        </summary>
        {open && (
          <ul className="schema-tree__list">
            {properties.map(([childName, child]) => (
              <SchemaNode
                key={childName}
                name={childName}
                schema={child}
                required={requiredNames.has(childName)}
                ancestors={nextAncestors}
                depth={depth + 1}
              />
            ))}
            {additional && (
              <SchemaNode
                name="[any key]"
                schema={additional}
                required={false}
                ancestors={nextAncestors}
                depth={depth + 1}
              />
            )}
            {variants &&
              variants.schemas.map((variant, i) => (
                <SchemaNode
                  key={`variant-${i}`}
                  name={`${variants.label} #${i + 1}${typeof variant.title === 'string' ? `: ${variant.title}` : ''}`}
                  schema={variant}
                  required={false}
                  ancestors={nextAncestors}
                  depth={depth + 1}
                />
              ))}
          </ul>
        )}
      </details>
    </li>
  );
}

/**
 * A readable tree of a JSON schema. Definitions may be circular (a resolved $ref points back at
 * an ancestor), so each branch carries the schemas above it and stops where one repeats.
 */
export function SchemaTree({ schema, label }: { schema: JsonSchema; label?: string }) {
  return (
    <ul className="schema-tree" aria-label={label}>
      <SchemaNode
        name={undefined}
        schema={schema}
        required={false}
        ancestors={new Set()}
        depth={0}
      />
    </ul>
  );
}
