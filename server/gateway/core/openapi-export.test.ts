import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportOpenApi, type ExportInput } from './openapi-export';
import { importOpenApi, type ImportFormat, type ImportedApi } from './openapi-import';

const GATEWAY = 'http://127.0.0.1:8791';
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

type ApiDocument = Parameters<typeof SwaggerParser.validate>[0];

/** Swagger-parser's validate checks the document against the 2.0 or 3.0 schema and its rules. */
async function validate(text: string): Promise<void> {
  await SwaggerParser.validate(JSON.parse(text) as ApiDocument);
}

function inputOf(api: ImportedApi, path = 'pets'): ExportInput {
  return {
    apiId: 'pets',
    properties: { ...api.properties, path },
    operations: api.operations,
    schema: api.schema,
    gatewayUrl: GATEWAY,
  };
}

/** An API as the management routes might hold it after operations were PUT one by one. */
const handMade: ExportInput = {
  apiId: 'orders',
  properties: {
    displayName: 'Orders',
    description: 'Orders of the shop.',
    serviceUrl: 'https://backend.example.com/orders',
    path: '/orders/',
    protocols: ['https'],
    subscriptionKeyParameterNames: { header: 'X-Key', query: 'key' },
    apiVersion: 'v2',
    license: { url: 'https://example.com/license' },
  },
  operations: [
    {
      id: 'find-orders',
      properties: {
        displayName: 'Find orders',
        method: 'GET',
        urlTemplate: '/customers/{cid}/orders?date={date}&channel=web',
        templateParameters: [
          { name: 'cid', type: 'integer', required: true, values: [] },
          { name: 'date', type: 'string', description: 'ISO date.', required: true, values: [] },
        ],
        request: {
          queryParameters: [
            { name: 'limit', type: 'integer', defaultValue: '20', values: ['10', '20'] },
          ],
          headers: [{ name: 'X-Trace', type: 'string', required: true }],
          representations: [],
        },
        responses: [
          {
            statusCode: 200,
            description: 'The orders.',
            representations: [
              {
                contentType: 'application/json',
                schemaId: 'default',
                typeName: 'Order',
                examples: { default: { value: { id: 1 } } },
              },
            ],
            headers: [{ name: 'X-Total', type: 'integer', required: true }],
          },
          { statusCode: 0, description: 'An error.' },
        ],
      },
    },
    {
      id: 'add-note',
      properties: {
        displayName: 'Add a note',
        method: 'POST',
        urlTemplate: 'orders/{id}/notes',
        templateParameters: [],
        request: {
          description: 'The note.',
          queryParameters: [],
          headers: [],
          representations: [
            {
              contentType: 'application/x-www-form-urlencoded',
              formParameters: [
                { name: 'text', type: 'string', required: true },
                { name: 'pinned', type: 'boolean', defaultValue: 'false' },
              ],
            },
          ],
        },
        responses: [],
      },
    },
  ],
  schema: {
    id: 'default',
    contentType: 'application/vnd.oai.openapi.components+json',
    document: {
      components: {
        schemas: {
          Order: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              note: { type: ['string', 'null'] },
              nullable: { type: 'boolean' },
              kind: { oneOf: [{ const: 'a' }, { const: 'b' }] },
              parent: { $ref: '#/components/schemas/Order' },
            },
          },
        },
      },
    },
  },
  gatewayUrl: `${GATEWAY}/`,
};

