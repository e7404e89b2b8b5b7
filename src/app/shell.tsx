import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Link, useLocation } from 'wouter';
import { OperationNav } from '../features/catalog/operation-nav';
import { ThemeToggle } from '../features/theme/theme-toggle';
import { toggleTheme } from '../features/theme/theme-store';
import { KeyboardShortcuts } from '../features/keyboard/keyboard-shortcuts';
import { preloadViews } from './routes';
import { hasBesOperations } from '../core/batch/batch-operations';
import { apiIdFromLocation, paths, slugFromLocation } from './api-paths';
import { usePortal } from './portal-context';
import { FirstRunNotice } from './first-run-notice';
import { useApiDefinition } from './use-api-definition';
import { useApiEnvironments } from './use-api-environments';
import './shell.css';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Header, sidebar and main area. The filter text lives here, so typing re-renders the header
 * and the operation list only: the page in `children` is the same element and is skipped.
 */
export function Shell({ children }: { children: ReactNode }) {
  const { apis, store, config, configError } = usePortal();
  const [location, navigate] = useLocation();
  const routeApiId = apiIdFromLocation(location);
  const [lastApiId, setLastApiId] = useState(routeApiId);
  if (routeApiId !== undefined && routeApiId !== lastApiId) setLastApiId(routeApiId);
  const api = apis.find((a) => a.id === (routeApiId ?? lastApiId)) ?? apis[0];
  const definition = useApiDefinition(api);
  const { environments, active: activeEnvironment } = useApiEnvironments(
    api,
    definition.data?.servers,
  );
  const currentSlug = slugFromLocation(location);

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [menuOpen, setMenuOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
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

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const modK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (modK || (e.key === '/' && !e.ctrlKey && !e.metaKey && !isEditable(e.target))) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const firstLink = () => navRef.current?.querySelector<HTMLAnchorElement>('[data-op-link]');
    if (e.key === 'Enter') {
      const link = firstLink();
      if (link) {
        e.preventDefault();
        link.click();
      }
    } else if (e.key === 'ArrowDown') {
      const link = firstLink();
      if (link) {
        e.preventDefault();
        link.focus();
      }
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  };

  // Arrow keys move between operations; up from the first one returns to the filter.
  const onNavKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [
      ...(navRef.current?.querySelectorAll<HTMLAnchorElement>('[data-op-link]') ?? []),
    ];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? links[at + 1] : links[at - 1];
    if (next) next.focus();
    else if (e.key === 'ArrowUp') searchRef.current?.focus();
  };

  // Memoised: the shell re-renders on every filter keystroke.
  const operations = definition.data?.operations;
  const hasBatch = useMemo(
    () => operations !== undefined && hasBesOperations({ operations }),
    [operations],
  );
  const batchHref = api && hasBatch ? paths.batch(api.id) : undefined;

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
      <header className="app-header">
        <div className="app-header__row">
          <button
            ref={menuButtonRef}
            type="button"
            className="button button--ghost app-header__menu"
            aria-expanded={menuOpen}
            aria-controls="app-sidebar"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="app-header__menu-icon" aria-hidden="true" />
            <span className="visually-hidden">
              {menuOpen ? 'Hide operations' : 'Show operations'}
            </span>
          </button>
          <Link href="/" className="brand" aria-label={`${config.title} home`}>
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{config.title}</span>
          </Link>
          {apis.length > 1 && (
            <select
              className="input app-header__api"
              aria-label="API"
              value={api?.id ?? ''}
              onChange={(e) => navigate(paths.overview(e.target.value))}
            >
              {apis.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          )}
          <div className="app-header__search">
            <svg
              className="app-header__search-icon"
              viewBox="0 0 24 24"
              width="16"
              height="16"
              aria-hidden="true"
            >
              <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
              <path
                d="m20 20-3.5-3.5"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
            <input
              ref={searchRef}
              type="search"
              className="input app-header__search-input"
              placeholder="Filter operations"
              aria-label="Filter operations"
              aria-keyshortcuts="/ Control+K Meta+K"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                if (e.target.value) setMenuOpen(true);
              }}
              onKeyDown={onSearchKey}
              autoComplete="off"
              spellCheck={false}
            />
            <kbd className="kbd app-header__search-kbd" aria-hidden="true">
              {isMac ? '⌘K' : '/'}
            </kbd>
          </div>
          <div className="app-header__end">
            <ThemeToggle />
            <KeyboardShortcuts onToggleTheme={toggleTheme} />
            <label className="app-header__env">
              <span className="app-header__env-label">Environment</span>
              <select
                className="input"
                aria-label="Environment"
                value={activeEnvironment?.id ?? ''}
                onChange={(e) => {
                  const id = e.target.value;
                  store.updateSettings((s) => ({ ...s, activeEnvironmentId: id }));
                }}
              >
                {environments.length === 0 && <option value="">No environments</option>}
                {environments.map((env) => (
                  <option key={env.id} value={env.id}>
                    {env.name}
                  </option>
                ))}
              </select>
            </label>
            <Link
              href={paths.settings}
              className="button button--ghost app-header__settings"
              aria-current={location === paths.settings ? 'page' : undefined}
            >
              <svg
                className="app-header__settings-icon"
                viewBox="0 0 24 24"
                width="18"
                height="18"
                aria-hidden="true"
              >
                <path
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  d="M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09a1.65 1.65 0 0 0-1-1.51 1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06a1.65 1.65 0 0 0 .33-1.82 1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09a1.65 1.65 0 0 0 1.51-1 1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06a1.65 1.65 0 0 0 1.82.33h.08a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06a1.65 1.65 0 0 0-.33 1.82v.08a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1Z"
                />
              </svg>
              <span className="app-header__settings-text">Settings</span>
            </Link>
          </div>
        </div>
      </header>
      <div className="app-body">
        <aside id="app-sidebar" className="app-sidebar">
          <nav
            ref={navRef}
            aria-label="Operations"
            className="app-sidebar__nav"
            onKeyDown={onNavKey}
          >
            {api && (
              <div className="app-sidebar__head">
                <Link
                  href={paths.overview(api.id)}
                  className="app-sidebar__api"
                  aria-current={location === paths.overview(api.id) ? 'page' : undefined}
                  onClick={closeMenu}
                >
                  {definition.data?.title ?? api.title}
                  {definition.data && <span className="pill">v{definition.data.version}</span>}
                </Link>
                {batchHref && (
                  <Link
                    href={batchHref}
                    className="app-sidebar__batch"
                    aria-current={location === batchHref ? 'page' : undefined}
                    onClick={closeMenu}
                  >
                    <span className="app-sidebar__batch-icon" aria-hidden="true" />
                    Batch jobs
                  </Link>
                )}
                <Link
                  href={paths.history(api.id)}
                  className="app-sidebar__batch"
                  aria-current={location === paths.history(api.id) ? 'page' : undefined}
                  onClick={closeMenu}
                >
                  <span className="app-sidebar__history-icon" aria-hidden="true" />
                  History
                </Link>
              </div>
            )}
            {definition.data ? (
              <OperationNav
                api={definition.data}
                query={deferredQuery}
                currentSlug={currentSlug}
                onNavigate={closeMenu}
              />
            ) : definition.isError ? (
              <p className="app-sidebar__note">This API could not be loaded.</p>
            ) : api ? (
              <div className="app-sidebar__skeleton" aria-label="Loading operations">
                {Array.from({ length: 6 }, (_, i) => (
                  <span key={i} />
                ))}
              </div>
            ) : (
              <p className="app-sidebar__note">
                No APIs yet. <Link href={paths.settings}>Add an API</Link>.
              </p>
            )}
          </nav>
          {activeEnvironment?.apim && (
            <nav aria-label="API Management" className="app-sidebar__apim">
              <Link
                href={paths.products}
                className="app-sidebar__batch"
                aria-current={location === paths.products ? 'page' : undefined}
                onClick={closeMenu}
              >
                Products
              </Link>
              <Link
                href={paths.subscriptions}
                className="app-sidebar__batch"
                aria-current={location === paths.subscriptions ? 'page' : undefined}
                onClick={closeMenu}
              >
                Subscriptions and keys
              </Link>
              <Link
                href={paths.usage}
                className="app-sidebar__batch"
                aria-current={location === paths.usage ? 'page' : undefined}
                onClick={closeMenu}
              >
                Usage
              </Link>
            </nav>
          )}
        </aside>
        <button
          type="button"
          className="app-scrim"
          tabIndex={-1}
          aria-hidden="true"
          onClick={closeMenu}
        />
        <main className="app-main" id="main" tabIndex={-1}>
          {configError !== undefined && apis.length > 0 && (
            <div className="alert app-config-error" role="alert">
              <p className="alert__title">The portal configuration could not be loaded</p>
              <p>
                {(configError instanceof Error ? configError.message : String(configError)).replace(
                  /\.$/,
                  '',
                )}
                . Only the APIs added in this browser are listed.
              </p>
            </div>
          )}
          <FirstRunNotice environment={activeEnvironment} />
          {children}
        </main>
      </div>
    </div>
  );
}
