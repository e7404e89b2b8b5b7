import { describe, expect, it } from 'vitest';
import { apiIdFromLocation, paths, slugFromLocation } from './api-paths';

describe('api paths', () => {
  it('builds and reads back route paths', () => {
    expect(paths.operation('azureml-demo', 'RRS_Execute')).toBe(
      '/apis/azureml-demo/operations/RRS_Execute',
    );
    expect(apiIdFromLocation('/apis/azureml-demo/operations/RRS_Execute')).toBe('azureml-demo');
    expect(slugFromLocation('/apis/azureml-demo/operations/RRS_Execute')).toBe('RRS_Execute');
    expect(apiIdFromLocation('/settings')).toBeUndefined();
    expect(slugFromLocation('/apis/a')).toBeUndefined();
  });

  it('encodes ids so a strange id cannot change the route shape', () => {
    expect(paths.overview('a/b c')).toBe('/apis/a%2Fb%20c');
    expect(apiIdFromLocation(paths.overview('a/b c'))).toBe('a/b c');
    expect(apiIdFromLocation('/apis/%E0%A4%A')).toBe('%E0%A4%A');
  });
});
