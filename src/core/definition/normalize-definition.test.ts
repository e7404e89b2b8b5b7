import { describe, expect, it } from 'vitest';
import { DefinitionError } from './definition-error';
import {
  capWarnings,
  detectSpecVersion,
  normalizeDefinition,
  normalizeOperationAt,
  normalizeRequirements,
  slugify,
  summarizeDefinition,
} from './normalize-definition';
import { toCatalog } from './definition-worker-host';

/** Documents as JSON.parse makes them: "__proto__" is then an ordinary own key. */
const parse = (json: string): unknown => JSON.parse(json) as unknown;

describe('detectSpecVersion', () => {
  it('tells Swagger 2.0, OpenAPI 3.0 and 3.1 apart, and warns about numbers', () => {
    const warnings: string[] = [];
    expect(detectSpecVersion({ swagger: '2.0' })).toBe('swagger-2.0');
    expect(detectSpecVersion({ openapi: '3.0.3' })).toBe('openapi-3.0');
    expect(detectSpecVersion({ openapi: 3 }, warnings)).toBe('openapi-3.0');
    expect(detectSpecVersion({ openapi: '3.1.0' })).toBe('openapi-3.1');
    expect(detectSpecVersion({ openapi: '3.2.0' }, warnings)).toBe('openapi-3.1');
    expect(warnings).toEqual([
      '"openapi" should be a string such as "3.0.3", not a number',
      'OpenAPI 3.2.0 is read as OpenAPI 3.1; newer features may be ignored',
    ]);
  });

  it('rejects what is not OpenAPI or a version it cannot read', () => {
    expect(() => detectSpecVersion({ asyncapi: '2.0' })).toThrow(DefinitionError);
    expect(() => detectSpecVersion({ swagger: '1.2' })).toThrow(
      'Unsupported Swagger version "1.2": Portico reads Swagger 2.0 and OpenAPI 3.0 and 3.1',
    );
    expect(() => detectSpecVersion({ openapi: '4.0' })).toThrow(/Unsupported OpenAPI version/);
  });
});

describe('capWarnings, slugify, normalizeRequirements', () => {
  it('keeps 100 warnings and counts the rest', () => {
    const many = Array.from({ length: 103 }, (_, i) => `w${i}`);
    expect(capWarnings(many)).toHaveLength(101);
    expect(capWarnings(many)[100]).toBe('... and 3 more warnings');
  });

  it('makes URL-safe slugs', () => {
    expect(slugify('get /pets/{id}')).toBe('get-pets-id');
    expect(slugify('  Ünïcode!! name ')).toBe('n-code-name');
    // Text that is a slug already comes back as it is; anything else goes through the rules.
    for (const [text, slug] of [
      ['listOrders', 'listOrders'],
      ['list_orders-v2', 'list_orders-v2'],
      ['a--b', 'a-b'],
      ['-a', 'a'],
      ['a-', 'a'],
      ['_a_', '_a_'],
      ['', ''],
      ['-', ''],
    ])
      expect(slugify(text as string)).toBe(slug);
  });

  it('reads security requirements as alternatives of scheme ids', () => {
    expect(normalizeRequirements([{ a: [], b: ['scope'] }, {}])).toEqual([['a', 'b'], []]);
    expect(normalizeRequirements(undefined)).toBeUndefined();
  });
});

