import { useMemo, useSyncExternalStore } from 'react';
import type { Environment } from '../core/config/portal-config';
import { activeEnvironmentForApi, environmentsForApi } from '../core/config/api-environments';
import { usePortal } from './portal-context';
import type { ApiSource } from '../queries/definition-queries';

/** The environments of one API (see core environmentsForApi) and the one in use for it. */
export function useApiEnvironments(
  api: ApiSource | undefined,
  servers: readonly string[] | undefined,
): { environments: Environment[]; active: Environment | undefined } {
  const { environments, settings, config, store } = usePortal();
  const { credentials } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return useMemo(() => {
    const own = api
      ? environmentsForApi(
          {
            id: api.id,
            origin: api.origin,
            ...(api.environmentIds ? { environmentIds: api.environmentIds } : {}),
          },
          environments,
          servers ?? [],
          credentials,
        )
      : environments;
    return {
      environments: own,
      active: activeEnvironmentForApi(own, settings.activeEnvironmentId, config.defaultEnvironment),
    };
  }, [
    api,
    environments,
    servers,
    credentials,
    settings.activeEnvironmentId,
    config.defaultEnvironment,
  ]);
}
