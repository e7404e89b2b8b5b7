import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { fixtureDefinition } from '../server/testing/fixture-api';
import { generateDefinition } from './generate-definition';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

type ApiDocument = SwaggerParser['api'];
// validate() dereferences in place: give it a copy.
const asDocument = (doc: Record<string, unknown>): ApiDocument =>
  structuredClone(doc) as ApiDocument;

function operations(doc: Record<string, unknown>): Array<{ operationId: string; summary: string }> {
  const paths = doc.paths as Record<
    string,
    Record<string, { operationId: string; summary: string }>
  >;
  return Object.values(paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([, op]) => op),
  );
}

describe('generateDefinition', () => {
  it('makes a valid OpenAPI document with exactly the operations asked for', async () => {
    const doc = generateDefinition(2000, 'http://127.0.0.1:1');
    // validate() resolves every $ref (the recursive one included) and checks the schema.
    await SwaggerParser.validate(asDocument(doc));
    const ops = operations(doc);
    expect(ops).toHaveLength(2000);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(2000);
    expect(doc.tags).toHaveLength(30);
  });
});

describe('fixtureDefinition', () => {
  it('is a valid document for the fixture endpoints', async () => {
    const doc = fixtureDefinition('http://127.0.0.1:1');
    await SwaggerParser.validate(asDocument(doc));
    expect(operations(doc).map((o) => o.summary)).toEqual([
      'Large JSON',
      'CSV table',
      'Binary file',
      'PNG image',
      'HTML page',
      'Streamed answer',
      'AzureML result',
      'Rate limited',
    ]);
  });
});
