import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate-definition';

const info = { title: 'T', version: '1' };

describe('validateDefinition', () => {
  it('names the problems of a Swagger 2.0 document', async () => {
    expect(
      await validateDefinition({
        swagger: '2.0',
        info,
        paths: { '/a': { get: { responses: { '200': {} } }, bogus: 1 } },
        schemes: ['ftp'],
      }),
    ).toEqual([
      'Schema: schemes.0 must be one of "http", "https", "ws", "wss"',
      'Schema: paths./a: unexpected property "bogus"',
      "Schema: paths./a.get.responses.200 must have required property 'description'",
      "Schema: paths./a.get.responses.200 must have required property '$ref'",
      'Schema: paths./a.get.responses.200 must match exactly one schema in oneOf',
    ]);
  });

  it('names the problems of an OpenAPI 3.0 document', async () => {
    expect(
      await validateDefinition({
        openapi: '3.0.3',
        info: { title: 'T' },
        paths: { '/a': { get: { responses: { '200': { description: 1 } } } } },
        extra: true,
      }),
    ).toEqual([
      'Schema: the document root: unexpected property "extra"',
      "Schema: info must have required property 'version'",
      'Schema: paths./a.get.responses.200.description must be string',
      "Schema: paths./a.get.responses.200 must have required property '$ref'",
      'Schema: paths./a.get.responses.200 must match exactly one schema in oneOf',
    ]);
  });

  it('names the problems of an OpenAPI 3.1 document, schemas included', async () => {
    expect(
      await validateDefinition({
        openapi: '3.1.0',
        info,
        paths: {
          '/a': {
            get: {
              parameters: [{ name: 'p', in: 'nowhere', schema: { type: 'string' } }],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
        components: { schemas: { A: 3 } },
      }),
    ).toEqual([
      'Schema: paths./a.get.parameters.0.in must be one of "query", "header", "path", "cookie"',
      'Schema: paths./a.get.parameters.0 must match "else" schema',
      'Schema: components.schemas.A must be object,boolean',
    ]);
  });

  it('finds nothing wrong with valid documents of each version', async () => {
    const ok = { '/a': { get: { responses: { '200': { description: 'ok' } } } } };
    expect(await validateDefinition({ swagger: '2.0', info, paths: ok })).toEqual([]);
    expect(await validateDefinition({ openapi: '3.0.3', info, paths: ok })).toEqual([]);
    expect(await validateDefinition({ openapi: '3.1.0', info, paths: ok })).toEqual([]);
  });
});
