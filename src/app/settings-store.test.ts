import { describe, expect, it } from 'vitest';
import type { Environment } from '../core/config/portal-config';
import {
  chooseEnvironment,
  forgetEnvironment,
  EMPTY_SETTINGS,
  mergeEnvironments,
  parseSettings,
  SettingsStore,
  uniqueId,
} from './settings-store';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const config: Environment[] = [
  {
    id: 'local-demo',
    name: 'Local demo',
    baseUrl: 'http://127.0.0.1:8790',
    credentials: { azureml: 'portico-demo-key' },
  },
];

describe('mergeEnvironments', () => {
  it('applies overrides to built-ins and appends custom environments', () => {
    const envs = mergeEnvironments(
      config,
      {
        ...EMPTY_SETTINGS,
        overrides: { 'local-demo': { baseUrl: 'http://127.0.0.1:9999' } },
        custom: [{ id: 'prod', name: 'Prod', baseUrl: 'https://x.azure-api.net/ml' }],
      },
      { 'local-demo': { azureml: '' }, prod: { azureml: 'k' } },
    );
    expect(envs).toEqual([
      {
        id: 'local-demo',
        name: 'Local demo',
        baseUrl: 'http://127.0.0.1:9999',
        credentials: { azureml: '' },
        builtIn: true,
      },
      {
        id: 'prod',
        name: 'Prod',
        baseUrl: 'https://x.azure-api.net/ml',
        credentials: { azureml: 'k' },
        builtIn: false,
      },
    ]);
  });

  it('never lets a custom environment shadow a built-in one', () => {
    const envs = mergeEnvironments(
      config,
      { ...EMPTY_SETTINGS, custom: [{ id: 'local-demo', name: 'Fake', baseUrl: 'http://x' }] },
      {},
    );
    expect(envs.map((e) => e.name)).toEqual(['Local demo']);
  });
});

describe('the environment each API uses', () => {
  it('is stored per API, so choosing for one API leaves the others as they were', () => {
    let settings = chooseEnvironment(EMPTY_SETTINGS, 'azureml-demo', 'demo-direct');
    settings = chooseEnvironment(settings, 'pets', 'pets~server-1');
    settings = chooseEnvironment(settings, 'azureml-demo', 'apim');
    expect(settings.activeEnvironmentByApi).toEqual({
      'azureml-demo': 'apim',
      pets: 'pets~server-1',
    });
    const reread = parseSettings(JSON.stringify(settings));
    expect(reread.activeEnvironmentByApi).toEqual(settings.activeEnvironmentByApi);
  });

  it('keeps the one choice an older build stored, and forgets a deleted environment everywhere', () => {
    const old = parseSettings(
      JSON.stringify({
        activeEnvironmentId: 'staging',
        custom: [{ id: 'staging', name: 'S', baseUrl: 'http://s' }],
      }),
    );
    expect(old.activeEnvironmentId).toBe('staging');
    expect(old.activeEnvironmentByApi).toEqual({});
    const chosen = chooseEnvironment(old, 'pets', 'staging');
    const forgotten = forgetEnvironment(chosen, 'staging');
    expect(forgotten.custom).toEqual([]);
    expect(forgotten.activeEnvironmentByApi).toEqual({});
    expect(forgotten.activeEnvironmentId).toBeUndefined();
    expect(forgetEnvironment(old, 'other').activeEnvironmentId).toBe('staging');
  });

  it('reads stored server variables and drops anything that is not text', () => {
    expect(
      parseSettings(
        JSON.stringify({
          serverVariables: { 'pets~server-1': { stage: 'v2', port: 8080 }, x: 'junk' },
        }),
      ).serverVariables,
    ).toEqual({ 'pets~server-1': { stage: 'v2' }, x: {} });
  });
});

describe('parseSettings', () => {
  it('survives junk written by anything else', () => {
    expect(parseSettings('not json')).toEqual(EMPTY_SETTINGS);
    expect(parseSettings('[1,2]')).toEqual(EMPTY_SETTINGS);
    expect(
      parseSettings(
        JSON.stringify({
          custom: [{ id: 1 }],
          timeoutMs: -5,
          addedApis: [{ id: 'a', title: 'A', kind: 'url' }],
        }),
      ),
    ).toEqual(EMPTY_SETTINGS);
  });
});

describe('SettingsStore', () => {
  it('keeps credentials in session storage unless the environment is remembered', () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    const store = new SettingsStore(local, session);
    store.setCredential('local-demo', 'azureml', 'secret-1');
    expect(session.getItem('portico.credentials.v1')).toBe('{"local-demo":{"azureml":"secret-1"}}');
    expect(local.getItem('portico.credentials.v1')).toBe('{}');

    store.updateSettings((s) => ({ ...s, remember: ['local-demo'] }));
    expect(local.getItem('portico.credentials.v1')).toBe('{"local-demo":{"azureml":"secret-1"}}');
    expect(session.getItem('portico.credentials.v1')).toBe('{}');

    // A new tab: session storage is empty, the remembered key is still there.
    const reopened = new SettingsStore(local, new MemoryStorage());
    expect(reopened.getSnapshot().credentials).toEqual({ 'local-demo': { azureml: 'secret-1' } });
  });

  it('never writes secrets into the settings entry', () => {
    const local = new MemoryStorage();
    const store = new SettingsStore(local, new MemoryStorage());
    store.setCredential('x', 'azureml', 'secret-2');
    store.updateSettings((s) => ({ ...s, timeoutMs: 5000 }));
    expect(local.getItem('portico.settings.v1')).not.toContain('secret-2');
  });
});

describe('uniqueId', () => {
  it('derives a readable id and avoids collisions', () => {
    expect(uniqueId('My Prod API!', [])).toBe('my-prod-api');
    expect(uniqueId('My Prod API!', ['my-prod-api', 'my-prod-api-2'])).toBe('my-prod-api-3');
    expect(uniqueId('***', [])).toBe('item');
  });
});

describe('SettingsStore with a full storage', () => {
  it('keeps the change in memory and says it was not saved', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const store = new SettingsStore(full, new MemoryStorage());
    expect(store.updateSettings((s) => ({ ...s, timeoutMs: 1000 }))).toBe(false);
    expect(store.getSnapshot().settings.timeoutMs).toBe(1000);
  });
});