describe('normalizeDefinition', () => {
  it('lists operations with unique slugs and declares missing path parameters', () => {
    const def = normalizeDefinition(
      {
        openapi: '3.0.0',
        info: { title: ' Pets ', version: '1' },
        paths: {
          '/pets/{id}': {
            get: { operationId: 'pet', responses: {} },
            put: { operationId: 'pet', responses: {} },
            delete: { responses: {} },
          },
        },
      },
      { id: 'pets', baseUrl: 'https://example.test/specs/openapi.json' },
    );
    expect(def.title).toBe('Pets');
    expect(def.operations.map((o) => o.slug)).toEqual(['pet', 'pet-2', 'delete-pets-id']);
    expect(def.operations[0]?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(def.servers).toEqual(['https://example.test']);
    expect(def.warnings).toContain(
      'paths./pets/{id}.put: operationId "pet" is used by more than one operation',
    );
  });

  it('keeps the servers as written, with their variables, for the user to fill in', () => {
    const def = normalizeDefinition(
      {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        servers: [
          {
            url: './{stage}',
            description: 'Test',
            variables: {
              stage: { default: 'v1', enum: ['v1', 'v2'], description: 'API stage' },
              port: { default: 8080, enum: [8080, 8443] },
              nodefault: { enum: ['a'] },
            },
          },
        ],
        paths: {},
      },
      { id: 't', baseUrl: 'http://127.0.0.1:4010/specs/t.json' },
    );
    expect(def.servers).toEqual(['http://127.0.0.1:4010/specs/v1']);
    expect(def.serverTemplates).toEqual([
      {
        url: './{stage}',
        definitionUrl: 'http://127.0.0.1:4010/specs/t.json',
        description: 'Test',
        variables: {
          stage: { default: 'v1', enum: ['v1', 'v2'], description: 'API stage' },
          port: { default: '8080', enum: ['8080', '8443'] },
        },
      },
    ]);
  });

  it('builds the servers of Swagger 2.0 from host, basePath and schemes', () => {
    const def = normalizeDefinition(
      { swagger: '2.0', info: { title: 't', version: '1' }, host: 'api.test', basePath: '/v1' },
      { id: 't' },
    );
    expect(def.servers).toEqual(['https://api.test/v1']);
  });

  it('keeps a security scheme named "__proto__" as a scheme, not as the prototype of the map', () => {
    const def = normalizeDefinition(
      parse(
        '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{},"components":{"securitySchemes":{"__proto__":{"type":"apiKey","in":"header","name":"X-Key"}}}}',
      ),
      { id: 't' },
    );
    expect(Object.getPrototypeOf(def.securitySchemes)).toBe(Object.prototype);
    expect(Object.keys(def.securitySchemes)).toEqual(['__proto__']);
    // Nothing is inherited: a requirement naming "type" finds no scheme.
    expect((def.securitySchemes as Record<string, unknown>).type).toBeUndefined();
  });

  it('keeps a Swagger 2.0 form field named "__proto__" as a property of the body schema', () => {
    const def = normalizeDefinition(
      parse(
        '{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/f":{"post":{"consumes":["application/x-www-form-urlencoded"],"parameters":[{"name":"__proto__","in":"formData","type":"string","required":true}],"responses":{}}}}}',
      ),
      { id: 't' },
    );
    const schema = def.operations[0]?.requestBody?.content[0]?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
    expect(Object.keys(schema.properties)).toEqual(['__proto__']);
    expect(schema.required).toEqual(['__proto__']);
  });
});

describe('summarizeDefinition', () => {
  const doc = {
    openapi: '3.0.0',
    info: { title: 'T', version: '2' },
    tags: [{ name: 'b' }],
    paths: {
      '/x/{id}': {
        get: { operationId: 'op', tags: ['a'], responses: {} },
        post: { operationId: 'op', summary: ' Make ', deprecated: true, responses: {} },
        delete: { tags: ['b'], responses: {} },
      },
      '/op': { get: { responses: {} } },
    },
  };

  it('lists the same operations, slugs and tags as the full pass, before $refs are resolved', () => {
    const light = summarizeDefinition(structuredClone(doc), { id: 't' });
    const full = normalizeDefinition(structuredClone(doc), { id: 't' });
    const { warnings, ...fullCatalog } = toCatalog(full);
    expect(warnings?.length).toBeGreaterThan(0);
    expect(light).toEqual(fullCatalog);
  });

  it('leaves the catalog to the full pass when a path item or a security scheme is a $ref', () => {
    expect(
      summarizeDefinition(
        { ...doc, paths: { '/a': { $ref: '#/components/pathItems/A' } } },
        { id: 't' },
      ),
    ).toBeUndefined();
    expect(
      summarizeDefinition(
        { ...doc, components: { securitySchemes: { k: { $ref: '#/components/x' } } } },
        { id: 't' },
      ),
    ).toBeUndefined();
  });
});

describe('OpenAPI 3.1 webhooks: calls the API makes to you', () => {
  // The OAI's webhook-example (no paths at all) with tictactoe's mix of paths and a webhook.
  const doc = parse(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Webhook Example', version: '1.0.0' },
      paths: {
        '/board': {
          get: { operationId: 'get-board', responses: { '200': { description: 'ok' } } },
        },
      },
      webhooks: {
        newPet: {
          post: {
            requestBody: {
              description: 'Information about a new pet in the system',
              content: {
                'application/json': {
                  schema: {
                    required: ['id', 'name'],
                    properties: { id: { type: 'integer' }, name: { type: 'string' } },
                    example: { id: 1, name: 'Rex' },
                  },
                },
              },
            },
            responses: { '200': { description: 'Return a 200 status' } },
          },
        },
        markStatus: {
          post: { operationId: 'markStatus', summary: 'Status of a mark', tags: ['Board'] },
        },
      },
    }),
  );

  it('lists each webhook after the operations, marked, named by its key', () => {
    const definition = normalizeDefinition(doc, { id: 'hooks' });
    expect(
      definition.operations.map(({ slug, method, path, summary, webhook, tags }) => ({
        slug,
        method,
        path,
        summary,
        webhook,
        tags,
      })),
    ).toEqual([
      {
        slug: 'get-board',
        method: 'get',
        path: '/board',
        summary: 'get-board',
        webhook: undefined,
        tags: [],
      },
      {
        slug: 'webhook-post-newPet',
        method: 'post',
        path: 'newPet',
        summary: 'newPet',
        webhook: true,
        tags: [],
      },
      {
        slug: 'markStatus',
        method: 'post',
        path: 'markStatus',
        summary: 'Status of a mark',
        webhook: true,
        tags: ['Board'],
      },
    ]);
    const newPet = definition.operations[1];
    expect(newPet?.requestBody?.content[0]?.examples).toEqual([
      { name: 'Example', value: { id: 1, name: 'Rex' } },
    ]);
    expect(definition.warnings).toEqual([]);
  });

  it('gives the same catalog before $refs are resolved, and each webhook on its own', () => {
    const full = normalizeDefinition(doc, { id: 'hooks' });
    const { warnings, ...catalog } = toCatalog(full);
    expect(warnings).toEqual([]);
    expect(summarizeDefinition(doc, { id: 'hooks' })).toEqual(catalog);
    const one = normalizeOperationAt(
      doc,
      { path: 'newPet', method: 'post', slug: 'webhook-post-newPet', webhook: true },
      { id: 'hooks' },
    );
    expect(one?.webhook).toBe(true);
    expect(one?.requestBody?.description).toBe('Information about a new pet in the system');
    // The same name under paths is another thing.
    expect(
      normalizeOperationAt(doc, { path: 'newPet', method: 'post', slug: 'x' }, { id: 'hooks' }),
    ).toBeUndefined();
  });
});
