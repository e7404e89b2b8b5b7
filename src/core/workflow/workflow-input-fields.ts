/**
 * The form a workflow's `inputs` JSON Schema asks for: one field per property, and the typed
 * values a filled form stands for. Plain data, so the workflow page stays a thin layer and the
 * rules (what is a secret, how "3" becomes 3) are tested here.
 */
import { looksLikeCredentialField } from '../request/redact-request';

export type InputFieldType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface InputField {
  name: string;
  type: InputFieldType;
  required: boolean;
  /**
   * A key, token or password: typed into a masked input, never stored, never exported, and
   * masked wherever a run shows it.
   */
  secret: boolean;
  description?: string;
  /** The schema's enum, as the strings a select offers. */
  choices?: string[];
  /** The form's starting text: the schema's default (or its first example), as text. */
  initial: string;
  format?: string;
}

type Schema = { [key: string]: unknown };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldType(schema: Schema): InputFieldType {
  const type: unknown = schema.type;
  const declared: unknown = Array.isArray(type)
    ? (type as unknown[]).find((t) => t !== 'null')
    : type;
  switch (declared) {
    case 'number':
    case 'integer':
    case 'boolean':
    case 'object':
    case 'array':
      return declared;
    default:
      return 'string';
  }
}

function asText(value: unknown, type: InputFieldType): string {
  if (value === undefined || value === null) return '';
  if (type === 'object' || type === 'array') return JSON.stringify(value, null, 2);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A secret by what the schema says (`format: password`, `writeOnly`) or by a name that only a
 * credential has ("apiKey", "subscription_key", "token", "sasToken", "clientSecret").
 */
export function isSecretInput(name: string, schema: Schema | undefined): boolean {
  if (schema?.format === 'password' || schema?.writeOnly === true) return true;
  return looksLikeCredentialField(name);
}

/** The fields of a workflow's `inputs` schema, in the schema's order; none when it has none. */
export function inputFields(inputs: unknown): InputField[] {
  if (!isSchema(inputs) || !isSchema(inputs.properties)) return [];
  const required = new Set(
    Array.isArray(inputs.required)
      ? inputs.required.filter((r): r is string => typeof r === 'string')
      : [],
  );
  return Object.entries(inputs.properties).map(([name, raw]): InputField => {
    const schema = isSchema(raw) ? raw : {};
    const type = fieldType(schema);
    const examples = Array.isArray(schema.examples) ? schema.examples : [];
    const secret = isSecretInput(name, schema);
    const field: InputField = {
      name,
      type,
      required: required.has(name),
      secret,
      // A secret never starts filled from the document: a default key there is still a key.
      initial: secret ? '' : asText(schema.default ?? schema.example ?? examples[0], type),
    };
    if (typeof schema.description === 'string') field.description = schema.description;
    if (typeof schema.format === 'string') field.format = schema.format;
    if (Array.isArray(schema.enum)) field.choices = schema.enum.map((v) => asText(v, 'string'));
    return field;
  });
}

export type InputValuesResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * The workflow's inputs from the form's text, typed as the schema says. An empty optional
 * field is left out (the workflow's own default applies); every problem names its field.
 */
export function inputValues(
  fields: readonly InputField[],
  text: Readonly<Record<string, string>>,
): InputValuesResult {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = text[field.name] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '') {
      if (field.required) errors[field.name] = `${field.name} is required.`;
      continue;
    }
    switch (field.type) {
      case 'string':
        values[field.name] = raw;
        break;
      case 'number':
      case 'integer': {
        const n = Number(trimmed);
        if (!Number.isFinite(n)) errors[field.name] = `${field.name} must be a number.`;
        else if (field.type === 'integer' && !Number.isInteger(n))
          errors[field.name] = `${field.name} must be a whole number.`;
        else values[field.name] = n;
        break;
      }
      case 'boolean':
        if (trimmed !== 'true' && trimmed !== 'false')
          errors[field.name] = `${field.name} must be true or false.`;
        else values[field.name] = trimmed === 'true';
        break;
      case 'object':
      case 'array': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(trimmed);
        } catch {
          errors[field.name] = `${field.name} must be JSON (an ${field.type}).`;
          break;
        }
        const isArray = Array.isArray(parsed);
        if ((field.type === 'array') !== isArray || typeof parsed !== 'object' || parsed === null)
          errors[field.name] = `${field.name} must be a JSON ${field.type}.`;
        else values[field.name] = parsed;
        break;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The inputs with every secret's value replaced, for a run's record and anything shown. */
export function withoutSecrets(
  fields: readonly InputField[],
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const secret = new Set(fields.filter((f) => f.secret).map((f) => f.name));
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => !secret.has(name) && !looksLikeCredentialField(name)),
  );
}
