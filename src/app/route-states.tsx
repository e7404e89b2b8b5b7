import { useDeferredValue, useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiCatalog } from '../core/definition/api-model';
import { isDefinitionError } from '../core/definition/definition-error';
import { ErrorMessage } from '../components/error-message';
import type { ApiSource } from '../queries/definition-queries';
import { paths } from './api-paths';
import { usePortal } from './portal-context';
import { useApiDefinition } from './use-api-definition';

// What a route shows instead of its view: loading, not found, a definition that failed.

export function useTitle(title: string | undefined) {
  const { config } = usePortal();
  useEffect(() => {
    document.title = title ? `${title} · ${config.title}` : config.title;
  }, [title, config.title]);
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="view-loading" role="status">
      <span className="view-loading__spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function NotFound({ children }: { children: ReactNode }) {
  useTitle('Not found');
  return (
    <div className="view-empty">
      <h1>Not found</h1>
      <p>{children}</p>
      <Link href="/" className="button">
        Go to the first API
      </Link>
    </div>
  );
}

export function DefinitionFailure({
  api,
  error,
  onRetry,
}: {
  api: ApiSource;
  error: unknown;
  onRetry: () => void;
}) {
  useTitle(api.title);
  const location = isDefinitionError(error) ? error.location : undefined;
  return (
    <div className="view-empty">
      <h1>{api.title}</h1>
      <ErrorMessage error={error}>
        {location && (
          <p className="definition-error__location">
            Where: <code>{location}</code>
          </p>
        )}
      </ErrorMessage>
      <p className="muted">
        {api.origin === 'config'
          ? 'Check the entry for this API in portico.config.json.'
          : api.origin === 'apim'
            ? 'This API comes from API Management; its definition is exported when it is opened.'
            : 'You added this API in Settings; fix its source there or remove it.'}
      </p>
      <div className="view-empty__actions">
        <button type="button" className="button button--primary" onClick={onRetry}>
          Try again
        </button>
        <Link href={paths.settings} className="button">
          Manage APIs
        </Link>
      </div>
    </div>
  );
}

/** Resolves the API for a route and shows loading and failure in place of the view. */
export function WithDefinition({
  apiId,
  children,
}: {
  apiId: string | undefined;
  children: (api: ApiCatalog, source: ApiSource) => ReactNode;
}) {
  const { apis, apimPending, apimError } = usePortal();
  const source = apiId === undefined ? apis[0] : apis.find((a) => a.id === apiId);
  const query = useApiDefinition(source);
  // The sidebar shows a freshly loaded definition first; the page follows in a render of its
  // own, so the list is on screen (and the filter usable) without waiting for the page.
  const data = useDeferredValue(query.data);
  if (!source) {
    // The API may be one API Management publishes, whose list has not arrived yet.
    if (apimPending) return <Loading what="the APIs" />;
    return apiId === undefined ? (
      <NoApis />
    ) : (
      <NotFound>
        There is no API with the id <code>{apiId}</code>
        {apimError !== undefined ? ' here, and API Management could not be asked (above)' : ''}.
      </NotFound>
    );
  }
  if (query.isError) {
    return (
      <DefinitionFailure api={source} error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  if (!data || data.id !== source.id) return <Loading what={source.title} />;
  return <>{children(data, source)}</>;
}

function NoApis() {
  const { configError } = usePortal();
  useTitle(undefined);
  return (
    <div className="view-empty">
      <h1>No APIs to show</h1>
      {configError !== undefined && <ErrorMessage error={configError} />}
      <p>Add an API from a URL or a file in Settings.</p>
      <Link href={paths.settings} className="button button--primary">
        Add an API
      </Link>
    </div>
  );
}
