/**
 * Does a response match what the definition declares for it? The status code picks the
 * declared response (exact, then its `4XX` range, then `default`), the Content-Type its media
 * type, and the body is validated against that media type's schema with @cfworker/json-schema,
 * which interprets schemas and never generates code (the portal's CSP forbids eval).
 */
import { Validator } from '@cfworker/json-schema';
import type { ApiOperation, SpecVersion } from '../definition/api-model';
import { decodeBody } from '../response/response-decode';
import { headerValue } from '../util/header-lookup';
import { declaredMediaFor, declaredResponseFor, isJsonMediaType } from './declared-response';
import { schemaIssues, type SchemaIssue } from './schema-issues';
import { validatorSchema } from './validator-schema';

export type { SchemaIssue } from './schema-issues';

/** What was declared for the response that was checked. */
export interface DeclaredMatch {
  /** As written in the definition: "200", "4XX", "default". */
  status: string;
  /** As written in the definition; absent when the response declares no body. */
  contentType?: string;
}

export type ResponseCheck =
  | { kind: 'matches'; declared: DeclaredMatch }
  | {
      kind: 'mismatches';
      declared: DeclaredMatch;
      /** The first `maxIssues` of them. */
      issues: SchemaIssue[];
      /** How many there were in all. */
      total: number;
    }
  | { kind: 'undeclared-status'; status: number; declaredStatuses: string[] }
  | {
      kind: 'undeclared-content-type';
      status: string;
      /** The response's media type, '' when it had no Content-Type. */
      contentType: string;
      declaredContentTypes: string[];
    }
  | { kind: 'no-schema'; declared: DeclaredMatch }
  /** A body the check does not read (XML, binary), with why. */
  | { kind: 'not-checked'; declared: DeclaredMatch; reason: string };

export interface CheckedResponse {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array | string;
  /** The Content-Type, when known apart from the headers (the sender reads it too). */
  contentType?: string;
}

export interface CheckOptions {
  /** The definition's dialect: 3.0 and Swagger 2.0 schemas are converted, 3.1 ones are JSON Schema 2020-12. */
  specVersion: SpecVersion;
  /** Issues listed at most (the rest are counted); 50 unless given. */
  maxIssues?: number;
}

const DEFAULT_MAX_ISSUES = 50;

function bodyLength(body: Uint8Array | string): number {
  return typeof body === 'string' ? body.length : body.byteLength;
}

export function checkResponse(
  operation: Pick<ApiOperation, 'responses'>,
  response: CheckedResponse,
  options: CheckOptions,
): ResponseCheck {
  const declared = declaredResponseFor(operation, response.status);
  if (!declared) {
    return {
      kind: 'undeclared-status',
      status: response.status,
      declaredStatuses: operation.responses.map((r) => r.status),
    };
  }
  const contentType = response.contentType || (headerValue(response.headers, 'content-type') ?? '');
  const empty = bodyLength(response.body) === 0;
  if (declared.content.length === 0) {
    // A response declared without content: an empty body matches whatever its Content-Type.
    return empty
      ? { kind: 'matches', declared: { status: declared.status } }
      : {
          kind: 'undeclared-content-type',
          status: declared.status,
          contentType: mediaTypeOf(contentType),
          declaredContentTypes: [],
        };
  }
  const media = declaredMediaFor(declared, contentType);
  if (!media) {
    return {
      kind: 'undeclared-content-type',
      status: declared.status,
      contentType: mediaTypeOf(contentType),
      declaredContentTypes: declared.content.map((m) => m.contentType),
    };
  }
  const match: DeclaredMatch = { status: declared.status, contentType: media.contentType };
  if (!media.schema) return { kind: 'no-schema', declared: match };

  const text =
    typeof response.body === 'string' ? response.body : decodeBody(response.body, contentType);
  let instance: unknown;
  if (isJsonMediaType(contentType) || isJsonMediaType(media.contentType)) {
    try {
      instance = JSON.parse(text);
    } catch (cause) {
      const why = empty ? 'an empty body' : `text that is not JSON (${errorText(cause)})`;
      return {
        kind: 'mismatches',
        declared: match,
        issues: [
          {
            pointer: '',
            expected: `a JSON body (${media.contentType})`,
            actual: why,
            keyword: 'json',
          },
        ],
        total: 1,
      };
    }
  } else if (media.schema.type === 'string' && media.schema.format !== 'binary') {
    instance = text;
  } else {
    return {
      kind: 'not-checked',
      declared: match,
      reason: `a ${mediaTypeOf(media.contentType) || 'non-JSON'} body is not checked against its schema here`,
    };
  }

  const { schema, draft } = validatorSchema(media.schema, options.specVersion);
  let result: ReturnType<Validator['validate']>;
  try {
    // shortCircuit off: every mismatch is wanted, not only the first.
    result = new Validator(schema, draft, false).validate(instance);
  } catch (cause) {
    // The schema itself is unusable here (a pattern this browser's RegExp refuses, a $ref to
    // another document): say so rather than guess.
    return {
      kind: 'not-checked',
      declared: match,
      reason: `its schema could not be applied (${clip(errorText(cause).split('\n')[0] ?? '')})`,
    };
  }
  if (result.valid) return { kind: 'matches', declared: match };
  const issues = schemaIssues(result.errors, instance, schema);
  if (issues.length === 0) {
    // Only wrappers failed (should not happen): still say where, rather than "matches".
    issues.push({
      pointer: '',
      expected: 'the declared schema',
      actual: result.errors[0]?.error ?? 'a different value',
      keyword: result.errors[0]?.keyword ?? 'schema',
    });
  }
  const max = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  return {
    kind: 'mismatches',
    declared: match,
    issues: issues.slice(0, max),
    total: issues.length,
  };
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
