import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  importOpenApi,
  truncate,
  urlTemplateParts,
  type ImportFormat,
  type ImportedApi,
} from './openapi-import';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const DEMO = readFileSync(
  new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
  'utf8',
);

function refusal(value: string, format: ImportFormat): { message: string; target?: string } {
  try {
    importOpenApi(value, format);
  } catch (error) {
    if (error instanceof ImportError) return { message: error.message, target: error.target };
    throw error;
  }
  throw new Error('The document was imported');
}

/** A one-operation OpenAPI 3.0 document with `change` applied to its only operation. */
function oneOperation(operation: Record<string, unknown>, path = '/things'): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Things', version: '1' },
    paths: { [path]: { get: { responses: { '200': { description: 'OK' } }, ...operation } } },
  });
}

const noParameters = { queryParameters: [], headers: [], representations: [] };

describe('importOpenApi: OpenAPI 3', () => {
  it('maps the API, its operations, examples and schemas exactly', () => {
    const api = importOpenApi(fixture('pets.openapi.json'), 'openapi+json');
    expect(api.properties).toEqual({
      displayName: 'Pets',
      description: 'Pets to adopt.',
      serviceUrl: 'https://eu.pets.example.com/v1',
      protocols: ['https', 'http'],
      termsOfServiceUrl: 'https://pets.example.com/terms',
      contact: { name: 'Pet team', email: 'pets@example.com' },
      license: { name: 'MIT' },
    });
    expect(api.operations).toEqual([
      {
        id: 'listPets',
        properties: {
          displayName: 'List pets',
          method: 'GET',
          urlTemplate: '/pets',
          templateParameters: [],
          request: {
            queryParameters: [
              {
                name: 'limit',
                type: 'integer',
                description: 'How many pets to return.',
                defaultValue: '20',
                required: false,
                values: [],
              },
              {
                name: 'kind',
                type: 'string',
                required: true,
                values: ['cat', 'dog'],
                examples: { default: { value: 'cat' } },
              },
            ],
            headers: [{ name: 'X-Request-Id', type: 'string', required: false, values: [] }],
            representations: [],
          },
          responses: [
            {
              statusCode: 200,
              description: 'The pets.',
              representations: [
                {
                  contentType: 'application/json',
                  schemaId: 'default',
                  typeName: 'ListPetsResponse200',
                  examples: { default: { value: [{ id: 1, name: 'Tom' }] } },
                },
              ],
              headers: [
                {
                  name: 'X-Total',
                  type: 'integer',
                  description: 'How many pets there are.',
                  required: false,
                  values: [],
                },
              ],
            },
            {
              statusCode: 0,
              description: 'Something went wrong.',
              representations: [
                { contentType: 'application/json', schemaId: 'default', typeName: 'Error' },
              ],
              headers: [],
            },
          ],
        },
      },
      {
        id: 'post-pets',
        properties: {
          displayName: 'Add a pet',
          method: 'POST',
          urlTemplate: '/pets',
          templateParameters: [],
          description: 'Adds a pet to the store.',
          request: {
            description: 'The pet to add.',
            queryParameters: [],
            headers: [],
            representations: [
              {
                contentType: 'application/json',
                schemaId: 'default',
                typeName: 'NewPet',
                examples: { tom: { summary: 'A cat', value: { name: 'Tom' } } },
              },
              {
                contentType: 'application/x-www-form-urlencoded',
                schemaId: 'default',
                typeName: 'NewPetRequest',
              },
            ],
          },
          responses: [
            {
              statusCode: 201,
              description: 'Added.',
              representations: [
                { contentType: 'application/json', schemaId: 'default', typeName: 'Pet' },
              ],
              headers: [],
            },
          ],
        },
      },
      {
        id: 'get-pet-by-id',
        properties: {
          displayName: 'get pet by id',
          method: 'GET',
          urlTemplate: '/pets/{petId}',
          templateParameters: [
            {
              name: 'petId',
              type: 'integer',
              description: "The pet's id.",
              required: true,
              values: [],
            },
          ],
          request: noParameters,
          responses: [
            {
              statusCode: 200,
              description: 'A pet.',
              representations: [
                {
                  contentType: 'application/json',
                  schemaId: 'default',
                  typeName: 'Pet',
                  examples: { tom: { summary: 'Tom the cat', value: { id: 1, name: 'Tom' } } },
                },
              ],
              headers: [],
            },
            { statusCode: 404, description: 'No such pet.', representations: [], headers: [] },
          ],
        },
      },
      {
        id: 'deletePet',
        properties: {
          displayName: 'deletePet',
          method: 'DELETE',
          urlTemplate: '/pets/{petId}',
          // The operation's own petId wins over the path item's.
          templateParameters: [
            {
              name: 'petId',
              type: 'string',
              description: 'The id of the pet to delete.',
              required: true,
              values: [],
            },
          ],
          request: noParameters,
          responses: [
            { statusCode: 204, description: 'Deleted.', representations: [], headers: [] },
          ],
        },
      },
    ]);
    expect(Object.keys(api.schema?.document.components.schemas ?? {})).toEqual([
      'Pet',
      'NewPet',
      'Error',
      'ListPetsResponse200',
      'NewPetRequest',
    ]);
    expect(api.schema?.id).toBe('default');
    expect(api.schema?.contentType).toBe('application/vnd.oai.openapi.components+json');
    expect(api.schema?.document.components.schemas.ListPetsResponse200).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Pet' },
    });
    expect(api.warnings).toEqual([
      '1 operationId was changed to be unique and fit APIM\'s operation ids (1-80 of A-Z a-z 0-9 _ . -): "get pet by id" → "get-pet-by-id".',
      "1 cookie parameter was left out: APIM's operations have no cookie parameters.",
    ]);
  });

  it('reads the same document in YAML to the same result', () => {
    expect(importOpenApi(fixture('pets.openapi.yaml'), 'openapi')).toEqual(
      importOpenApi(fixture('pets.openapi.json'), 'openapi+json'),
    );
  });

  it('takes JSON under the YAML format too, YAML being a superset', () => {
    expect(importOpenApi(fixture('pets.openapi.json'), 'openapi')).toEqual(
      importOpenApi(fixture('pets.openapi.json'), 'openapi+json'),
    );
  });

  it("puts required query parameters in the template when asked to, as APIM's default does", () => {
    const api = importOpenApi(fixture('pets.openapi.json'), 'openapi+json', {
      translateRequiredQueryParameters: 'template',
    });
    const list = api.operations[0]?.properties;
    expect(list?.urlTemplate).toBe('/pets?kind={kind}');
    expect(list?.templateParameters.map((p) => p.name)).toEqual(['kind']);
    expect(list?.request?.queryParameters.map((p) => p.name)).toEqual(['limit']);
    expect(urlTemplateParts('/pets?kind={kind}&v=2')).toEqual({
      path: '/pets',
      query: [
        { name: 'kind', parameter: 'kind' },
        { name: 'v', value: '2' },
      ],
    });
  });

  it('reads OpenAPI 3.1 type lists and keeps JSON Schema 2020-12 schemas as they are', () => {
    const api = importOpenApi(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'New', version: '1' },
        paths: {
          '/items': {
            get: {
              operationId: 'list',
              parameters: [{ name: 'q', in: 'query', schema: { type: ['string', 'null'] } }],
              responses: {
                '2XX': {
                  description: 'OK',
                  content: { 'application/json': { schema: { const: 1, examples: [1] } } },
                },
              },
            },
          },
        },
      }),
      'openapi+json',
    );
    const op = api.operations[0]?.properties;
    expect(op?.request?.queryParameters[0]?.type).toBe('string');
    expect(op?.responses[0]?.statusCode).toBe(200);
    expect(api.schema?.document.components.schemas.ListResponse2XX).toEqual({
      const: 1,
      examples: [1],
    });
    expect(api.properties.protocols).toEqual(['https']);
    expect(api.warnings).toEqual([
      '1 response range (like 2XX) was imported as its first status code (2XX as 200).',
    ]);
  });

  it('makes operation ids fit and unique, keeping the ones the document chose', () => {
    const long = 'a'.repeat(90);
    const api = importOpenApi(
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'Ids', version: '1' },
        paths: {
          '/a/{id}': {
            get: { responses: { '200': { description: 'OK' } } },
            put: { operationId: 'get-a-id', responses: { '200': { description: 'OK' } } },
            post: { operationId: long, responses: { '200': { description: 'OK' } } },
            delete: { operationId: 'GET-A-ID', responses: { '200': { description: 'OK' } } },
            patch: { operationId: '..', responses: { '200': { description: 'OK' } } },
          },
        },
      }),
      'openapi+json',
    );
    expect(api.operations.map((op) => op.id)).toEqual([
      'get-a-id-2',
      'get-a-id',
      'a'.repeat(80),
      'GET-A-ID-3',
      'patch-a-id',
    ]);
    expect(api.operations.map((op) => op.properties.displayName)).toEqual([
      'GET /a/{id}',
      'get-a-id',
      long,
      'GET-A-ID',
      '..',
    ]);
    expect(api.warnings[0]).toBe(
      `3 operationIds were changed to be unique and fit APIM's operation ids (1-80 of A-Z a-z 0-9 _ . -): "${long}" → "${'a'.repeat(80)}", "GET-A-ID" → "GET-A-ID-3", ".." → "patch-a-id".`,
    );
  });

  it('shortens long descriptions at a word, gives a 200 to operations without responses, declares path parameters the path names', () => {
    const description = `${'word '.repeat(250)}end`;
    const api = importOpenApi(
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'Edges', version: '1' },
        paths: { '/x/{id}': { get: { description, responses: {} } } },
      }),
      'openapi+json',
    );
    const op = api.operations[0]?.properties;
    expect(op?.description).toBe(truncate(description, 1000));
    expect(op?.description).toHaveLength(1000);
    expect(op?.description?.endsWith('word…')).toBe(true);
    expect(op?.responses).toEqual([
      { statusCode: 200, description: 'OK', representations: [], headers: [] },
    ]);
    expect(op?.templateParameters).toEqual([
      { name: 'id', type: 'string', required: true, values: [] },
    ]);
    expect(api.warnings).toEqual([
      '1 operation without responses got a 200.',
      "1 display name or description was shortened to APIM's limits (300 and 1000 characters).",
      '1 path parameter was in a path but not declared: imported as required strings.',
    ]);
  });

  it('leaves out Accept, Content-Type and Authorization headers, as OpenAPI says', () => {
    const api = importOpenApi(
      oneOperation({
        parameters: [
          { name: 'Authorization', in: 'header', schema: { type: 'string' } },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
        ],
      }),
      'openapi+json',
    );
    expect(api.operations[0]?.properties.request?.headers.map((h) => h.name)).toEqual(['X-Trace']);
  });
});

