import { describe, expect, it } from 'vitest';
import { publishPaths, publishViewOf } from './publish-paths';

describe('publishViewOf', () => {
  it('reads back every path the area links to', () => {
    const below = (path: string) => path.slice('/publish'.length);
    expect(publishViewOf(below(publishPaths.apis))).toEqual({ kind: 'apis' });
    expect(publishViewOf(below(publishPaths.products))).toEqual({ kind: 'products' });
    expect(publishViewOf(below(publishPaths.product('my product')))).toEqual({
      kind: 'product',
      productId: 'my product',
    });
    expect(publishViewOf(below(publishPaths.api('azureml-demo')))).toEqual({
      kind: 'api',
      apiId: 'azureml-demo',
    });
    expect(publishViewOf(below(publishPaths.operation('a/b', 'rrs-execute')))).toEqual({
      kind: 'operation',
      apiId: 'a/b',
      operationId: 'rrs-execute',
    });
  });

  it('names no view for any other path', () => {
    for (const rest of [
      '/nothing',
      '/apis',
      '/apis/a/other/b',
      '/apis/a/operations',
      '/products/a/b',
      '/apis/%E0',
    ])
      expect([rest, publishViewOf(rest)]).toEqual([rest, undefined]);
  });
});
