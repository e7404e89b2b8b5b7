import { describe, expect, it } from 'vitest';
import { importBody, inlineImportFormat, linkFormatOf } from './import-body';

describe('import bodies', () => {
  it('sends a document inline in its own format', () => {
    expect(
      inlineImportFormat('{"openapi":"3.0.3","info":{"title":"Bench","version":"1"}}'),
    ).toEqual({ ok: true, format: 'openapi+json', title: 'Bench' });
    expect(inlineImportFormat('{"swagger":"2.0","info":{"title":"S"}}')).toEqual({
      ok: true,
      format: 'swagger-json',
      title: 'S',
    });
    expect(inlineImportFormat('openapi: 3.1.0\ninfo:\n  title: Pets\n  version: "1"\n')).toEqual({
      ok: true,
      format: 'openapi',
      title: 'Pets',
    });
    expect(inlineImportFormat('swagger: "2.0"\n')).toEqual({
      ok: false,
      problem:
        'API Management imports Swagger 2.0 inline as JSON only: convert this YAML document to JSON, or import it from a URL.',
    });
    expect(inlineImportFormat('{"asyncapi":"2.0"}')).toMatchObject({ ok: false });
  });

  it('builds the PUT body, and picks a link format from the URL', () => {
    expect(importBody('openapi+json', '{}', '/bench/', ' ')).toEqual({
      properties: { format: 'openapi+json', value: '{}', path: 'bench' },
    });
    expect(linkFormatOf('http://h/a.yaml')).toBe('openapi-link');
    expect(linkFormatOf('http://h/a.openapi.json?x=1')).toBe('openapi+json-link');
  });
});
