/**
 * Which of an operation's declared responses answers a status code, and which of its media
 * types answers a Content-Type, in the order OpenAPI gives them: the exact code before its
 * `4XX`-style range before `default`; the exact media type before `type/*` before `*∕*`.
 */
import type { ApiMediaContent, ApiOperation, ApiResponse } from '../definition/api-model';
import { parseContentType } from '../response/response-content-type';

/** The declared response for this status, or undefined when neither it, its range nor `default` is declared. */
export function declaredResponseFor(
  operation: Pick<ApiOperation, 'responses'>,
  status: number,
): ApiResponse | undefined {
  const exact = String(status);
  const range = `${exact.charAt(0)}XX`;
  const byStatus = (wanted: string) =>
    operation.responses.find((r) => r.status.toUpperCase() === wanted.toUpperCase());
  return byStatus(exact) ?? byStatus(range) ?? byStatus('default');
}

/** The declared media type matching a Content-Type header (parameters such as charset ignored). */
export function declaredMediaFor(
  response: Pick<ApiResponse, 'content'>,
  contentType: string,
): ApiMediaContent | undefined {
  const wanted = parseContentType(contentType).mediaType;
  const declared = response.content.map((media) => ({
    media,
    type: parseContentType(media.contentType).mediaType,
  }));
  const exact = declared.find((d) => d.type === wanted);
  if (exact) return exact.media;
  const slash = wanted.indexOf('/');
  const family = slash > 0 ? `${wanted.slice(0, slash)}/*` : undefined;
  return (
    declared.find((d) => family !== undefined && d.type === family)?.media ??
    declared.find((d) => d.type === '*/*')?.media
  );
}

/** JSON and its `+json` relatives (problem+json, hal+json...). */
export function isJsonMediaType(contentType: string): boolean {
  const type = parseContentType(contentType).mediaType;
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

/** The status codes a user can pick from, ranges and `default` as written, numeric ones first. */
export function declaredStatuses(operation: Pick<ApiOperation, 'responses'>): string[] {
  const rank = (status: string) => (/^\d{3}$/.test(status) ? 0 : status === 'default' ? 2 : 1);
  return operation.responses
    .map((r) => r.status)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
