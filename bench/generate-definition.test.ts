import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../src/core/load-definition';
import { validateDefinition } from '../src/core/validate-definition';
import { fixtureDefinition } from './fixture-api';
import { generateDefinition } from './generate-definition';

describe('generateDefinition', () => {
  it('makes a valid OpenAPI document with exactly the operations asked for', async () => {
    const doc = generateDefinition(2000, 'http://127.0.0.1:1');
    expect(await validateDefinition(doc)).toEqual([]);
    const api = await loadDefinition({ text: JSON.stringify(doc), fileName: 'bench.json' });
    expect(api.operations).toHaveLength(2000);
    expect(new Set(api.operations.map((o) => o.slug)).size).toBe(2000);
    expect(api.tags).toHaveLength(30);
  });
});

describe('fixtureDefinition', () => {
  it('is a valid document for the fixture endpoints', async () => {
    const doc = fixtureDefinition('http://127.0.0.1:1');
    expect(await validateDefinition(doc)).toEqual([]);
    const api = await loadDefinition({ text: JSON.stringify(doc) });
    expect(api.operations.map((o) => o.summary)).toEqual([
      'Large JSON',
      'CSV table',
      'Binary file',
      'PNG image',
      'HTML page',
      'AzureML result',
      'Rate limited',
    ]);
  });
});
