import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from './load-definition';
import {
  normalizeDefinition,
  normalizeOperationAt,
  summarizeDefinition,
} from './normalize-definition';
import { resolveRefs, resolveRefsUnder } from './resolve-refs';

// One operation read before the whole document is resolved (the definition worker answers a
// deep link that way) must be the operation the full pass makes, field for field.

const azureml = readFileSync(
  new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
  'utf8',
);

const openapi31 = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Trees', version: '1' },
  servers: [{ url: 'https://api.test/v1' }],
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    parameters: {
      Id: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Id' } },
      Limit: { name: 'limit', in: 'query', schema: { type: 'integer', default: 10 } },
    },
    schemas: {
      Id: { type: 'string', example: 'n1' },
      Node: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
          // A literal that looks like a reference stays as written.
          meta: { type: 'object', example: { $ref: 'not/a/ref' } },
        },
      },
      Problem: { type: 'object', properties: { title: { type: 'string' } } },
    },
    requestBodies: {
      Node: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
      },
    },
    responses: {
      Problem: {
        description: 'A problem',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      },
    },
  },
  paths: {
    '/nodes/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: {
        operationId: 'get',
        summary: 'Get a node',
        tags: ['nodes'],
        responses: {
          '200': {
            description: 'The node',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
          },
          default: { $ref: '#/components/responses/Problem', description: 'Overridden (3.1)' },
        },
      },
      put: {
        operationId: 'get',
        requestBody: { $ref: '#/components/requestBodies/Node' },
        responses: { '204': { description: 'Replaced' } },
      },
    },
    '/nodes': {
      get: {
        parameters: [{ $ref: '#/components/parameters/Limit' }],
        deprecated: true,
        security: [],
        responses: { '200': { description: 'Nodes' } },
      },
    },
  },
});

const swagger2 = JSON.stringify({
  swagger: '2.0',
  info: { title: 'Forms', version: '1' },
  host: 'api.test',
  basePath: '/v2',
  consumes: ['application/json'],
  produces: ['application/json'],
  securityDefinitions: { basic: { type: 'basic' } },
  definitions: {
    Pet: {
      type: 'object',
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    },
  },
  parameters: {
    Body: { name: 'pet', in: 'body', required: true, schema: { $ref: '#/definitions/Pet' } },
  },
  paths: {
    '/pets': {
      post: {
        parameters: [{ $ref: '#/parameters/Body' }],
        responses: { '201': { description: 'Made', schema: { $ref: '#/definitions/Pet' } } },
      },
      put: {
        consumes: ['application/x-www-form-urlencoded'],
        parameters: [{ name: 'name', in: 'formData', type: 'string', required: true }],
        responses: { '200': { description: 'OK' } },
      },
    },
  },
});

/** What crosses to the page: structuredClone reads the lazily built fields too. */
const asSent = (value: unknown): unknown => structuredClone(value);

describe.each([
  ['the AzureML demo', azureml],
  [
    'an OpenAPI 3.1 document (shared, recursive and sibling $refs, a repeated operationId)',
    openapi31,
  ],
  ['a Swagger 2.0 document (body and form parameters)', swagger2],
])('normalizeOperationAt, %s', (_name, text) => {
  it('gives every operation exactly as the full pass does, from an unresolved document', async () => {
    const full = await loadDefinition({ text }, { id: 'api' });
    const catalog = summarizeDefinition(JSON.parse(text), { id: 'api' });
    expect(catalog?.operations.map((o) => o.slug)).toEqual(full.operations.map((o) => o.slug));
    for (const [i, at] of (catalog?.operations ?? []).entries()) {
      // A document of its own for each: nothing else of it resolved yet.
      const doc: unknown = JSON.parse(text);
      expect(resolveRefsUnder(doc, ['paths', at.path])).toBe(true);
      const early = normalizeOperationAt(doc, at, { id: 'api' });
      expect(asSent(early)).toEqual(asSent(full.operations[i]));
    }
  });

  it('leaves a document that resolveRefs then finishes as if it had done it all', async () => {
    const doc: unknown = JSON.parse(text);
    const catalog = summarizeDefinition(doc, { id: 'api' });
    for (const at of catalog?.operations.slice(0, 2) ?? [])
      resolveRefsUnder(doc, ['paths', at.path]);
    await resolveRefs(doc);
    const fresh: unknown = JSON.parse(text);
    await resolveRefs(fresh);
    expect(asSent(normalizeDefinition(doc, { id: 'api' }))).toEqual(
      asSent(normalizeDefinition(fresh, { id: 'api' })),
    );
  });
});

describe('resolveRefsUnder', () => {
  it('says when a part needs another file, leaving that $ref for the full pass', () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { $ref: 'other.json#/responses/Ok' } } } },
      },
    };
    expect(resolveRefsUnder(doc, ['paths', '/a'], 'https://api.test/openapi.json')).toBe(false);
    expect(doc.paths['/a'].get.responses['200']).toEqual({ $ref: 'other.json#/responses/Ok' });
  });

  it('is false for a path that is not there, and throws for a broken $ref as resolveRefs does', () => {
    const doc = {
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } },
    };
    expect(resolveRefsUnder(doc, ['paths', '/b'])).toBe(false);
    expect(() => resolveRefsUnder(doc, ['paths', '/a'])).toThrow(
      '$ref "#/components/responses/Gone"',
    );
  });

  it('gives no operation for a path or method the document does not have', () => {
    const doc = JSON.parse(openapi31) as unknown;
    expect(
      normalizeOperationAt(doc, { path: '/nodes', method: 'delete', slug: 'x' }, { id: 'api' }),
    ).toBeUndefined();
    expect(
      normalizeOperationAt(doc, { path: '/none', method: 'get', slug: 'x' }, { id: 'api' }),
    ).toBeUndefined();
  });
});
