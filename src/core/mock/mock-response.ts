/**
 * Answers a request in the browser from the definition, for the Mock environment: the
 * declared response for the status the user picked, its example (the media type's `examples`
 * or `example`, else the schema's), else a body openapi-sampler builds from the schema. No
 * network call is made. openapi-sampler walks the schema without generating code (no eval);
 * this module is loaded on demand.
 */
import { sample } from 'openapi-sampler';
import type {
  ApiMediaContent,
  ApiOperation,
  ApiResponse,
  JsonSchema,
} from '../definition/api-model';
import type { HttpRequest } from '../request/http-request';
import type { HttpResponse } from '../request/send-request';
import { SendError } from '../request/send-error';
import { statusTextFor } from '../response/http-status-text';
import { headerValue } from '../util/header-lookup';
import { isJsonMediaType } from '../response-check/declared-response';
import { MOCK_BASE_URL } from './mock-environment';
import { MOCKED_IN_BROWSER_HEADER, MOCKED_IN_BROWSER_VALUE } from './mock-marker';

import {
  defaultMockStatus,
  statusCodeOf,
  type MockChoice,
  type MockOperation,
} from './mock-status';

export { defaultMockStatus, statusCodeOf } from './mock-status';

/** The media type to answer with: one the request's Accept names, else the first (JSON first). */
function chooseMedia(response: ApiResponse, accept: string | null): ApiMediaContent | undefined {
  if (accept) {
    const wanted = accept.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '');
    const named = response.content.find((m) => wanted.includes(m.contentType.toLowerCase()));
    if (named) return named;
  }
  return response.content[0];
}

/** Where the body came from, for the panel to say. */
export type MockBodySource = 'example' | 'schema' | 'none';

export interface MockBody {
  text: string;
  contentType: string;
  source: MockBodySource;
}

function render(value: unknown, contentType: string): string {
  if (typeof value === 'string' && !isJsonMediaType(contentType)) return value;
  return JSON.stringify(value, null, 2) ?? '';
}

function sampled(schema: JsonSchema, contentType: string): unknown {
  // Response bodies: writeOnly properties are never sent back; a recursive schema is cut
  // short by the sampler's depth limit.
  return sample(schema, {
    skipWriteOnly: true,
    quiet: true,
    ...(contentType.includes('xml') ? { format: 'xml' as const } : {}),
  });
}

/** The body of a declared media type: the example named (else its first), else a sample of its schema. */
export function mockBody(media: ApiMediaContent | undefined, exampleName?: string): MockBody {
  if (!media) return { text: '', contentType: '', source: 'none' };
  const contentType = media.contentType.includes('*') ? 'application/json' : media.contentType;
  const example = media.examples.find((e) => e.name === exampleName) ?? media.examples[0];
  if (example !== undefined) {
    return { text: render(example.value, contentType), contentType, source: 'example' };
  }
  if (media.schema) {
    return {
      text: render(sampled(media.schema, contentType), contentType),
      contentType,
      source: 'schema',
    };
  }
  return { text: '', contentType, source: 'none' };
}

function withCharset(contentType: string): string {
  return /^text\/|json|xml/i.test(contentType) && !/charset=/i.test(contentType)
    ? `${contentType}; charset=utf-8`
    : contentType;
}

