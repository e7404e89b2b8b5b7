import { describe, expect, it } from 'vitest';
import { managementPath, managementRequest, type ManagementTarget } from './management-request';

const local: ManagementTarget = {
  id: 'local:http://127.0.0.1:8791/management',
  managementUrl: 'http://127.0.0.1:8791/management',
  token: 'admin-key',
  kind: 'local',
};

describe('managementRequest', () => {
  it('builds a PUT with the api-version, the bearer credential as a secret, JSON and If-Match', () => {
    expect(
      managementRequest(local, {
        method: 'PUT',
        path: managementPath('apis', 'azureml demo'),
        body: { properties: { path: 'x' } },
        ifMatch: '"abc"',
      }),
    ).toEqual({
      method: 'PUT',
      url: 'http://127.0.0.1:8791/management/apis/azureml%20demo?api-version=2022-08-01',
      headers: [
        { name: 'Authorization', value: 'Bearer admin-key', secret: true },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'If-Match', value: '"abc"' },
      ],
      body: '{"properties":{"path":"x"}}',
    });
  });

  it('adds query parameters after the api-version and takes an absolute URL as it is', () => {
    expect(
      managementRequest(local, { method: 'GET', path: '/apis', query: { $top: '100' } }).url,
    ).toBe('http://127.0.0.1:8791/management/apis?api-version=2022-08-01&%24top=100');
    const location =
      'http://127.0.0.1:8791/management/apis/big?api-version=2022-08-01&asyncId=1&asyncCode=201';
    expect(managementRequest(local, { method: 'GET', path: '', url: location })).toEqual({
      method: 'GET',
      url: location,
      headers: [{ name: 'Authorization', value: 'Bearer admin-key', secret: true }],
    });
  });
});
