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
import { apimApiEnvironments } from '../core/apim/apim-api-environments';
import { portalConfigQuery, type ApiSource } from '../queries/definition-queries';
import { apimCatalogQuery } from '../queries/apim-catalog-queries';
import { mergeEnvironments, SettingsStore, type StoredSettings } from './settings-store';

export interface PortalState {
  config: PortalConfig;
  /** Set when portico.config.json could not be loaded; the portal then runs on added APIs only. */
  configError: unknown;
  apis: ApiSource[];
  /** Every environment of the config and the user's; each API's own: useApiEnvironments. */
  environments: Environment[];
  /** The config's API Management source, while its list of APIs has not arrived. */
  apimPending: boolean;
  /** Why the API Management source's list could not be read, if it could not. */
  apimError: unknown;
  settings: StoredSettings;
  store: SettingsStore;
}

const PortalContext = createContext<PortalState | undefined>(undefined);

const EMPTY_CONFIG: PortalConfig = { title: 'Portico', apis: [], environments: [] };

export function PortalProvider({ children, loading }: { children: ReactNode; loading: ReactNode }) {
  const [store] = useState(() => SettingsStore.fromBrowser());
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const configQuery = useQuery(portalConfigQuery());
  const apiSource = configQuery.data?.apiSource;
  const apimQuery = useQuery(apimCatalogQuery(apiSource));

  const value = useMemo((): PortalState | undefined => {
    if (configQuery.isPending) return undefined;
    const config = configQuery.data ?? EMPTY_CONFIG;
    const { settings, credentials } = snapshot;
    const merged = mergeEnvironments(config.environments, settings, credentials);
    // An API the config lists itself keeps its own definition: APIM's export carries only
    // APIM's key schemes, not the backend's (docs: README, "APIs from API Management").
    const listed = new Set(config.apis.map((a) => a.id));
    const published = (apimQuery.data ?? []).filter((a) => !listed.has(a.id));
    const template = merged.find((e) => e.id === apiSource?.environmentTemplate);
    const environments =
      apiSource && template
        ? [
            ...merged,
            ...apimApiEnvironments(published, template, apiSource.gatewayUrl, credentials),
          ]
        : merged;
    const apis: ApiSource[] = [
      ...config.apis.map((a): ApiSource => ({
        id: a.id,
        title: a.title,
        origin: 'config',
        source: { url: a.url },
        ...(a.environments ? { environmentIds: a.environments } : {}),
      })),
      ...(apiSource
        ? published.map((a): ApiSource => ({
            id: a.id,
            title: a.title,
            origin: 'apim',
            source: { apim: { managementUrl: apiSource.managementUrl, apiId: a.id } },
          }))
        : []),
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
      apimPending: apimQuery.isPending && apiSource !== undefined,
      apimError: apimQuery.error ?? undefined,
      settings,
      store,
    };
  }, [
    configQuery.isPending,
    configQuery.data,
    configQuery.error,
    apiSource,
    apimQuery.data,
    apimQuery.isPending,
    apimQuery.error,
    snapshot,
    store,
  ]);

  if (!value) return <>{loading}</>;
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalState {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal must be used inside PortalProvider');
  return value;
}