describe('importOpenApi: Swagger 2.0', () => {
  it('maps body parameters to representations of the consumed types, formData to form parameters', () => {
    const api: ImportedApi = importOpenApi(fixture('pets.swagger.json'), 'swagger-json');
    expect(api.properties).toEqual({
      displayName: 'Pets (Swagger)',
      serviceUrl: 'https://pets.example.com/v2',
      protocols: ['https', 'http'],
    });
    expect(api.operations).toEqual([
      {
        id: 'addPet',
        properties: {
          displayName: 'Add a pet',
          method: 'POST',
          urlTemplate: '/pets',
          templateParameters: [],
          request: {
            description: 'The pet to add.',
            queryParameters: [],
            headers: [],
            representations: [
              { contentType: 'application/json', schemaId: 'default', typeName: 'Pet' },
            ],
          },
          responses: [
            {
              statusCode: 200,
              description: 'Added.',
              representations: [
                {
                  contentType: 'application/json',
                  schemaId: 'default',
                  typeName: 'Pet',
                  examples: { default: { value: { id: 1, name: 'Tom' } } },
                },
              ],
              headers: [],
            },
          ],
        },
      },
      {
        id: 'uploadPhoto',
        properties: {
          displayName: 'uploadPhoto',
          method: 'POST',
          urlTemplate: '/pets/{petId}/photo',
          templateParameters: [{ name: 'petId', type: 'integer', required: true, values: [] }],
          request: {
            queryParameters: [],
            headers: [],
            representations: [
              {
                contentType: 'multipart/form-data',
                formParameters: [
                  {
                    name: 'caption',
                    type: 'string',
                    description: 'What the photo shows.',
                    required: false,
                    values: [],
                  },
                  { name: 'file', type: 'file', required: true, values: [] },
                ],
              },
            ],
          },
          responses: [
            {
              statusCode: 200,
              description: 'Uploaded.',
              representations: [],
              headers: [
                {
                  name: 'X-Rate-Limit',
                  type: 'integer',
                  description: 'Calls left.',
                  required: false,
                  values: [],
                },
              ],
            },
          ],
        },
      },
      {
        id: 'findPets',
        properties: {
          displayName: 'findPets',
          method: 'GET',
          urlTemplate: '/pets/find',
          templateParameters: [],
          request: {
            queryParameters: [{ name: 'tags', type: 'array', required: true, values: [] }],
            headers: [],
            representations: [],
          },
          responses: [
            {
              statusCode: 200,
              description: 'The pets found.',
              representations: [
                {
                  contentType: 'application/json',
                  schemaId: 'default',
                  typeName: 'FindPetsResponse200',
                },
              ],
              headers: [],
            },
          ],
        },
      },
    ]);
    // The schema entity holds OpenAPI 3 components: Swagger's #/definitions refs are rewritten.
    expect(api.schema?.document.components.schemas).toEqual({
      Pet: {
        type: 'object',
        required: ['name'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          friend: { $ref: '#/components/schemas/Pet' },
        },
      },
      FindPetsResponse200: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
    });
    expect(api.warnings).toEqual([]);
  });
});

