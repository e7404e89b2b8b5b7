import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SecurityScheme } from '../core/definition/api-model';
import { SettingsPage } from '../features/settings/settings-page';
import type {
  CredentialField,
  EnvironmentDraft,
  NewApi,
} from '../features/settings/settings-types';
import { usePortal } from './portal-context';
import { definitionKeys, definitionQuery } from '../queries/definition-queries';
import { uniqueId, type AddedApi } from './settings-store';

function schemeLabel(s: SecurityScheme): string {
  if (s.description) return s.description;
  if (s.type === 'apiKey') return s.name;
  return s.id;
}

/** Connects the settings screen to the stored settings; the screen itself only sees props. */
export function SettingsRoute() {
  const { apis, environments, activeEnvironment, settings, store } = usePortal();
  const queryClient = useQueryClient();
  const schemes = useQueries({
    queries: apis.map((a) => definitionQuery(a)),
    combine: (results) => results.map((q) => q.data?.securitySchemes),
  });

  const credentialFields = useMemo(() => {
    const fields: CredentialField[] = [];
    for (const bySchemeId of schemes) {
      for (const s of Object.values(bySchemeId ?? {})) {
        if (!fields.some((f) => f.id === s.id)) fields.push({ id: s.id, label: schemeLabel(s) });
      }
    }
    return fields;
  }, [schemes]);

  const save = (draft: EnvironmentDraft) => {
    const existing = environments.find((e) => e.id === draft.id);
    const id =
      draft.id ??
      uniqueId(
        draft.name,
        environments.map((e) => e.id),
      );
    store.updateSettings((s) => {
      const remember = s.remember.filter((r) => r !== id);
      if (draft.remember) remember.push(id);
      if (existing?.builtIn) {
        return {
          ...s,
          remember,
          overrides: { ...s.overrides, [id]: { name: draft.name, baseUrl: draft.baseUrl } },
        };
      }
      const custom = s.custom.filter((c) => c.id !== id);
      custom.push({ id, name: draft.name, baseUrl: draft.baseUrl });
      return { ...s, remember, custom, activeEnvironmentId: existing ? s.activeEnvironmentId : id };
    });
    store.replaceCredentials(id, draft.credentials);
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
      environments={environments}
      activeEnvironmentId={activeEnvironment?.id}
      rememberedEnvironmentIds={settings.remember}
      credentialFields={credentialFields}
      timeoutMs={settings.timeoutMs}
      addedApis={settings.addedApis.map((a) => ({
        id: a.id,
        title: a.title,
        location: a.kind === 'url' ? a.url : `File ${a.fileName}`,
      }))}
      onSelectEnvironment={(id) => store.updateSettings((s) => ({ ...s, activeEnvironmentId: id }))}
      onSaveEnvironment={save}
      onDeleteEnvironment={(id) => {
        store.updateSettings((s) => ({
          ...s,
          custom: s.custom.filter((c) => c.id !== id),
          remember: s.remember.filter((r) => r !== id),
          ...(s.activeEnvironmentId === id ? { activeEnvironmentId: undefined } : {}),
        }));
        store.replaceCredentials(id, undefined);
      }}
      onResetEnvironment={(id) => {
        store.updateSettings((s) => {
          const overrides = { ...s.overrides };
          delete overrides[id];
          return { ...s, overrides, remember: s.remember.filter((r) => r !== id) };
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
