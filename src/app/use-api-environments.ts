import { useMemo, useSyncExternalStore } from 'react';
import type { Environment } from '../core/config/portal-config';
import type { ApiDefinitionHead } from '../core/definition/api-model';
import {
  activeEnvironmentForApi,
  apiServers,
  environmentsForApi,
} from '../core/config/api-environments';
import { withMockEnvironment } from '../core/mock/mock-environment';
import { usePortal } from './portal-context';
import type { ApiSource } from '../queries/definition-queries';

export interface ApiEnvironments {
  environments: Environment[];
  active: Environment | undefined;
}

/**
 * The environments of one API (see core environmentsForApi), with Mock last (answers from the
 * definition, in the browser), and the one in use for it.
 */
export function useApiEnvironments(
  api: ApiSource | undefined,
  definition: Pick<ApiDefinitionHead, 'servers' | 'serverTemplates'> | undefined,
): ApiEnvironments {
  const { environments, settings, config, store } = usePortal();
  const { credentials } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return useMemo(() => {
    const own = api
      ? withMockEnvironment(
          api.id,
          environmentsForApi(
            {
              id: api.id,
              origin: api.origin,
              ...(api.environmentIds ? { environmentIds: api.environmentIds } : {}),
            },
            environments,
            definition ? apiServers(definition) : [],
            { credentials, serverVariables: settings.serverVariables },
          ),
        )
      : environments;
    return {
      environments: own,
      active: activeEnvironmentForApi(
        own,
        api?.id,
        {
          byApi: settings.activeEnvironmentByApi,
          ...(settings.activeEnvironmentId ? { legacy: settings.activeEnvironmentId } : {}),
        },
        config.defaultEnvironment,
      ),
    };
  }, [api, environments, definition, credentials, settings, config.defaultEnvironment]);
}
