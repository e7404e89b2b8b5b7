import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { publishQueries } from '../../../queries/publish-queries';
import { publishPaths } from '../publish-paths';
import { ApiForm } from './api-form';
import { ImportPanel, type OpenDefinition } from './import-panel';
import { MutationError } from './mutation-error';

/** The published APIs with a search, Add API and Import. */
export function ApisPage({
  target,
  openDefinition,
}: {
  target: ManagementTarget;
  openDefinition: OpenDefinition | undefined;
}) {
  const uid = useId();
  const [, navigate] = useLocation();
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const apis = useQuery(publishQueries.apis(target));
  const shown = apis.data?.filter(
    (api) =>
      query === '' ||
      api.displayName.toLowerCase().includes(query) ||
      api.path.toLowerCase().includes(query) ||
      api.id.toLowerCase().includes(query),
  );
  return (
    <>
      <section className="publish-section" aria-labelledby={`${uid}-apis`}>
        <div className="publish-section__head">
          <h2 id={`${uid}-apis`}>APIs</h2>
          <button
            type="button"
            className="button button--primary"
            aria-expanded={adding}
            onClick={() => setAdding(!adding)}
          >
            Add API
          </button>
        </div>
        {adding && (
          <div className="card publish-card">
            <h3>Add API</h3>
            <ApiForm
              target={target}
              onSaved={(apiId) => navigate(publishPaths.api(apiId))}
              onCancel={() => setAdding(false)}
            />
          </div>
        )}
        <label className="field__label" htmlFor={`${uid}-search`}>
          Search APIs
        </label>
        <input
          id={`${uid}-search`}
          type="search"
          className="input"
          placeholder="Name or URL suffix"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {apis.isPending && <p role="status">Loading the APIs…</p>}
        {apis.isError && <MutationError error={apis.error} />}
        {shown && (
          <table className="publish-table">
            <caption className="visually-hidden">Published APIs</caption>
            <thead>
              <tr>
                <th scope="col">Web API name</th>
                <th scope="col">URL suffix</th>
                <th scope="col">Web service URL</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((api) => (
                <tr key={api.id}>
                  <td>
                    <Link href={publishPaths.api(api.id)}>{api.displayName}</Link>
                  </td>
                  <td>
                    <code>/{api.path}</code>
                  </td>
                  <td>
                    {api.serviceUrl ? (
                      <code>{api.serviceUrl}</code>
                    ) : (
                      <span className="muted">none (mock)</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown && shown.length === 0 && (
          <p>{query ? 'No API matches the search.' : 'No APIs are published yet.'}</p>
        )}
      </section>
      <ImportPanel target={target} openDefinition={openDefinition} />
    </>
  );
}
