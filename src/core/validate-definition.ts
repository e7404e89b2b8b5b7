import type { OpenAPI } from 'openapi-types';

/**
 * Checks a parsed, unresolved document against the official OpenAPI/Swagger schemas and the
 * spec's own rules (swagger-parser). Returns the problems as sentences; an empty list means
 * valid. The document may be modified: pass a copy. Heavy (ajv + the schemas), so it is only
 * ever imported on demand.
 */
export async function validateDefinition(doc: unknown): Promise<string[]> {
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  try {
    await new SwaggerParser().validate(doc as OpenAPI.Document, {
      resolve: { external: false },
      dereference: { circular: 'ignore' },
    });
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lines = message
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (lines.length <= 1) return [`Validation: ${message}`];
    const [heading, ...details] = lines;
    return details.map((detail) => `${heading?.replace(/[.:]$/, '')}: ${detail}`);
  }
}
