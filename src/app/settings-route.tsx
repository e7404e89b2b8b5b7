import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { ApiCatalog, SecurityScheme } from '../core/definition/api-model';
import {
  activeEnvironmentForApi,
  apiServers,
  environmentsForApi,
} from '../core/config/api-environments';
import { describeError } from '../core/errors/describe-error';
import { SettingsPage } from '../features/settings/settings-page';
import type {
  CredentialField,
  EnvironmentDraft,
  EnvironmentGroup,
  NewApi,
} from '../features/settings/settings-types';
import { useCurrentApi } from './current-api';
import { usePortal } from './portal-context';
import { definitionKeys, definitionQuery } from '../queries/definition-queries';
import { chooseEnvironment, forgetEnvironment, uniqueId, type AddedApi } from './settings-store';

function schemeLabel(s: SecurityScheme): string {
  if (s.description) return s.description;
  if (s.type === 'apiKey') return s.name;
  return s.id;
}

function credentialFieldsOf(definitions: Array<ApiCatalog | undefined>): CredentialField[] {
  const fields: CredentialField[] = [];
  for (const definition of definitions) {
    for (const s of Object.values(definition?.securitySchemes ?? {})) {
      if (!fields.some((f) => f.id === s.id)) fields.push({ id: s.id, label: schemeLabel(s) });
    }
  }
  return fields;
}

/** Connects the settings screen to the stored settings; the screen itself only sees props. */
export function SettingsRoute() {
  const { apis, environments, settings, config, store } = usePortal();
  const { api: current } = useCurrentApi();
  const queryClient = useQueryClient();
  const definitions = useQueries({
    // An API Management source may publish many APIs, each exported on load: only the one in
    // view is read here (their environments come from the gateway, not their servers).
    queries: apis.map((a) =>
      definitionQuery(a.origin === 'apim' && a.id !== current?.id ? undefined : a),
    ),
    combine: (results) => results.map((q) => ({ data: q.data, error: q.error ?? undefined })),
  });

  const credentials = useSyncExternalStore(store.subscribe, store.getSnapshot).credentials;
  const groups = useMemo((): EnvironmentGroup[] => {
    const choice = {
      byApi: settings.activeEnvironmentByApi,
      ...(settings.activeEnvironmentId ? { legacy: settings.activeEnvironmentId } : {}),
    };
    const perApi = apis.map((api, i): EnvironmentGroup => {
      const { data, error } = definitions[i] ?? {};
      const all = environmentsForApi(
        {
          id: api.id,
          origin: api.origin,
          ...(api.environmentIds ? { environmentIds: api.environmentIds } : {}),
        },
        environments,
        data ? apiServers(data) : [],
        { credentials, serverVariables: settings.serverVariables },
      );
      const own = all.filter((e) => e.builtIn === true);
      const note =
        error !== undefined
          ? `Its definition could not be loaded (${describeError(error).message}), so the servers it names are not known.`
          : !data && own.length === 0
            ? 'Loading its definition…'
            : own.length === 0
              ? 'Its definition names no server with an http(s) address: use one of your own environments.'
              : undefined;
      return {
        api: { id: api.id, title: api.title },
        environments: own,
        activeEnvironmentId: activeEnvironmentForApi(all, api.id, choice, config.defaultEnvironment)
          ?.id,
        credentialFields: credentialFieldsOf([data]),
        ...(note ? { note } : {}),
      };
    });
    const currentGroup = perApi.find((g) => g.api?.id === current?.id);
    const yours: EnvironmentGroup = {
      api: undefined,
      environments: environments.filter((e) => e.builtIn !== true && !e.apiIds),
      activeEnvironmentId: currentGroup?.activeEnvironmentId,
      credentialFields: credentialFieldsOf(definitions.map((d) => d.data)),
    };
    return [...perApi, yours];
  }, [apis, definitions, environments, credentials, settings, config.defaultEnvironment, current]);
  const allEnvironments = groups.flatMap((g) => g.environments);

  const save = (draft: EnvironmentDraft): string => {
    const existing = allEnvironments.find((e) => e.id === draft.id);
    const id =
      draft.id ??
      uniqueId(
        draft.name,
        allEnvironments.map((e) => e.id),
      );
    store.updateSettings((s) => {
      const remember = s.remember.filter((r) => r !== id);
      if (draft.remember) remember.push(id);
      if (existing?.server) {
        return {
          ...s,
          remember,
          serverVariables: { ...s.serverVariables, [id]: draft.variables ?? {} },
        };
      }
      if (existing?.builtIn) {
        return {
          ...s,
          remember,
          overrides: { ...s.overrides, [id]: { name: draft.name, baseUrl: draft.baseUrl } },
        };
      }
      const custom = s.custom.filter((c) => c.id !== id);
      custom.push({ id, name: draft.name, baseUrl: draft.baseUrl });
      // A new environment is not put in use without asking: the page offers "Use it now".
      return { ...s, remember, custom };
    });
    store.replaceCredentials(id, draft.credentials);
    return id;
  };

  const addApi = (api: NewApi) => {
    const id = uniqueId(
      api.title,
      apis.map((a) => a.id),
    );
    const entry: AddedApi =
      api.kind === 'url'
        ? { id, title: api.title, kind: 'url', url: api.url }
        : { id, title: api.title, kind: 'file', fileName: api.fileName, text: api.text };
    const saved = store.updateSettings((s) => ({ ...s, addedApis: [...s.addedApis, entry] }));
    if (!saved) {
      throw new Error(
        `“${api.title}” is added for this visit only: the browser's storage is full, so it will be gone after a reload. Remove other added APIs, or add it from a URL instead of a file.`,
      );
    }
  };

  return (
    <SettingsPage
      environmentGroups={groups}
      currentApi={current && { id: current.id, title: current.title }}
      rememberedEnvironmentIds={settings.remember}
      timeoutMs={settings.timeoutMs}
      addedApis={settings.addedApis.map((a) => ({
        id: a.id,
        title: a.title,
        location: a.kind === 'url' ? a.url : `File ${a.fileName}`,
      }))}
      onSelectEnvironment={(apiId, id) =>
        store.updateSettings((s) => chooseEnvironment(s, apiId, id))
      }
      onSaveEnvironment={save}
      onDeleteEnvironment={(id) => {
        store.updateSettings((s) => forgetEnvironment(s, id));
        store.replaceCredentials(id, undefined);
      }}
      onResetEnvironment={(id) => {
        store.updateSettings((s) => {
          const overrides = { ...s.overrides };
          delete overrides[id];
          const serverVariables = { ...s.serverVariables };
          delete serverVariables[id];
          return { ...s, overrides, serverVariables, remember: s.remember.filter((r) => r !== id) };
        });
        store.replaceCredentials(id, undefined);
      }}
      onTimeoutChange={(ms) => store.updateSettings((s) => ({ ...s, timeoutMs: ms }))}
      onAddApi={addApi}
      onRemoveApi={(id) => {
        store.updateSettings((s) => ({ ...s, addedApis: s.addedApis.filter((a) => a.id !== id) }));
        void queryClient.removeQueries({ queryKey: definitionKeys.api(id) });
      }}
    />
  );
}