describe('exportOpenApi: OpenAPI 3.0', () => {
  it('writes the API with the gateway as server and the subscription key as security', async () => {
    const text = exportOpenApi(handMade, 'openapi+json');
    expect(JSON.parse(text)).toEqual({
      openapi: '3.0.1',
      info: { title: 'Orders', description: 'Orders of the shop.', version: 'v2' },
      servers: [{ url: 'http://127.0.0.1:8791/orders' }],
      paths: {
        '/customers/{cid}/orders': {
          get: {
            summary: 'Find orders',
            operationId: 'find-orders',
            parameters: [
              { name: 'cid', in: 'path', required: true, schema: { type: 'integer' } },
              {
                name: 'date',
                in: 'query',
                description: 'ISO date.',
                required: true,
                schema: { type: 'string' },
              },
              {
                name: 'channel',
                in: 'query',
                required: true,
                schema: { type: 'string', enum: ['web'], default: 'web' },
              },
              {
                name: 'limit',
                in: 'query',
                schema: { type: 'integer', enum: [10, 20], default: 20 },
              },
              { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
            ],
            responses: {
              '200': {
                description: 'The orders.',
                headers: { 'X-Total': { required: true, schema: { type: 'integer' } } },
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Order' },
                    example: { id: 1 },
                  },
                },
              },
              default: { description: 'An error.' },
            },
          },
        },
        '/orders/{id}/notes': {
          post: {
            summary: 'Add a note',
            operationId: 'add-note',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            requestBody: {
              description: 'The note.',
              content: {
                'application/x-www-form-urlencoded': {
                  schema: {
                    type: 'object',
                    properties: {
                      text: { type: 'string' },
                      pinned: { type: 'boolean', default: false },
                    },
                    required: ['text'],
                  },
                },
              },
            },
            responses: { '200': { description: 'OK' } },
          },
        },
      },
      components: {
        schemas: {
          Order: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              note: { type: 'string', nullable: true },
              nullable: { type: 'boolean' },
              kind: { oneOf: [{ enum: ['a'] }, { enum: ['b'] }] },
              parent: { $ref: '#/components/schemas/Order' },
            },
          },
        },
        securitySchemes: {
          apiKeyHeader: { type: 'apiKey', name: 'X-Key', in: 'header' },
          apiKeyQuery: { type: 'apiKey', name: 'key', in: 'query' },
        },
      },
      security: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }],
    });
    await validate(text);
  });

  it('writes the same document in YAML, without anchors for shared parts', () => {
    // The demo's shared responses give several operations the very same example objects.
    const api = importOpenApi(
      read('../../../public/apis/azureml-demo.openapi.json'),
      'openapi+json',
    );
    const yaml = exportOpenApi(inputOf(api, 'azureml-demo'), 'openapi');
    expect(yaml.startsWith('openapi: 3.0.1\ninfo:\n  title: AzureML Demo API\n')).toBe(true);
    expect(yaml).not.toMatch(/[&*]a\d+\b/);
    expect(parseYaml(yaml)).toEqual(
      JSON.parse(exportOpenApi(inputOf(api, 'azureml-demo'), 'openapi+json')),
    );
  });

  it('leaves security out when the API needs no subscription, and serves an empty path at the root', () => {
    const doc = JSON.parse(
      exportOpenApi(
        {
          ...handMade,
          properties: { ...handMade.properties, subscriptionRequired: false, path: '' },
        },
        'openapi+json',
      ),
    ) as Record<string, unknown>;
    expect(doc.servers).toEqual([{ url: GATEWAY }]);
    expect(doc.security).toBeUndefined();
    expect(Object.keys(doc.components as object)).toEqual(['schemas']);
  });
});