describe('importOpenApi refuses', () => {
  it('a document of another kind than the format says', () => {
    expect(refusal(fixture('pets.swagger.json'), 'openapi+json')).toEqual({
      message: 'The document is Swagger 2.0, not OpenAPI 3: import it with format "swagger-json".',
      target: 'format',
    });
    expect(refusal(fixture('pets.openapi.json'), 'swagger-json')).toEqual({
      message:
        'The document is OpenAPI 3.0.3, not Swagger 2.0: import it with format "openapi+json" (or "openapi" for YAML).',
      target: 'format',
    });
    expect(refusal(fixture('pets.openapi.yaml'), 'openapi+json').target).toBe('value');
    expect(refusal('{"openapi": "4.0.0", "paths": {}}', 'openapi+json')).toEqual({
      message: 'OpenAPI 4.0.0 is not supported: the import reads OpenAPI 3.0 and 3.1.',
      target: 'openapi',
    });
    expect(refusal('{"info": {"title": "x"}, "paths": {}}', 'openapi')).toEqual({
      message:
        'The document is not OpenAPI 3: it needs an "openapi" field (e.g. "3.0.3") at its top.',
      target: 'openapi',
    });
    expect(refusal('- just\n- a list\n', 'openapi')).toEqual({
      message: 'The document is not an OpenAPI object (a map at its top).',
      target: 'value',
    });
  });

  it('malformed JSON and YAML, saying where', () => {
    expect(refusal('{\n  "openapi": "3.0.0",\n  "info": }\n', 'openapi+json')).toEqual({
      message: 'The document is not valid JSON at line 3, column 11: value expected.',
      target: 'value',
    });
    expect(refusal('openapi: 3.0.0\ninfo:\n  title: [x\npaths: {}\n', 'openapi')).toEqual({
      message:
        'The document is not valid YAML at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      target: 'value',
    });
    expect(refusal('  ', 'openapi')).toEqual({
      message: 'The document is empty.',
      target: 'value',
    });
  });

  it('a document without paths or operations', () => {
    const base = { openapi: '3.0.0', info: { title: 'Empty', version: '1' } };
    expect(refusal(JSON.stringify(base), 'openapi+json')).toEqual({
      message: 'The document has no paths: there is no operation to import.',
      target: 'paths',
    });
    expect(refusal(JSON.stringify({ ...base, paths: { '/x': {} } }), 'openapi+json')).toEqual({
      message: 'The document has no operations under its paths.',
      target: 'paths',
    });
  });

  it('external and broken $refs, naming them', () => {
    expect(
      refusal(
        oneOperation({ parameters: [{ $ref: 'common.yaml#/parameters/limit' }] }),
        'openapi+json',
      ),
    ).toEqual({
      message:
        'The $ref "common.yaml#/parameters/limit" at paths./things.get.parameters.0 points outside the document: APIM imports one self-contained document, so put what it refers to in the document.',
      target: 'paths./things.get.parameters.0',
    });
    expect(
      refusal(
        oneOperation({
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Gone' } } },
            },
          },
        }),
        'openapi+json',
      ),
    ).toEqual({
      message:
        'The $ref "#/components/schemas/Gone" at paths./things.get.responses.200.content.application/json.schema points to nothing.',
      target: 'paths./things.get.responses.200.content.application/json.schema',
    });
  });

  it('a document without a title, and a status that is not one', () => {
    expect(
      refusal(JSON.stringify({ openapi: '3.0.0', info: {}, paths: { '/x': {} } }), 'openapi+json'),
    ).toEqual({
      message: "The document has no info.title, which becomes the API's display name.",
      target: 'info.title',
    });
    expect(
      refusal(oneOperation({ responses: { ok: { description: 'OK' } } }), 'openapi+json'),
    ).toEqual({
      message: '"ok" is not an HTTP status code.',
      target: 'paths./things.get.responses.ok',
    });
  });

  it('leaves literal "$ref" members in examples alone', () => {
    const api = importOpenApi(
      oneOperation({
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { example: { $ref: 'not/a/reference' } } },
          },
        },
      }),
      'openapi+json',
    );
    expect(api.operations[0]?.properties.responses[0]?.representations).toEqual([
      {
        contentType: 'application/json',
        examples: { default: { value: { $ref: 'not/a/reference' } } },
      },
    ]);
  });
});

