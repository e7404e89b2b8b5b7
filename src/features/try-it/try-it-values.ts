import type { ApiOperation, ApiParameter } from '../../core/definition/api-model';
import type { TryItValues } from '../../core/request/http-request';
import { checkJson } from '../../core/request/json-body';
import {
  isSensitiveHeaderName,
  looksLikeCredentialName,
  redactSecretsInText,
} from '../../core/request/redact-request';
import { describeJsonSyntaxError } from '../../core/request/json-syntax';

/** The editable state of the console, as react-hook-form holds it. Never holds credentials. */
export interface TryItFormValues {
  /** One entry per entry of `editableParameters(operation)`, same order. */
  params: Array<{ value: string }>;
  customHeaders: Array<{ name: string; value: string }>;
  body: string;
}

/** What sessionStorage keeps per operation: parameters by location and name, not position. */
export interface SavedTryItValues {
  params: Record<string, string>;
  customHeaders: Array<{ name: string; value: string }>;
  body?: string;
}

export function editableParameters(operation: ApiOperation): ApiParameter[] {
  return operation.parameters.filter(
    (p) => p.in === 'path' || p.in === 'query' || p.in === 'header' || p.in === 'cookie',
  );
}

export function parameterKey(p: Pick<ApiParameter, 'in' | 'name'>): string {
  return `${p.in}:${p.name}`;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A parameter's starting value: the definition's default, else its example. */
export function initialParameterValue(p: ApiParameter): string {
  return asText(p.default !== undefined ? p.default : p.example);
}

export function toSaved(operation: ApiOperation, values: TryItFormValues): SavedTryItValues {
  const params: Record<string, string> = {};
  editableParameters(operation).forEach((p, i) => {
    // A credential passed as a parameter ("code", "api-key") is typed again, never stored.
    if (p.in !== 'path' && looksLikeCredentialName(p.name)) return;
    params[parameterKey(p)] = values.params[i]?.value ?? '';
  });
  return {
    params,
    customHeaders: values.customHeaders.map((h) => ({
      name: h.name,
      value: isSensitiveHeaderName(h.name) ? '' : h.value,
    })),
    body: redactSecretsInText(values.body),
  };
}

export function initialValues(
  operation: ApiOperation,
  saved: SavedTryItValues | undefined,
  defaultBody: string,
): TryItFormValues {
  return {
    params: editableParameters(operation).map((p) => ({
      value: saved?.params[parameterKey(p)] ?? initialParameterValue(p),
    })),
    customHeaders: saved?.customHeaders ?? [],
    body: saved?.body ?? defaultBody,
  };
}

export function parseSaved(text: string | null): SavedTryItValues | undefined {
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Partial<SavedTryItValues> | null;
    if (!raw || typeof raw !== 'object' || typeof raw.params !== 'object' || !raw.params) {
      return undefined;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.params)) if (typeof v === 'string') params[k] = v;
    const customHeaders = Array.isArray(raw.customHeaders)
      ? raw.customHeaders.filter(
          (h): h is { name: string; value: string } =>
            typeof h === 'object' &&
            h !== null &&
            typeof h.name === 'string' &&
            typeof h.value === 'string',
        )
      : [];
    return {
      params,
      customHeaders,
      ...(typeof raw.body === 'string' ? { body: raw.body } : {}),
    };
  } catch {
    return undefined;
  }
}

export function storageKey(apiId: string, slug: string): string {
  return `portico.try-it.v1.${apiId}.${slug}`;
}

export interface SplitParameters {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/** Separates form values into the shape core's buildRequest takes. */
export function splitParameters(operation: ApiOperation, values: TryItFormValues): SplitParameters {
  const out: SplitParameters = { path: {}, query: {}, headers: {}, cookies: {} };
  editableParameters(operation).forEach((p, i) => {
    const value = values.params[i]?.value ?? '';
    const target =
      p.in === 'path'
        ? out.path
        : p.in === 'query'
          ? out.query
          : p.in === 'header'
            ? out.headers
            : out.cookies;
    target[p.name] = value;
  });
  return out;
}

/** A BES Submit answer is the job id as a JSON string, e.g. "539d0bc2fde945b6ac986b851d0000f0". */
export function jobIdFromSubmitBody(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' && /^[A-Za-z0-9-]{1,128}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the body is JSON (application/json, application/problem+json...), so it gets checked. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /[/+]json\b/i.test(contentType);
}

/**
 * A custom header name must be an RFC 9110 token: fetch would throw on anything else, and a
 * message beside the field beats a failed send. An empty name means "row not used yet".
 */
export function checkHeaderName(name: string): true | string {
  return (
    name === '' ||
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ||
    "A header name may only contain letters, digits and - _ . ! # $ % & ' * + ^ ` | ~"
  );
}

/** The body's message for the form: required when the definition says so, valid JSON if JSON. */
export function checkBody(
  text: string,
  { required, json }: { required: boolean; json: boolean },
): true | string {
  if (text.trim() === '') return required ? 'The request body is required.' : true;
  if (!json) return true;
  const r = checkJson(text);
  return r.ok || describeJsonSyntaxError(r);
}

/**
 * The form's first values: what this tab saved, else the definition's. A job this session
 * submitted beats the definition's made-up example job id, unless the user saved their own.
 */
export function startingValues(
  operation: ApiOperation,
  saved: SavedTryItValues | undefined,
  defaultBody: string,
  lastJobId: string | undefined,
): TryItFormValues {
  const values = initialValues(operation, saved, defaultBody);
  editableParameters(operation).forEach((p, i) => {
    if (lastJobId && p.name.toLowerCase() === 'jobid' && !saved?.params[parameterKey(p)])
      values.params[i] = { value: lastJobId };
  });
  return values;
}

/**
 * What the form holds, in the shape buildRequest takes. Rows without a header name are left
 * out (a row just added), and an all-blank body means "no body" rather than an empty one.
 */
export function toTryItValues(
  operation: ApiOperation,
  values: TryItFormValues,
  contentType: string | undefined,
): TryItValues {
  return {
    ...splitParameters(operation, values),
    customHeaders: values.customHeaders.filter((h) => h.name.trim() !== ''),
    ...(operation.requestBody && values.body.trim() !== '' ? { body: values.body } : {}),
    ...(contentType ? { contentType } : {}),
  };
}
