import { describe, expect, it } from 'vitest';
import { columnNameParts } from './column-name-breaks';

describe('columnNameParts', () => {
  it.each([
    ['Col2_HashingFeature.0', ['Col2_', 'Hashing', 'Feature.', '0']],
    ['Scored Labels', ['Scored Labels']],
    ['x-ms-request-id', ['x-', 'ms-', 'request-', 'id']],
    ['trailing_', ['trailing_']],
    ['', ['']],
    ['ALLCAPS', ['ALLCAPS']],
  ])('%j -> %j', (name, parts) => {
    expect(columnNameParts(name)).toEqual(parts);
    expect(columnNameParts(name).join('')).toBe(name);
  });
});