describe('importOpenApi: the definitions the project ships and measures', () => {
  it('imports the Azure ML demo API, which the local gateway publishes', () => {
    const api = importOpenApi(DEMO, 'openapi+json');
    expect(api.warnings).toEqual([]);
    expect(api.properties.displayName).toBe('AzureML Demo API');
    expect(api.properties.serviceUrl).toBe('http://127.0.0.1:8790');
    expect(api.properties.protocols).toEqual(['http', 'https']);
    const base = '/workspaces/{workspace}/services/{service}';
    expect(
      api.operations.map(({ id, properties: p }) => [id, p.displayName, p.method, p.urlTemplate]),
    ).toEqual([
      ['RRS_Execute', 'RRS Execute', 'POST', `${base}/execute`],
      ['executeSignedIn', 'Score as a signed-in user', 'POST', `/signed-in${base}/execute`],
      ['BES_Submit', 'BES Submit', 'POST', `${base}/jobs`],
      ['BES_Start', 'BES Start', 'POST', `${base}/jobs/{jobid}/start`],
      ['BES_Status', 'BES Status', 'GET', `${base}/jobs/{jobid}`],
      ['BES_Delete', 'BES Delete', 'DELETE', `${base}/jobs/{jobid}`],
    ]);
    // Each response as status, content type, schema, example names and headers: the example
    // values are the document's own, checked in full for BES Submit below.
    const responses = Object.fromEntries(
      api.operations.map(({ id, properties }) => [
        id,
        properties.responses.map((r) =>
          [
            r.statusCode,
            ...(r.representations ?? []).map(
              (x) => `${x.contentType} ${x.typeName} [${Object.keys(x.examples ?? {}).join(',')}]`,
            ),
            ...(r.headers ?? []).map((h) => h.name),
          ].join(' '),
        ),
      ]),
    );
    const json = 'application/json';
    const unauthorized = `401 ${json} UnauthorizedResponse [azureml,apimMissing,apimInvalid] WWW-Authenticate`;
    const quota = `403 ${json} GatewayError [quota] Retry-After`;
    const rate = `429 ${json} GatewayError [rate] Retry-After`;
    const internal = `500 ${json} Error [internal]`;
    const unavailable = `503 ${json} Error [throttled] Retry-After`;
    expect(responses).toEqual({
      RRS_Execute: [
        `200 ${json} ExecuteResponse [tutorial]`,
        `400 ${json} Error [missingCol2,rowLength,missingInput,badParameter,apiVersion]`,
        unauthorized,
        quota,
        `404 ${json} Error [workspace,service]`,
        `408 ${json} Error [timeout]`,
        `413 ${json} Error [body]`,
        rate,
        internal,
        unavailable,
        `504 ${json} Error [gateway]`,
      ],
      executeSignedIn: [
        `200 ${json} ExecuteResponse [tutorial]`,
        `400 ${json} Error [missingCol2,rowLength,missingInput,badParameter,apiVersion]`,
        `401 ${json} GatewayError [missing,audience]`,
        quota,
        `404 ${json} Error [workspace,service]`,
        `408 ${json} Error [timeout]`,
        `413 ${json} Error [body]`,
        rate,
        internal,
        unavailable,
        `504 ${json} Error [gateway]`,
      ],
      BES_Submit: [
        `200 ${json} JobId [default]`,
        `400 ${json} Error [noInput,invalidBlob]`,
        unauthorized,
        quota,
        `404 ${json} Error [workspace,service]`,
        `413 ${json} Error [body]`,
        rate,
        internal,
        unavailable,
      ],
      BES_Start: [
        '200',
        `400 ${json} Error [alreadyRunning]`,
        unauthorized,
        quota,
        `404 ${json} Error [job,workspace]`,
        `409 ${json} Error [conflict]`,
        rate,
        internal,
        unavailable,
      ],
      BES_Status: [
        `200 ${json} JobStatus [running,finished,failed]`,
        `400 ${json} Error [missing,wrong]`,
        unauthorized,
        quota,
        `404 ${json} Error [job,workspace]`,
        rate,
        internal,
        unavailable,
      ],
      BES_Delete: [
        '200',
        `400 ${json} Error [missing,wrong]`,
        unauthorized,
        quota,
        `404 ${json} Error [job,workspace]`,
        `409 ${json} Error [conflict]`,
        rate,
        internal,
        unavailable,
      ],
    });
    const execute = api.operations[0]?.properties;
    expect(
      execute?.request?.representations.map((r) => [r.typeName, Object.keys(r.examples ?? {})]),
    ).toEqual([['ExecuteRequest', ['tutorial', 'severalRows']]]);
    expect(execute?.request?.queryParameters.map((p) => [p.name, p.required])).toEqual([
      ['api-version', true],
      ['details', false],
    ]);
    const submit = api.operations.find((op) => op.id === 'BES_Submit')?.properties;
    expect(submit?.responses[0]).toEqual({
      statusCode: 200,
      description: 'The job is created, not started: its id, as a JSON string.',
      representations: [
        {
          contentType: 'application/json',
          schemaId: 'default',
          typeName: 'JobId',
          examples: { default: { value: '539d0bc2fde945b6ac986b851d0000f0' } },
        },
      ],
      headers: [],
    });
    expect(submit?.templateParameters.map((p) => p.name)).toEqual(['workspace', 'service']);
    expect(submit?.request?.queryParameters).toEqual([
      {
        name: 'api-version',
        type: 'string',
        description: 'Version of the web service API. Always `2.0`.',
        defaultValue: '2.0',
        required: true,
        values: ['2.0'],
        examples: { default: { value: '2.0' } },
      },
    ]);
    expect(Object.keys(api.schema?.document.components.schemas ?? {})).toEqual([
      'DataTable',
      'GlobalParameters',
      'ExecuteRequest',
      'OutputTable',
      'ExecuteResponse',
      'BlobReference',
      'SubmitJobRequest',
      'JobId',
      'JobStatus',
      'Error',
      'GatewayError',
      // The 401 response's inline oneOf, named after the shared response it comes from.
      'UnauthorizedResponse',
    ]);
  });

  it('imports the 2,000-operation benchmark definition in well under a second', async () => {
    // Loaded by URL: tsconfig.server.json lists only server/, and the benchmark's generator is
    // the one the portal's 2,000-operation measurements use.
    const generator = new URL('../../../bench/generate-definition.ts', import.meta.url).href;
    const { generateDefinition } = (await import(generator)) as {
      generateDefinition: (count: number, serverUrl: string) => Record<string, unknown>;
    };
    const text = JSON.stringify(generateDefinition(2000, 'http://127.0.0.1:1'));
    const started = performance.now();
    const api = importOpenApi(text, 'openapi+json');
    const elapsed = performance.now() - started;
    expect(api.operations).toHaveLength(2000);
    expect(new Set(api.operations.map((op) => op.id.toLowerCase())).size).toBe(2000);
    expect(api.warnings).toEqual([]);
    // Measured at about 50 ms on two cores; the bound leaves room for a loaded machine.
    expect(elapsed).toBeLessThan(1000);
  });
});
