import { describe, expect, it } from 'vitest';
import { DefinitionError, loadDefinition } from './load-definition';
import type { JsonSchema } from './api-model';
import { fetchInputUrl } from '../util/fetch-input-url';

const openapi30 = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.2.0', description: '# Pets\nAll about pets.' },
  servers: [{ url: 'https://{region}.example.com/v1', variables: { region: { default: 'eu' } } }],
  tags: [{ name: 'pets', description: 'Pet operations' }],
  security: [{ key: [] }],
  paths: {
    '/pets/{petId}': {
      parameters: [
        { name: 'petId', in: 'path', required: true, schema: { type: 'string' }, example: 'p1' },
        { name: 'verbose', in: 'query', schema: { type: 'boolean', default: false } },
      ],
      get: {
        operationId: 'getPet',
        summary: 'Get a pet',
        tags: ['pets'],
        parameters: [
          {
            name: 'verbose',
            in: 'query',
            description: 'op-level wins',
            schema: { type: 'boolean' },
          },
          { name: 'X-Trace', in: 'header', examples: { a: { value: 'trace-1' } } },
        ],
        responses: {
          '200': { $ref: '#/components/responses/PetResponse' },
          default: {
            description: 'Error',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
      put: {
        tags: ['admin'],
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/xml': { schema: { $ref: '#/components/schemas/Pet' } },
            'application/json': {
              schema: { $ref: '#/components/schemas/Pet' },
              examples: { rex: { summary: 'A dog', value: { name: 'Rex' } } },
            },
          },
        },
        responses: { '204': { description: 'Saved' } },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'http', scheme: 'Bearer', description: 'API key' } },
    responses: {
      PetResponse: {
        description: 'A pet',
        headers: { 'X-Rate': { description: 'calls left', schema: { type: 'integer' } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
      },
    },
    schemas: {
      Pet: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, parent: { $ref: '#/components/schemas/Pet' } },
        example: { name: 'Tom' },
      },
    },
  },
};

describe('loadDefinition: OpenAPI 3.0', () => {
  it('normalises operations, parameters, bodies, responses and security', async () => {
    const def = await loadDefinition(
      { text: JSON.stringify(openapi30), fileName: 'pets.json' },
      { id: 'pets' },
    );
    expect(def).toMatchObject({
      id: 'pets',
      title: 'Pets',
      version: '1.2.0',
      description: '# Pets\nAll about pets.',
      specVersion: 'openapi-3.0',
      servers: ['https://eu.example.com/v1'],
      tags: [{ name: 'pets', description: 'Pet operations' }, { name: 'admin' }],
      securitySchemes: {
        key: { id: 'key', type: 'http', scheme: 'bearer', description: 'API key' },
      },
      warnings: [],
    });
    const [get, put] = def.operations;
    expect(get).toMatchObject({
      slug: 'getPet',
      method: 'get',
      path: '/pets/{petId}',
      summary: 'Get a pet',
    });
    expect(get?.security).toEqual([['key']]);
    expect(
      get?.parameters.map((p) => [p.in, p.name, p.required, p.example, p.description]),
    ).toEqual([
      ['path', 'petId', true, 'p1', undefined],
      ['query', 'verbose', false, undefined, 'op-level wins'],
      ['header', 'X-Trace', false, 'trace-1', undefined],
    ]);
    const ok = get?.responses[0];
    expect(ok?.status).toBe('200');
    expect(ok?.headers).toEqual([
      { name: 'X-Rate', description: 'calls left', schema: { type: 'integer' } },
    ]);
    expect(ok?.content[0]?.examples).toEqual([{ name: 'Example', value: { name: 'Tom' } }]);
    expect(get?.responses[1]).toMatchObject({ status: 'default', description: 'Error' });

    expect(put).toMatchObject({
      slug: 'put-pets-petid',
      summary: 'PUT /pets/{petId}',
      security: [],
    });
    expect(put?.requestBody?.required).toBe(true);
    expect(put?.requestBody?.content.map((c) => c.contentType)).toEqual([
      'application/json',
      'application/xml',
    ]);
    expect(put?.requestBody?.content[0]?.examples).toEqual([
      { name: 'rex', summary: 'A dog', value: { name: 'Rex' } },
    ]);
  });

  it('builds bodies and responses on first read, then keeps them as plain values', async () => {
    const def = await loadDefinition({ text: JSON.stringify(openapi30) });
    const op = def.operations[0]!;
    expect(Object.getOwnPropertyDescriptor(op, 'responses')?.get).toBeTypeOf('function');
    const first = op.responses;
    expect(op.responses).toBe(first);
    expect(Object.getOwnPropertyDescriptor(op, 'responses')).toMatchObject({
      value: first,
      enumerable: true,
    });
    expect({ ...def.operations[1]! }.requestBody?.required).toBe(true);
  });

  it('resolves circular $refs into a cycle without copying', async () => {
    const def = await loadDefinition({ text: JSON.stringify(openapi30) });
    const schema = def.operations[1]?.requestBody?.content[0]?.schema as JsonSchema;
    const parent = (schema.properties as Record<string, JsonSchema>).parent;
    expect(parent).toBe(schema);
    expect(def.operations[1]?.requestBody?.content[1]?.schema).toBe(schema);
    expect(def.id).toBe('pets');
  });
});

