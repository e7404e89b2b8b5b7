import { useId, useMemo, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { Link } from 'wouter';
import type { ApiCatalog } from '../core/definition/api-model';
import { hasBesOperations } from '../core/batch/batch-operations';
import { OperationNav } from '../features/catalog/operation-nav';
import type { ApiSource } from '../queries/definition-queries';
import { paths } from './api-paths';
import { WorkflowsNavSlot } from './workflows-nav-slot';

/**
 * The operations of the current API, with its overview, (when it has BES operations) its batch
 * view and its history on top, and the API Management pages (products, keys, usage) below when the environment goes
 * through API Management. Arrow keys move between operations; up from the first returns to the
 * filter.
 */
export function ShellSidebar({
  api,
  definition,
  definitionFailed,
  query,
  location,
  currentSlug,
  apiManagement,
  publish = false,
  navRef,
  filterRef,
  onNavigate,
}: {
  api: ApiSource | undefined;
  definition: ApiCatalog | undefined;
  definitionFailed: boolean;
  query: string;
  location: string;
  currentSlug: string | undefined;
  /** Whether the active environment goes through API Management (Products, Subscriptions). */
  apiManagement: boolean;
  /** Whether the active environment has a management endpoint and an admin credential. */
  publish?: boolean;
  navRef: RefObject<HTMLElement | null>;
  filterRef: RefObject<HTMLInputElement | null>;
  onNavigate: () => void;
}) {
  const uid = useId();
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
    else if (e.key === 'ArrowUp') filterRef.current?.focus();
  };

  // Memoised: the sidebar re-renders on every filter keystroke.
  const operations = definition?.operations;
  const hasBatch = useMemo(
    () => operations !== undefined && hasBesOperations({ operations }),
    [operations],
  );
  const batchHref = api && hasBatch ? paths.batch(api.id) : undefined;

  const current = { location, onNavigate };
  return (
    <aside id="app-sidebar" className="app-sidebar">
      {/* The links are the interactive elements; the list only hears their arrow keys. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <nav ref={navRef} aria-label="Operations" className="app-sidebar__nav" onKeyDown={onNavKey}>
        {api && (
          <div className="app-sidebar__head">
            <Link
              href={paths.overview(api.id)}
              className="app-sidebar__api"
              aria-current={location === paths.overview(api.id) ? 'page' : undefined}
              onClick={onNavigate}
            >
              {definition?.title ?? api.title}
              {definition && <span className="pill">v{definition.version}</span>}
            </Link>
            {batchHref && (
              <PageLink href={batchHref} icon="batch" {...current}>
                Batch jobs
              </PageLink>
            )}
            <PageLink href={paths.history(api.id)} icon="history" {...current}>
              History
            </PageLink>
          </div>
        )}
        {definition ? (
          <OperationNav
            api={definition}
            query={query}
            currentSlug={currentSlug}
            onNavigate={onNavigate}
          />
        ) : definitionFailed ? (
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
      <WorkflowsNavSlot location={location} onNavigate={onNavigate} />
      {(apiManagement || publish) && (
        <nav aria-labelledby={`${uid}-apim`} className="app-sidebar__apim">
          <h2 id={`${uid}-apim`} className="app-sidebar__group-title">
            API Management
          </h2>
          {apiManagement && (
            <>
              <PageLink href={paths.products} {...current}>
                Products
              </PageLink>
              <PageLink href={paths.subscriptions} {...current}>
                Subscriptions and keys
              </PageLink>
              <PageLink href={paths.usage} {...current}>
                Usage
              </PageLink>
            </>
          )}
          {publish && (
            <PageLink href={paths.publish} {...current}>
              Publish
            </PageLink>
          )}
        </nav>
      )}
    </aside>
  );
}

/** A link to one of the sidebar's pages (not an operation), marked when it is the one open. */
function PageLink({
  href,
  icon,
  location,
  onNavigate,
  children,
}: {
  href: string;
  icon?: 'batch' | 'history';
  location: string;
  onNavigate: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      className="app-sidebar__batch"
      aria-current={location === href ? 'page' : undefined}
      onClick={onNavigate}
    >
      {icon && <span className={`app-sidebar__${icon}-icon`} aria-hidden="true" />}
      {children}
    </Link>
  );
}
