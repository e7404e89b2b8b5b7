import { describe, expect, it } from 'vitest';
import { HASHING_INPUT_EXAMPLE } from './hashing-model';
import { hashingEndpoint } from './online-endpoints';
import { swaggerDocument, swaggerVersion } from './swagger';

const base = new URL('http://127.0.0.1:8793');

describe('swagger.json', () => {
  it('is Swagger 2.0 without a version, OpenAPI 3.0.3 for 3 and 3.0, 3.1.0 for 3.1', () => {
    expect(swaggerVersion(undefined)).toBe('2.0');
    expect(['2', '2.0', '3', '3.0', '3.1'].map(swaggerVersion)).toEqual([
      '2.0',
      '2.0',
      '3.0',
      '3.0',
      '3.1',
    ]);
    expect(() => swaggerVersion('4')).toThrow(
      'Swagger version [4] is not valid. Supported versions: [2, 3, 3.1]',
    );
  });

  it("describes the inference server's three routes, Bearer auth and the input example (v2)", () => {
    const doc = swaggerDocument(hashingEndpoint().description, '2.0', base) as {
      swagger: string;
      host: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      securityDefinitions: unknown;
      definitions: { ServiceInput: { example: unknown } };
    };
    expect(doc.swagger).toBe('2.0');
    expect(doc.host).toBe('127.0.0.1:8793');
    expect(
      Object.entries(doc.paths).map(([path, ops]) => [path, Object.values(ops)[0]?.operationId]),
    ).toEqual([
      ['/', 'ServiceHealthCheck'],
      ['/score', 'RunMLService'],
      ['/swagger.json', 'GetSwaggerSpec'],
    ]);
    expect(doc.securityDefinitions).toEqual({
      Bearer: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        description: 'For example: Bearer abc123',
      },
    });
    expect(doc.definitions.ServiceInput.example).toEqual(HASHING_INPUT_EXAMPLE);
  });

  it('carries the same schemas under components in OpenAPI 3, with the server URL', () => {
    const doc = swaggerDocument(hashingEndpoint().description, '3.1', base) as {
      openapi: string;
      servers: unknown;
      components: { schemas: { ServiceInput: { example: unknown } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:8793' }]);
    expect(doc.components.schemas.ServiceInput.example).toEqual(HASHING_INPUT_EXAMPLE);
  });
});
