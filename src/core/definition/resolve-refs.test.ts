import { describe, expect, it } from 'vitest';
import { DefinitionError } from './definition-error';
import { resolveRefs } from './resolve-refs';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A schema nested `depth` levels deep through `items`. */
function nested(depth: number): Doc {
  let schema: Doc = { type: 'string' };
  for (let i = 0; i < depth; i += 1) schema = { type: 'array', items: schema };
  return schema;
}

describe('resolveRefs', () => {
  it('replaces a $ref by its target, shared and not copied', async () => {
    const doc: Doc = {
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } } },
      components: { responses: { Ok: { description: 'fine' } } },
    };
    await resolveRefs(doc);
    expect(doc.paths['/a'].get.responses['200']).toBe(doc.components.responses.Ok);
  });

  it('turns a circular $ref into a cycle', async () => {
    const doc: Doc = {
      components: {
        schemas: { Node: { properties: { next: { $ref: '#/components/schemas/Node' } } } },
      },
    };
    await resolveRefs(doc);
    const node = doc.components.schemas.Node;
    expect(node.properties.next).toBe(node);
  });

  it('follows chains of $refs and decodes ~0, ~1 and percent escapes in pointers', async () => {
    const doc: Doc = {
      a: { $ref: '#/b' },
      b: { $ref: '#/defs/x~1y~0z%20w' },
      defs: { 'x/y~z w': { found: true } },
    };
    await resolveRefs(doc);
    expect(doc.a).toEqual({ found: true });
  });

  it('keeps OpenAPI 3.1 siblings of a $ref over the target, without changing the target', async () => {
    const doc: Doc = {
      use: { $ref: '#/defs/T', description: 'here' },
      defs: { T: { type: 'string', description: 'there' } },
    };
    await resolveRefs(doc);
    expect(doc.use).toEqual({ type: 'string', description: 'here' });
    expect(doc.defs.T.description).toBe('there');
  });

  it('leaves literal values (examples, defaults, enums, x- extensions) alone', async () => {
    const doc: Doc = {
      schema: { example: { $ref: '#/nowhere' }, default: { $ref: '#/nowhere' } },
      'x-note': { $ref: '#/nowhere' },
      defs: { default: { $ref: '#/target' } },
      target: { ok: 1 },
    };
    await resolveRefs(doc);
    expect(doc.schema.example).toEqual({ $ref: '#/nowhere' });
    expect(doc['x-note']).toEqual({ $ref: '#/nowhere' });
    // Under a map key ("definitions"-like), "default" is a name, not a literal: still resolved.
    const properties: Doc = { properties: { default: { $ref: '#/target' } }, target: { ok: 2 } };
    await resolveRefs(properties);
    expect(properties.properties.default).toEqual({ ok: 2 });
  });

  it('names the broken $ref and where it is', async () => {
    const doc: Doc = { paths: { '/a': { get: { parameters: [{ $ref: '#/missing/p' }] } } } };
    const error = await resolveRefs(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).message).toBe(
      '$ref "#/missing/p" at paths./a.get.parameters.0 cannot be resolved',
    );
    expect((error as DefinitionError).location).toBe('paths./a.get.parameters.0');
  });

  it('rejects a $ref that points to itself', async () => {
    const doc: Doc = { a: { $ref: '#/a' } };
    await expect(resolveRefs(doc)).rejects.toThrow(/chain of more than 64 \$refs/);
  });

  it('loads external documents through loadDocument, relative to the base URL', async () => {
    const doc: Doc = { a: { $ref: 'common.json#/Thing' } };
    const asked: string[] = [];
    await resolveRefs(doc, {
      baseUrl: 'https://example.test/specs/api.json',
      loadDocument: (url) => {
        asked.push(url);
        return Promise.resolve({ Thing: { external: true } });
      },
    });
    expect(asked).toEqual([
      'https://example.test/specs/api.json'.replace('api.json', 'common.json'),
    ]);
    expect(doc.a).toEqual({ external: true });
  });

  it('turns a definition nested thousands of levels deep into a DefinitionError, not a RangeError', async () => {
    const doc: Doc = { components: { schemas: { Deep: nested(20_000) } } };
    const error = await resolveRefs(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).message).toMatch(
      /^The definition is nested more than 1000 levels deep at components\.schemas\.Deep\.items\.items\./,
    );
  });

  it('also finds deep nesting inside examples and extensions', async () => {
    let example: unknown = 1;
    for (let i = 0; i < 20_000; i += 1) example = [example];
    const doc: Doc = { components: { schemas: { S: { example } } } };
    const error = await resolveRefs(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DefinitionError).message).toMatch(/at components\.schemas\.S\.example\.0\.0/);
  });

  it('reads long chains of distinct $refs without running out of stack', async () => {
    // Each schema points to the next: a depth-first walk follows 5,000 of them in a row.
    const schemas: Doc = {};
    for (let i = 0; i < 5000; i += 1)
      schemas[`S${i}`] = { properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } };
    schemas.S5000 = { type: 'string' };
    const doc: Doc = { components: { schemas } };
    await resolveRefs(doc);
    expect(doc.components.schemas.S0.properties.next).toBe(doc.components.schemas.S1);
  });

  it('never takes a prototype from a "__proto__" sibling of a $ref', async () => {
    const doc = JSON.parse(
      '{"use": {"$ref": "#/defs/T", "__proto__": {"polluted": true}}, "defs": {"T": {"type": "string"}}}',
    ) as Doc;
    await resolveRefs(doc);
    expect(Object.getPrototypeOf(doc.use)).toBe(Object.prototype);
    expect(doc.use.polluted).toBeUndefined();
    expect(Object.hasOwn(doc.use, '__proto__')).toBe(true);
  });
});