/** A header's example value from its schema, as a string (headers are text). */
function headerExample(schema: JsonSchema | undefined): string | undefined {
  if (!schema) return undefined;
  const value = schema.example ?? schema.default ?? sample(schema, { quiet: true });
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface MockOptions {
  /** A declared status ("200", "4XX", "default"); defaultMockStatus when absent. */
  status?: string;
  /** Which of the response's examples, by name; its first when absent or unknown. */
  example?: string;
  /** Read for Accept, to pick among several media types. */
  request?: Pick<HttpRequest, 'headers'>;
}

/**
 * The response the Mock environment gives for this operation: status, Content-Type (and the
 * response's declared headers, from their examples), the body, and the header that marks it
 * as made in the browser.
 */
export function mockResponse(operation: MockOperation, options: MockOptions = {}): HttpResponse {
  const started = performance.now();
  const declared = options.status ?? defaultMockStatus(operation);
  const response = operation.responses.find((r) => r.status === declared);
  const status = response ? statusCodeOf(response.status, operation) : 200;
  const accept = options.request
    ? (options.request.headers.find((h) => h.name.toLowerCase() === 'accept')?.value ?? null)
    : null;
  const body = mockBody(response ? chooseMedia(response, accept) : undefined, options.example);
  const headers: Array<[string, string]> = [];
  if (body.contentType) headers.push(['content-type', withCharset(body.contentType)]);
  for (const header of response?.headers ?? []) {
    if (header.name.toLowerCase() === 'content-type') continue;
    const value = headerExample(header.schema);
    if (value !== undefined) headers.push([header.name.toLowerCase(), value]);
  }
  headers.push([MOCKED_IN_BROWSER_HEADER.toLowerCase(), MOCKED_IN_BROWSER_VALUE]);
  const bytes = new TextEncoder().encode(body.text);
  return {
    status,
    statusText: statusTextFor(status, ''),
    headers,
    body: bytes,
    contentType: headerValue(headers, 'content-type') ?? '',
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    size: bytes.byteLength,
    // Not a live rate limit: a mocked 429's Retry-After starts no countdown (as for a response
    // kept in History).
    receivedAt: 0,
  };
}

/** The operation a mocked request is for: its method, and its path matched against the templates. */
export function operationForRequest<T extends Pick<ApiOperation, 'method' | 'path'>>(
  operations: readonly T[],
  request: Pick<HttpRequest, 'method' | 'url'>,
): T | undefined {
  let path: string;
  try {
    const url = new URL(request.url);
    const base = new URL(MOCK_BASE_URL);
    if (url.origin !== base.origin) return undefined;
    path = url.pathname;
  } catch {
    return undefined;
  }
  const method = request.method.toLowerCase();
  const matches = (template: string) => {
    const pattern = template
      .split(/(\{[^}]+\})/)
      .map((part) =>
        /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    return new RegExp(`^${pattern}/?$`).test(path);
  };
  // A literal path (/jobs/latest) before a templated one (/jobs/{id}) that also matches.
  const candidates = operations.filter((op) => op.method === method && matches(op.path));
  return candidates.sort((a, b) => templateCount(a.path) - templateCount(b.path))[0];
}

function templateCount(path: string): number {
  return (path.match(/\{/g) ?? []).length;
}

/**
 * A sender with the console's shape for the Mock environment, for callers that only hold a
 * request (a workflow run): the operation is found from the URL; `choiceFor` picks the status
 * (and example) to answer with.
 */
export function mockSender(
  operations: readonly ApiOperation[],
  choiceFor: (operation: ApiOperation) => MockChoice | string | undefined = () => undefined,
): (request: HttpRequest, signal?: AbortSignal) => Promise<HttpResponse> {
  return (request, signal) => {
    if (signal?.aborted) {
      return Promise.reject(
        new SendError('cancelled', 'The request was cancelled', 'Press Send to try again.'),
      );
    }
    const operation = operationForRequest(operations, request);
    if (!operation) {
      return Promise.reject(
        new SendError(
          'invalid-url',
          `The Mock environment has no operation for ${request.method} ${request.url}`,
          'Mocked calls are answered from the definition: the method and path must be one of its operations.',
        ),
      );
    }
    const picked = choiceFor(operation);
    const choice: MockChoice = typeof picked === 'string' ? { status: picked } : (picked ?? {});
    return Promise.resolve(
      mockResponse(operation, {
        request,
        ...(choice.status !== undefined ? { status: choice.status } : {}),
        ...(choice.example !== undefined ? { example: choice.example } : {}),
      }),
    );
  };
}
