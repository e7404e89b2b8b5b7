import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../components/error-message';
import { lazyModule } from '../core/util/lazy-module';
import { ApiPicker } from './api-picker';
import { CurrentApiContext, type CurrentApi } from './current-api';
import { apiIdFromLocation, slugFromLocation } from './api-paths';
import { EnvironmentSelect } from './environment-select';
import { FirstRunNotice } from './first-run-notice';
import { FilterBox } from './filter-box';
import { usePortal } from './portal-context';
import { preloadViews } from './routes';
import { ShellHeader } from './shell-header';
import { ShellSidebar } from './shell-sidebar';
import { publishAccessForApi } from '../core/publish/publish-access';
import { armTokenStore } from '../core/apim/arm-token-store';
import { useApiDefinition } from './use-api-definition';
import { useApiEnvironments } from './use-api-environments';
import { LazyView } from './lazy-view';
import './shell.css';

// Said only when the API Management source fails: its token form stays off the first load.
const apimCatalogNotice = lazyModule(() => import('./apim-catalog-notice'));

/**
 * Header, sidebar and main area. The filter text lives here, so typing re-renders the header
 * and the operation list only: the page in `children` is the same element and is skipped.
 */
export function Shell({ children }: { children: ReactNode }) {
  const { apis, config, configError, apimError, environments: allEnvironments } = usePortal();
  const apiSource = config.apiSource;
  const [location] = useLocation();
  const routeApiId = apiIdFromLocation(location);
  const [lastApiId, setLastApiId] = useState(routeApiId);
  if (routeApiId !== undefined && routeApiId !== lastApiId) setLastApiId(routeApiId);
  const api = apis.find((a) => a.id === (routeApiId ?? lastApiId)) ?? apis[0];
  const definition = useApiDefinition(api);
  const apiEnvironments = useApiEnvironments(api, definition.data);
  const { environments, active: activeEnvironment } = apiEnvironments;
  const current = useMemo(
    (): CurrentApi => ({ api, definition: definition.data, ...apiEnvironments }),
    [api, definition.data, apiEnvironments],
  );

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [menuOpen, setMenuOpen] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  // Fetch the other views only once this one is on screen, so they never compete with it.
  const ready = definition.isSuccess || definition.isError;
  useEffect(() => {
    if (!ready) return;
    const timer = window.setTimeout(() => {
      if (window.requestIdleCallback) window.requestIdleCallback(() => preloadViews());
      else preloadViews();
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [ready]);

  const closeMenu = useCallback(() => setMenuOpen(false), []);

  return (
    <div className="app" data-menu-open={menuOpen || undefined}>
      {/* A button, not an #anchor: the hash holds the route. */}
      <button
        type="button"
        className="skip-link"
        onClick={() => document.getElementById('main')?.focus()}
      >
        Skip to content
      </button>
      <ShellHeader
        title={config.title}
        location={location}
        menuOpen={menuOpen}
        menuButtonRef={menuButtonRef}
        onMenuToggle={() => setMenuOpen((o) => !o)}
        start={
          <>
            <ApiPicker apis={apis} current={api} />
            <FilterBox
              inputRef={filterRef}
              navRef={navRef}
              query={query}
              onQueryChange={(text) => {
                setQuery(text);
                if (text) setMenuOpen(true);
              }}
            />
          </>
        }
        end={
          <EnvironmentSelect
            apiId={api?.id}
            environments={environments}
            active={activeEnvironment}
          />
        }
      />
      <div className="app-body">
        <ShellSidebar
          api={api}
          definition={definition.data}
          definitionFailed={definition.isError}
          query={deferredQuery}
          location={location}
          currentSlug={slugFromLocation(location)}
          apiManagement={Boolean(activeEnvironment?.apim)}
          publish={
            publishAccessForApi(activeEnvironment, environments, allEnvironments, (url) =>
              armTokenStore.read(url),
            ).kind === 'ready'
          }
          navRef={navRef}
          filterRef={filterRef}
          onNavigate={closeMenu}
        />
        <button
          type="button"
          className="app-scrim"
          tabIndex={-1}
          aria-hidden="true"
          onClick={closeMenu}
        />
        <main className="app-main" id="main" tabIndex={-1}>
          {configError !== undefined && apis.length > 0 && (
            <ErrorMessage error={configError} className="app-config-error">
              <p>Only the APIs added in this browser are listed.</p>
            </ErrorMessage>
          )}
          {apimError !== undefined && apiSource && (
            <LazyView module={apimCatalogNotice} what="the API Management notice">
              {(m) => <m.ApimCatalogNotice source={apiSource} error={apimError} />}
            </LazyView>
          )}
          <FirstRunNotice environment={activeEnvironment} />
          <CurrentApiContext value={current}>{children}</CurrentApiContext>
        </main>
      </div>
    </div>
  );
}
