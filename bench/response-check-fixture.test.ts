import { describe, expect, it } from 'vitest';
import { fixtureDefinition, largeJson } from '../server/testing/fixture-api';
import { loadDefinition } from '../src/core/definition/load-definition';
import { checkResponse } from '../src/core/response-check/check-response';

describe('the fixture API', () => {
  it('declares the large JSON body it serves: 1 MB of it matches, and its broken form does not', async () => {
    const text = JSON.stringify(fixtureDefinition('http://127.0.0.1:1'));
    const def = await loadDefinition({ text, fileName: 'openapi.json' }, { id: 'fixtures' });
    const operation = def.operations.find((o) => o.operationId === 'largeJson');
    if (!operation) throw new Error('no largeJson operation');
    const body = largeJson(1);
    const response = { status: 200, headers: [], contentType: 'application/json', body };
    expect(checkResponse(operation, response, { specVersion: def.specVersion })).toEqual({
      kind: 'matches',
      declared: { status: '200', contentType: 'application/json' },
    });
    const broken = { ...response, body: body.subarray(0, body.length - 1) };
    expect(checkResponse(operation, broken, { specVersion: def.specVersion }).kind).toBe(
      'mismatches',
    );
  });
});
