import { describe, expect, it } from 'vitest';
import { activeEnvironmentForApi, environmentsForApi } from './api-environments';
import type { Environment } from './portal-config';

const env = (id: string, extra: Partial<Environment> = {}): Environment => ({
  id,
  name: id,
  baseUrl: `https://${id}.example.com`,
  credentials: {},
  ...extra,
});
const local = env('local-demo', { builtIn: true });
const apim = env('apim', { builtIn: true });
const petsOnly = env('pets-prod', { apiIds: ['pets'] });
const all = [local, apim, petsOnly];

describe('environmentsForApi', () => {
  it('gives a config API the environments that belong to no API in particular', () => {
    expect(
      environmentsForApi({ id: 'azureml-demo', origin: 'config' }, all, []).map((e) => e.id),
    ).toEqual(['local-demo', 'apim']);
  });

  it('gives an API the environments the config lists for it, and those that name it', () => {
    expect(
      environmentsForApi({ id: 'pets', origin: 'config', environmentIds: ['apim'] }, all, [
        'https://ignored.example.com',
      ]).map((e) => e.id),
    ).toEqual(['apim', 'pets-prod']);
  });

  it('makes an added API one environment per server of its definition, never another API’s', () => {
    expect(
      environmentsForApi(
        { id: 'weather', origin: 'added' },
        all,
        ['https://api.weather.example/v1', 'http://127.0.0.1:9000', '/relative'],
        { 'weather~server-2': { key: 'k' } },
      ),
    ).toEqual([
      {
        id: 'weather~server-1',
        name: 'Server 1 (api.weather.example)',
        baseUrl: 'https://api.weather.example/v1',
        credentials: {},
        builtIn: true,
        apiIds: ['weather'],
      },
      {
        id: 'weather~server-2',
        name: 'Server 2 (127.0.0.1:9000)',
        baseUrl: 'http://127.0.0.1:9000',
        credentials: { key: 'k' },
        builtIn: true,
        apiIds: ['weather'],
      },
    ]);
    expect(environmentsForApi({ id: 'none', origin: 'added' }, all, [])).toEqual([]);
  });
});

describe('activeEnvironmentForApi', () => {
  it('keeps the chosen environment only when it serves the API', () => {
    expect(activeEnvironmentForApi([local, apim], 'apim', 'local-demo')?.id).toBe('apim');
    expect(activeEnvironmentForApi([petsOnly], 'apim', 'local-demo')?.id).toBe('pets-prod');
    expect(activeEnvironmentForApi([], 'apim', undefined)).toBeUndefined();
  });
});

describe('environments the user made', () => {
  it('serve every API, after its own', () => {
    const mine = env('staging', { builtIn: false });
    expect(
      environmentsForApi({ id: 'azureml-demo', origin: 'config' }, [...all, mine], []).map(
        (e) => e.id,
      ),
    ).toEqual(['local-demo', 'apim', 'staging']);
    expect(
      environmentsForApi(
        { id: 'weather', origin: 'added' },
        [...all, mine],
        ['https://w.example'],
      ).map((e) => e.id),
    ).toEqual(['weather~server-1', 'staging']);
  });
});
