/**
 * The body of an import (PUT /apis/{id} with `format` and `value`): a definition sent inline as
 * it is, or a link the service fetches itself.
 */
export type InlineFormat = 'openapi+json' | 'swagger-json' | 'openapi';
export type LinkFormat = 'openapi+json-link' | 'openapi-link' | 'swagger-link-json';

export type InlineImport =
  { ok: true; format: InlineFormat; title: string | undefined } | { ok: false; problem: string };

/** Which inline format a document is: OpenAPI 3 JSON or YAML, Swagger 2.0 JSON. */
export function inlineImportFormat(text: string): InlineImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (/^openapi\s*:\s*['"]?3\./m.test(text)) {
      const title = /^\s+title\s*:\s*['"]?(.+?)['"]?\s*$/m.exec(text)?.[1];
      return { ok: true, format: 'openapi', title };
    }
    if (/^swagger\s*:/m.test(text))
      return {
        ok: false,
        problem:
          'API Management imports Swagger 2.0 inline as JSON only: convert this YAML document to JSON, or import it from a URL.',
      };
    return { ok: false, problem: 'This is neither an OpenAPI 3 nor a Swagger 2.0 document.' };
  }
  const doc = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const info = doc.info as Record<string, unknown> | undefined;
  const title = typeof info?.title === 'string' ? info.title : undefined;
  if (typeof doc.openapi === 'string' && doc.openapi.startsWith('3'))
    return { ok: true, format: 'openapi+json', title };
  if (doc.swagger === '2.0') return { ok: true, format: 'swagger-json', title };
  return { ok: false, problem: 'This is neither an OpenAPI 3 nor a Swagger 2.0 document.' };
}

/** The link format for a URL: YAML by its extension, else OpenAPI JSON. */
export function linkFormatOf(url: string): LinkFormat {
  return /\.ya?ml(?:$|[?#])/i.test(url) ? 'openapi-link' : 'openapi+json-link';
}

export function importBody(
  format: InlineFormat | LinkFormat,
  value: string,
  path: string,
  serviceUrl?: string,
): { properties: Record<string, unknown> } {
  const backend = serviceUrl?.trim();
  return {
    properties: {
      format,
      value,
      path: path.trim().replace(/^\/+|\/+$/g, ''),
      ...(backend ? { serviceUrl: backend } : {}),
    },
  };
}