describe('loadDefinition: OpenAPI 3.1', () => {
  it('reads 3.1 documents, $ref siblings and schema examples arrays', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Thirty One', version: '1' },
      paths: {
        '/items': {
          post: {
            operationId: 'create item',
            requestBody: {
              content: {
                'application/json': { schema: { $ref: '#/$defs/Item', description: 'New' } },
              },
            },
            responses: { '201': { description: 'Created' } },
          },
        },
      },
      $defs: { Item: { type: ['object', 'null'], examples: [{ id: 1 }] } },
    };
    const def = await loadDefinition({ text: JSON.stringify(doc) });
    const op = def.operations[0];
    expect(def.specVersion).toBe('openapi-3.1');
    expect(op?.slug).toBe('create-item');
    expect(op?.requestBody?.content[0]).toEqual({
      contentType: 'application/json',
      schema: { type: ['object', 'null'], examples: [{ id: 1 }], description: 'New' },
      examples: [{ name: 'Example', value: { id: 1 } }],
    });
    expect(def.servers).toEqual([]);
  });
});

describe('loadDefinition: Swagger 2.0', () => {
  const swagger = {
    swagger: '2.0',
    info: { title: 'Old', version: 'v1' },
    host: 'api.example.com',
    basePath: '/base',
    schemes: ['https', 'http'],
    consumes: ['application/json'],
    produces: ['application/json'],
    securityDefinitions: {
      basicAuth: { type: 'basic' },
      key: { type: 'apiKey', in: 'query', name: 'code' },
    },
    security: [{ key: [] }],
    paths: {
      '/things/{id}': {
        post: {
          operationId: 'addThing',
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'integer', 'x-example': 7 },
            {
              name: 'tags',
              in: 'query',
              type: 'array',
              items: { type: 'string' },
              collectionFormat: 'multi',
            },
            { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Thing' } },
          ],
          responses: {
            '200': {
              description: 'OK',
              schema: { $ref: '#/definitions/Thing' },
              examples: { 'application/json': { name: 'a' } },
              headers: { 'X-Id': { type: 'string', description: 'id' } },
            },
          },
        },
      },
      '/upload': {
        post: {
          security: [{ basicAuth: [] }],
          consumes: ['multipart/form-data'],
          parameters: [
            { name: 'file', in: 'formData', type: 'file', required: true },
            { name: 'note', in: 'formData', type: 'string' },
          ],
          responses: { '200': { description: 'OK' } },
        },
      },
    },
    definitions: { Thing: { type: 'object', properties: { name: { type: 'string' } } } },
  };

  it('maps host/basePath/schemes, body, formData, produces and securityDefinitions', async () => {
    const def = await loadDefinition({ text: JSON.stringify(swagger) });
    expect(def.specVersion).toBe('swagger-2.0');
    expect(def.servers).toEqual(['https://api.example.com/base', 'http://api.example.com/base']);
    expect(def.securitySchemes).toEqual({
      basicAuth: { id: 'basicAuth', type: 'http', scheme: 'basic' },
      key: { id: 'key', type: 'apiKey', in: 'query', name: 'code' },
    });
    const [add, upload] = def.operations;
    expect(add?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 },
      {
        name: 'tags',
        in: 'query',
        required: false,
        schema: { type: 'array', items: { type: 'string' } },
        style: 'form',
        explode: true,
      },
    ]);
    expect(add?.requestBody).toEqual({
      required: true,
      content: [
        {
          contentType: 'application/json',
          schema: { type: 'object', properties: { name: { type: 'string' } } },
          examples: [],
        },
      ],
    });
    expect(add?.responses[0]?.content[0]?.examples).toEqual([
      { name: 'Example', value: { name: 'a' } },
    ]);
    expect(add?.responses[0]?.headers).toEqual([
      { name: 'X-Id', description: 'id', schema: { type: 'string' } },
    ]);
    expect(add?.security).toEqual([['key']]);
    expect(upload?.security).toEqual([['basicAuth']]);
    expect(upload?.requestBody?.content).toEqual([
      {
        contentType: 'multipart/form-data',
        schema: {
          type: 'object',
          properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } },
          required: ['file'],
        },
        examples: [],
      },
    ]);
  });
});

