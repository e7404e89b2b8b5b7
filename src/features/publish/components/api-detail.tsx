import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { MethodBadge } from '../../../components/method-badge';
import type { HttpMethod } from '../../../core/definition/api-model';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { apiToForm } from '../../../core/publish/publish-contracts';
import { publishQueries } from '../../../queries/publish-queries';
import { useDeleteApi } from '../api/publish-mutations';
import { publishPaths } from '../publish-paths';
import { ApiForm } from './api-form';
import { MutationError } from './mutation-error';
import { OperationForm } from './operation-form';
import { PolicyEditor } from './policy-editor';

/** One API: its settings (edit, delete), its operations (add, open) and its policy. */
export function ApiDetail({ target, apiId }: { target: ManagementTarget; apiId: string }) {
  const uid = useId();
  const [, navigate] = useLocation();
  const api = useQuery(publishQueries.api(target, apiId));
  const products = useQuery(publishQueries.apiProducts(target, apiId));
  const operations = useQuery(publishQueries.operations(target, apiId));
  const remove = useDeleteApi(target);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  if (api.isPending) return <p role="status">Loading the API…</p>;
  if (api.isError) return <MutationError error={api.error} />;
  const { value, etag } = api.data;
  return (
    <>
      <section className="publish-section" aria-labelledby={`${uid}-api`}>
        <p className="publish-back">
          <Link href={publishPaths.apis}>← APIs</Link>
        </p>
        <div className="publish-section__head">
          <h2 id={`${uid}-api`}>{value.displayName}</h2>
          <div className="publish-form__actions">
            <button
              type="button"
              className="button button--small"
              aria-expanded={editing}
              onClick={() => setEditing(!editing)}
            >
              Edit API
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete ${value.displayName}, its operations and its policies?`))
                  remove.mutate({ apiId, etag }, { onSuccess: () => navigate(publishPaths.apis) });
              }}
            >
              Delete API
            </button>
          </div>
        </div>
        {remove.isError && (
          <MutationError error={remove.error} onReload={() => void api.refetch()} />
        )}
        {editing && products.data ? (
          <div className="card publish-card">
            <ApiForm
              target={target}
              editing={{
                apiId,
                values: apiToForm(value, products.data),
                etag,
                products: products.data,
              }}
              onSaved={() => setEditing(false)}
              onCancel={() => setEditing(false)}
              onReload={() => void api.refetch()}
            />
          </div>
        ) : (
          <dl className="publish-facts">
            <dt>Web API URL suffix</dt>
            <dd>
              <code>/{value.path}</code>
            </dd>
            <dt>Web service URL</dt>
            <dd>
              {value.serviceUrl ? <code>{value.serviceUrl}</code> : 'None: mock its operations'}
            </dd>
            <dt>URL scheme</dt>
            <dd>{value.protocols.join(', ').toUpperCase() || 'HTTPS'}</dd>
            <dt>Products</dt>
            <dd>{products.data ? products.data.join(', ') || 'None' : '…'}</dd>
          </dl>
        )}
      </section>
      <section className="publish-section" aria-labelledby={`${uid}-ops`}>
        <div className="publish-section__head">
          <h2 id={`${uid}-ops`}>
            Operations
            {operations.data ? ` (${operations.data.length.toLocaleString('en-US')})` : ''}
          </h2>
          <button
            type="button"
            className="button button--primary"
            aria-expanded={adding}
            onClick={() => setAdding(!adding)}
          >
            Add operation
          </button>
        </div>
        {adding && (
          <div className="card publish-card">
            <h3>Add operation</h3>
            <OperationForm
              target={target}
              apiId={apiId}
              onSaved={() => setAdding(false)}
              onCancel={() => setAdding(false)}
            />
          </div>
        )}
        {operations.isPending && <p role="status">Loading the operations…</p>}
        {operations.isError && <MutationError error={operations.error} />}
        {operations.data && operations.data.length === 0 && <p>No operations yet.</p>}
        {operations.data && operations.data.length > 0 && (
          <ul className="publish-operations" aria-label="Operations">
            {operations.data.map((op) => (
              <li key={op.id}>
                <MethodBadge method={op.method.toLowerCase() as HttpMethod} size="sm" />{' '}
                <Link href={publishPaths.operation(apiId, op.id)}>{op.displayName}</Link>{' '}
                <code className="muted">{op.urlTemplate}</code>
                {op.origin && (
                  <span className={`pill${op.origin === 'manual' ? ' pill--accent' : ''}`}>
                    {op.origin === 'manual' ? 'added by hand' : 'imported'}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <PolicyEditor target={target} scope={{ kind: 'api', apiId }} title="API policy" />
    </>
  );
}
