import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../definition/api-model';
import {
  activeEnvironmentForApi,
  apiServers,
  environmentsForApi,
  serverUrl,
} from './api-environments';
import type { Environment } from './portal-config';

const plain = (...urls: string[]): ApiServer[] => urls.map((url) => ({ url, variables: {} }));

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
      environmentsForApi(
        { id: 'pets', origin: 'config', environmentIds: ['apim'] },
        all,
        plain('https://ignored.example.com'),
      ).map((e) => e.id),
    ).toEqual(['apim', 'pets-prod']);
  });

  it('makes an added API one environment per server of its definition, never another API’s', () => {
    expect(
      environmentsForApi(
        { id: 'weather', origin: 'added' },
        all,
        plain('https://api.weather.example/v1', 'http://127.0.0.1:9000', '/relative'),
        { credentials: { 'weather~server-2': { key: 'k' } } },
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
    const chose = (id: string) => ({ byApi: { 'azureml-demo': id } });
    expect(
      activeEnvironmentForApi([local, apim], 'azureml-demo', chose('apim'), 'local-demo')?.id,
    ).toBe('apim');
    expect(
      activeEnvironmentForApi([petsOnly], 'azureml-demo', chose('apim'), 'local-demo')?.id,
    ).toBe('pets-prod');
    expect(activeEnvironmentForApi([], 'azureml-demo', chose('apim'), undefined)).toBeUndefined();
  });

  it('remembers a choice per API: choosing for one leaves the other as it was', () => {
    const byApi = { 'azureml-demo': 'apim', pets: 'pets-prod' };
    expect(
      activeEnvironmentForApi([local, apim], 'azureml-demo', { byApi }, 'local-demo')?.id,
    ).toBe('apim');
    expect(activeEnvironmentForApi([petsOnly, local], 'pets', { byApi }, 'local-demo')?.id).toBe(
      'pets-prod',
    );
    expect(activeEnvironmentForApi([local, apim], 'other', { byApi }, 'local-demo')?.id).toBe(
      'local-demo',
    );
  });

  it('reads the one choice older builds stored, for an API with no choice of its own', () => {
    const choice = { byApi: { pets: 'pets-prod' }, legacy: 'apim' };
    expect(activeEnvironmentForApi([local, apim], 'azureml-demo', choice, 'local-demo')?.id).toBe(
      'apim',
    );
    expect(activeEnvironmentForApi([petsOnly, apim], 'pets', choice, 'local-demo')?.id).toBe(
      'pets-prod',
    );
    // The old choice does not serve this API: its default, then its first.
    expect(activeEnvironmentForApi([petsOnly], 'weather', choice, undefined)?.id).toBe('pets-prod');
  });
});

describe('serverUrl', () => {
  const definitionUrl = 'http://127.0.0.1:4010/specs/pets.yaml';
  it('fills variables with the user’s values, else their defaults', () => {
    const server: ApiServer = {
      url: 'https://{region}.pets.example/{version}',
      variables: { region: { default: 'eu' }, version: { default: 'v1', enum: ['v1', 'v2'] } },
    };
    expect(serverUrl(server)).toBe('https://eu.pets.example/v1');
    expect(serverUrl(server, { version: 'v2', region: ' us ' })).toBe('https://us.pets.example/v2');
    expect(serverUrl(server, { region: '' })).toBe('https://eu.pets.example/v1');
  });

  it('resolves relative servers against the definition’s URL', () => {
    expect(serverUrl({ url: '/v1', definitionUrl, variables: {} })).toBe(
      'http://127.0.0.1:4010/v1',
    );
    expect(serverUrl({ url: './api', definitionUrl, variables: {} })).toBe(
      'http://127.0.0.1:4010/specs/api',
    );
    expect(serverUrl({ url: '/', definitionUrl, variables: {} })).toBe('http://127.0.0.1:4010');
    expect(
      serverUrl({ url: './{stage}', definitionUrl, variables: { stage: { default: 'beta' } } }, {}),
    ).toBe('http://127.0.0.1:4010/specs/beta');
  });

  it('gives nothing it cannot make an absolute http(s) address of', () => {
    expect(serverUrl({ url: '/v1', variables: {} })).toBeUndefined();
    expect(serverUrl({ url: 'ftp://files.example', variables: {} })).toBeUndefined();
    expect(
      serverUrl({ url: 'https://{host}', variables: { host: { default: 'a b' } } }),
    ).toBeUndefined();
  });
});

describe('server environments', () => {
  it('carry the server and the values in use, and their address follows the stored values', () => {
    const server: ApiServer = {
      url: './{stage}',
      definitionUrl: 'http://127.0.0.1:4010/specs/pets.yaml',
      variables: { stage: { default: 'v1', enum: ['v1', 'v2'] } },
    };
    const [env] = environmentsForApi({ id: 'pets', origin: 'added' }, [], [server], {
      serverVariables: { 'pets~server-1': { stage: 'v2' } },
    });
    expect(env).toEqual({
      id: 'pets~server-1',
      name: 'Server (127.0.0.1:4010)',
      baseUrl: 'http://127.0.0.1:4010/specs/v2',
      credentials: {},
      builtIn: true,
      apiIds: ['pets'],
      server: { template: server, values: { stage: 'v2' } },
    });
  });

  it('come from Swagger 2.0 servers too, which have no variables', () => {
    expect(apiServers({ servers: ['https://api.test/v1'] })).toEqual(plain('https://api.test/v1'));
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
        plain('https://w.example'),
      ).map((e) => e.id),
    ).toEqual(['weather~server-1', 'staging']);
  });
});
