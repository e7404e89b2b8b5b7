import { useQuery } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Environment, PortalConfig } from '../core/config/portal-config';
import { portalConfigQuery, type ApiSource } from '../queries/definition-queries';
import { mergeEnvironments, SettingsStore, type StoredSettings } from './settings-store';

export interface PortalState {
  config: PortalConfig;
  /** Set when portico.config.json could not be loaded; the portal then runs on added APIs only. */
  configError: unknown;
  apis: ApiSource[];
  /** Every environment of the config and the user's; each API's own: useApiEnvironments. */
  environments: Environment[];
  settings: StoredSettings;
  store: SettingsStore;
}

const PortalContext = createContext<PortalState | undefined>(undefined);

const EMPTY_CONFIG: PortalConfig = { title: 'Portico', apis: [], environments: [] };

export function PortalProvider({ children, loading }: { children: ReactNode; loading: ReactNode }) {
  const [store] = useState(() => SettingsStore.fromBrowser());
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const configQuery = useQuery(portalConfigQuery());

  const value = useMemo((): PortalState | undefined => {
    if (configQuery.isPending) return undefined;
    const config = configQuery.data ?? EMPTY_CONFIG;
    const { settings, credentials } = snapshot;
    const environments = mergeEnvironments(config.environments, settings, credentials);
    const apis: ApiSource[] = [
      ...config.apis.map((a): ApiSource => ({
        id: a.id,
        title: a.title,
        origin: 'config',
        source: { url: a.url },
        ...(a.environments ? { environmentIds: a.environments } : {}),
      })),
      ...settings.addedApis.map((a): ApiSource => ({
        id: a.id,
        title: a.title,
        origin: 'added',
        source: a.kind === 'url' ? { url: a.url } : { text: a.text, fileName: a.fileName },
      })),
    ];
    return {
      config,
      configError: configQuery.error ?? undefined,
      apis,
      environments,
      settings,
      store,
    };
  }, [configQuery.isPending, configQuery.data, configQuery.error, snapshot, store]);

  if (!value) return <>{loading}</>;
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalState {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal must be used inside PortalProvider');
  return value;
}
