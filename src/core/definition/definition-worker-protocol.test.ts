import { describe, expect, it } from 'vitest';
import type { ApiCatalog } from './api-model';
import { DefinitionError } from './definition-error';
import { deserializeError, fromWire, serializeError, toWire } from './definition-worker-protocol';

describe('catalog on the wire', () => {
  it('comes back as the same catalog: several tags, none, no operationId, deprecated', () => {
    const catalog: ApiCatalog = {
      id: 'a',
      title: 'A',
      version: '1',
      specVersion: 'openapi-3.1',
      servers: ['https://a.test'],
      tags: [{ name: 'x' }, { name: 'y\nz' }],
      securitySchemes: {},
      operations: [
        {
          slug: 'one',
          operationId: 'one',
          method: 'get',
          path: '/1',
          summary: 'One',
          tags: ['x', 'y\nz'],
          deprecated: false,
        },
        {
          slug: 'post-2',
          method: 'post',
          path: '/2',
          summary: 'POST /2',
          tags: [],
          deprecated: true,
        },
        {
          slug: 'three',
          operationId: '',
          method: 'put',
          path: '/3',
          summary: '3',
          tags: ['x'],
          deprecated: false,
        },
        {
          slug: 'webhook-post-newPet',
          method: 'post',
          path: 'newPet',
          summary: 'newPet',
          tags: [],
          deprecated: false,
          webhook: true,
        },
      ],
    };
    const wire = structuredClone(toWire(catalog));
    expect(wire.operations.slug).toEqual(['one', 'post-2', 'three', 'webhook-post-newPet']);
    // Few definitions have webhooks: their positions, not a column of 10,000 falses.
    expect(wire.operations.webhookAt).toEqual([3]);
    expect(fromWire(wire)).toEqual(catalog);
  });
});

describe('errors on the wire', () => {
  it('rebuild a DefinitionError with its location, an AbortError, and other errors by name', () => {
    const definition = deserializeError(
      structuredClone(serializeError(new DefinitionError('bad $ref', { location: 'paths./a' }))),
    );
    expect(definition).toBeInstanceOf(DefinitionError);
    expect(definition).toMatchObject({ message: 'bad $ref', location: 'paths./a' });
    const refused = deserializeError(
      structuredClone(serializeError(new DefinitionError('no answer', { noResponse: true }))),
    );
    expect(refused).toMatchObject({ message: 'no answer', noResponse: true });
    const abort = deserializeError(serializeError(new DOMException('stop', 'AbortError')));
    expect(abort).toMatchObject({ name: 'AbortError', message: 'stop' });
    expect(deserializeError(serializeError(new TypeError('oops')))).toMatchObject({
      name: 'TypeError',
      message: 'oops',
    });
    expect(serializeError('text')).toEqual({ name: 'Error', message: 'text' });
  });
});