describe('loadDefinition: YAML', () => {
  it('reads YAML with anchors and numeric status keys', async () => {
    const yaml = [
      'openapi: 3.0.0',
      'info: { title: Yaml API, version: "1" }',
      'paths:',
      '  /a:',
      '    get:',
      '      summary: Get A',
      '      responses:',
      '        200:',
      '          description: OK',
    ].join('\n');
    const def = await loadDefinition({ text: yaml, fileName: 'api.yaml' });
    expect(def.title).toBe('Yaml API');
    const unquoted = await loadDefinition({ text: yaml.replace('openapi: 3.0.0', 'openapi: 3.0') });
    expect(unquoted.specVersion).toBe('openapi-3.0');
    expect(unquoted.warnings).toEqual([
      '"openapi" should be a string such as "3.0.3", not a number',
    ]);
    expect(def.operations[0]).toMatchObject({
      slug: 'get-a',
      summary: 'Get A',
      responses: [{ status: '200' }],
    });
  });
});

describe('loadDefinition: YAML Swagger 2.0 with circular definitions', () => {
  it('resolves a self-referencing tree and shares the schema object', async () => {
    const yaml = [
      'swagger: "2.0"',
      'info: { title: Tree, version: "1" }',
      'basePath: /v1',
      'paths:',
      '  /nodes:',
      '    get:',
      '      produces: [application/json]',
      '      responses:',
      '        "200":',
      '          description: The tree',
      '          schema: { $ref: "#/definitions/Node" }',
      'definitions:',
      '  Node:',
      '    type: object',
      '    properties:',
      '      children: { type: array, items: { $ref: "#/definitions/Node" } }',
    ].join('\n');
    const def = await loadDefinition({ text: yaml, fileName: 'tree.yaml' });
    expect(def.servers).toEqual(['/v1']);
    const schema = def.operations[0]?.responses[0]?.content[0]?.schema as JsonSchema;
    const children = (schema.properties as Record<string, JsonSchema>).children as JsonSchema;
    expect(children.items).toBe(schema);
  });
});