describe('exportOpenApi: Swagger 2.0', () => {
  it('writes host, base path, body and form parameters and definitions as Swagger 2.0 has them', async () => {
    const text = exportOpenApi(handMade, 'swagger');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      swagger: '2.0',
      info: { title: 'Orders', description: 'Orders of the shop.', version: 'v2' },
      host: '127.0.0.1:8791',
      basePath: '/orders',
      schemes: ['http'],
      securityDefinitions: {
        apiKeyHeader: { type: 'apiKey', name: 'X-Key', in: 'header' },
        apiKeyQuery: { type: 'apiKey', name: 'key', in: 'query' },
      },
      security: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }],
    });
    expect(doc.paths).toEqual({
      '/customers/{cid}/orders': {
        get: {
          summary: 'Find orders',
          operationId: 'find-orders',
          produces: ['application/json'],
          parameters: [
            { name: 'cid', in: 'path', required: true, type: 'integer' },
            { name: 'date', in: 'query', description: 'ISO date.', required: true, type: 'string' },
            {
              name: 'channel',
              in: 'query',
              required: true,
              type: 'string',
              enum: ['web'],
              default: 'web',
            },
            { name: 'limit', in: 'query', type: 'integer', enum: [10, 20], default: 20 },
            { name: 'X-Trace', in: 'header', required: true, type: 'string' },
          ],
          responses: {
            '200': {
              description: 'The orders.',
              schema: { $ref: '#/definitions/Order' },
              headers: { 'X-Total': { type: 'integer' } },
              examples: { 'application/json': { id: 1 } },
            },
            default: { description: 'An error.' },
          },
        },
      },
      '/orders/{id}/notes': {
        post: {
          summary: 'Add a note',
          operationId: 'add-note',
          consumes: ['application/x-www-form-urlencoded'],
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'text', in: 'formData', required: true, type: 'string' },
            { name: 'pinned', in: 'formData', type: 'boolean', default: false },
          ],
          responses: { '200': { description: 'OK' } },
        },
      },
    });
    expect(doc.definitions).toEqual({
      Order: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          note: { type: 'string', 'x-nullable': true },
          nullable: { type: 'boolean' },
          kind: { 'x-oneOf': [{ enum: ['a'] }, { enum: ['b'] }] },
          parent: { $ref: '#/definitions/Order' },
        },
      },
    });
    await validate(text);
  });

  it('writes a body parameter with the representation schema and the consumed types', () => {
    const api = importOpenApi(read('./fixtures/pets.swagger.json'), 'swagger-json');
    const doc = JSON.parse(exportOpenApi(inputOf(api), 'swagger')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.paths['/pets']?.post).toEqual({
      summary: 'Add a pet',
      operationId: 'addPet',
      consumes: ['application/json'],
      produces: ['application/json'],
      parameters: [
        {
          name: 'body',
          in: 'body',
          description: 'The pet to add.',
          required: true,
          schema: { $ref: '#/definitions/Pet' },
        },
      ],
      responses: {
        '200': {
          description: 'Added.',
          schema: { $ref: '#/definitions/Pet' },
          examples: { 'application/json': { id: 1, name: 'Tom' } },
        },
      },
    });
  });
});

describe('exportOpenApi round trips', () => {
  const documents: Array<[string, () => string | Promise<string>, ImportFormat]> = [
    ['the pets document', () => read('./fixtures/pets.openapi.json'), 'openapi+json'],
    ['the pets document in YAML', () => read('./fixtures/pets.openapi.yaml'), 'openapi'],
    ['the Swagger 2.0 pets document', () => read('./fixtures/pets.swagger.json'), 'swagger-json'],
    [
      'the Azure ML demo API',
      () => read('../../../public/apis/azureml-demo.openapi.json'),
      'openapi+json',
    ],
    [
      'the 2,000-operation benchmark definition',
      async () => {
        // Loaded by URL: tsconfig.server.json lists only server/.
        const generator = new URL('../../../bench/generate-definition.ts', import.meta.url).href;
        const { generateDefinition } = (await import(generator)) as {
          generateDefinition: (count: number, serverUrl: string) => Record<string, unknown>;
        };
        return JSON.stringify(generateDefinition(2000, 'http://127.0.0.1:1'));
      },
      'openapi+json',
    ],
  ];

  it.each(documents)(
    '%s: import → export → import gives the same operations and schemas; both exports are valid',
    async (_name, load, format) => {
      const first = importOpenApi(await load(), format);
      const input = inputOf(first);
      const json = exportOpenApi(input, 'openapi+json');
      await validate(json);
      await validate(exportOpenApi(input, 'swagger'));
      const again = importOpenApi(json, 'openapi+json');
      const yamlAgain = importOpenApi(exportOpenApi(input, 'openapi'), 'openapi');
      if (format === 'swagger-json') {
        // OpenAPI 3 has no form parameters: they come back as the body's object schema.
        expect(again.operations.map((op) => op.id)).toEqual(first.operations.map((op) => op.id));
        expect(yamlAgain).toEqual(again);
        return;
      }
      expect(again.operations).toEqual(first.operations);
      expect(again.schema).toEqual(first.schema);
      expect(yamlAgain.operations).toEqual(first.operations);
      expect(again.warnings).toEqual([]);
    },
  );

  it('keeps required query parameters in the template through a round trip', () => {
    const options = { translateRequiredQueryParameters: 'template' } as const;
    const first = importOpenApi(read('./fixtures/pets.openapi.json'), 'openapi+json', options);
    const json = exportOpenApi(inputOf(first), 'openapi+json');
    expect(importOpenApi(json, 'openapi+json', options).operations).toEqual(first.operations);
  });
});