describe('loadDefinition: OpenAPI 3.1 path item references and webhooks', () => {
  it('follows $ref path items and accepts a document without paths', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Refs', version: '1' },
      paths: { '/ping': { $ref: '#/components/pathItems/Ping' } },
      components: {
        pathItems: {
          Ping: { get: { summary: 'Ping', responses: { '204': { description: 'pong' } } } },
        },
      },
    };
    const def = await loadDefinition({ text: JSON.stringify(doc) });
    expect(def.operations.map((o) => [o.slug, o.summary])).toEqual([['get-ping', 'Ping']]);
    const hooks = await loadDefinition({
      text: JSON.stringify({
        openapi: '3.1.0',
        info: { title: 'Hooks', version: '1' },
        webhooks: {},
      }),
    });
    expect(hooks.operations).toEqual([]);
    expect(hooks.warnings).toEqual([]);
  });
});

describe('loadDefinition: broken input', () => {
  const message = async (text: string, fileName?: string): Promise<string> => {
    const error = await loadDefinition({ text, ...(fileName ? { fileName } : {}) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).message;
  };

  it('names the line and column of invalid JSON', async () => {
    expect(await message('{\n  "openapi": "3.0.0",\n  "info": }\n}')).toBe(
      'Invalid JSON at line 3, column 11: Expected a value',
    );
    expect(await message('{"a": 1,}', 'x.json')).toBe(
      'Invalid JSON at line 1, column 9: Trailing commas are not allowed in JSON in "x.json"',
    );
  });

  it('names the line of a YAML error', async () => {
    expect(await message('openapi: 3.0.0\ninfo:\n  title: a\n version: 1\n', 'api.yaml')).toBe(
      'YAML error at line 4, column 1: All mapping items must start at the same column in "api.yaml"',
    );
  });

  it('turns a document nested thousands of levels deep into a DefinitionError, JSON or YAML, validated or not', async () => {
    let schema = '{"type":"string"}';
    for (let i = 0; i < 20_000; i += 1) schema = `{"type":"array","items":${schema}}`;
    const json = `{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":${schema}}}}`;
    for (const validate of [false, true]) {
      const error = await loadDefinition({ text: json }, { validate }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).message).toMatch(
        /^The definition is nested more than 1000 levels deep at components\.schemas\.Deep\.items/,
      );
    }
    const yaml = `openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    expect(await message(yaml, 'deep.yaml')).toMatch(
      /nested (more than 1000 levels deep|too deeply)/,
    );
  });

  it('rejects documents that are not OpenAPI', async () => {
    expect(await message('{"hello": "world"}')).toBe(
      'Not an OpenAPI or Swagger document: no "openapi" or "swagger" field',
    );
    expect(await message('{"swagger": "1.2"}')).toBe(
      'Unsupported Swagger version "1.2": Portico reads Swagger 2.0 and OpenAPI 3.0 and 3.1',
    );
    expect(await message('')).toBe('The definition is empty');
  });

  it('names an unresolvable $ref and where it is', async () => {
    const doc = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { get: { responses: { '200': { $ref: '#/components/schemas/Nope' } } } } },
    };
    expect(await message(JSON.stringify(doc))).toBe(
      '$ref "#/components/schemas/Nope" at paths./x.get.responses.200 cannot be resolved',
    );
  });

  it('explains that external refs need a URL when loaded from text', async () => {
    const doc = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { get: { responses: { '200': { $ref: 'common.yaml#/Ok' } } } } },
    };
    expect(await message(JSON.stringify(doc))).toMatch(
      /^\$ref "common.yaml#\/Ok" at paths\.\/x\.get\.responses\.200 cannot be resolved: it refers to another file/,
    );
  });

  it('loads invalid but usable documents with warnings', async () => {
    const doc = {
      openapi: '3.0.0',
      info: { version: '1' },
      paths: {
        '/a/{id}': { get: { operationId: 'dup', security: [{ ghost: [] }], responses: {} } },
        '/b': { get: { operationId: 'dup', responses: {} } },
      },
    };
    const def = await loadDefinition({ text: JSON.stringify(doc) });
    expect(def.title).toBe('Untitled API');
    expect(def.operations.map((o) => o.slug)).toEqual(['dup', 'dup-2']);
    expect(def.operations[0]?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(def.warnings).toEqual([
      'info.title is missing',
      'paths./a/{id}.get: path parameter "id" is not declared; it is treated as a required string',
      'paths./a/{id}.get: security requirement names an undefined scheme "ghost"',
      'paths./b.get: operationId "dup" is used by more than one operation',
    ]);
  });

  it('keeps at most 100 warnings', async () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 150; i += 1)
      paths[`/r${i}/{id}`] = { get: { responses: { '200': { description: 'ok' } } } };
    const def = await loadDefinition({
      text: JSON.stringify({ openapi: '3.0.0', info: { title: 'W', version: '1' }, paths }),
    });
    expect(def.warnings).toHaveLength(101);
    expect(def.warnings?.at(-1)).toBe('... and 50 more warnings');
  });

  it('adds validator findings to warnings when asked', async () => {
    const doc = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: {} } },
    };
    const def = await loadDefinition({ text: JSON.stringify(doc) }, { validate: true });
    expect(def.warnings).toEqual(["Schema: paths./a.get must have required property 'responses'"]);
  });
});

describe('loadDefinition: from a URL', () => {
  const fakeFetch =
    (files: Record<string, { status?: number; body: string; type?: string }>): typeof fetch =>
    async (input: RequestInfo | URL) => {
      const url = fetchInputUrl(input);
      const file = files[url];
      if (!file) throw new TypeError('Failed to fetch');
      return new Response(file.body, {
        status: file.status ?? 200,
        headers: { 'content-type': file.type ?? 'application/json' },
      });
    };

  it('resolves external refs and relative servers against the URL', async () => {
    const root = {
      openapi: '3.0.0',
      info: { title: 'Remote', version: '1' },
      servers: [{ url: '/api' }],
      paths: { '/x': { get: { responses: { '200': { $ref: 'common/responses.yaml#/Ok' } } } } },
    };
    const fetchImpl = fakeFetch({
      'https://example.com/specs/root.json': { body: JSON.stringify(root) },
      'https://example.com/specs/common/responses.yaml': {
        body: 'Ok:\n  description: Fine\n  content:\n    application/json:\n      schema:\n        $ref: "#/Body"\nBody:\n  type: string\n',
        type: 'text/yaml',
      },
    });
    const def = await loadDefinition({ url: 'https://example.com/specs/root.json' }, { fetchImpl });
    expect(def.servers).toEqual(['https://example.com/api']);
    expect(def.operations[0]?.responses[0]).toEqual({
      status: '200',
      description: 'Fine',
      headers: [],
      content: [{ contentType: 'application/json', schema: { type: 'string' }, examples: [] }],
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await loadDefinition(
      { text: JSON.stringify(openapi30) },
      { signal: controller.signal },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });

  it('reports HTTP errors, HTML pages and network failures', async () => {
    const fetchImpl = fakeFetch({
      'https://example.com/missing.json': { status: 404, body: 'nope', type: 'text/plain' },
      'https://example.com/page.json': { body: '<!doctype html><html></html>', type: 'text/html' },
    });
    const fail = (url: string) =>
      loadDefinition({ url }, { fetchImpl }).catch((e: unknown) => (e as Error).message);
    expect(await fail('https://example.com/missing.json')).toBe(
      'Could not fetch the definition from https://example.com/missing.json: HTTP 404',
    );
    expect(await fail('https://example.com/page.json')).toMatch(/answered with an HTML page/);
    expect(await fail('https://example.com/missing.json?code=s3cret')).toBe(
      "Could not fetch the definition from https://example.com/missing.json?code=••••••: the request failed before any response (is the address right, is the server up, and does it allow this portal's origin through CORS?)",
    );
    expect(await fail('https://example.com/down.json')).toMatch(
      /^Could not fetch the definition from https:\/\/example.com\/down.json: the request failed before any response/,
    );
  });
});
