import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useLocation } from 'wouter';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { operationToForm } from '../../../core/publish/publish-contracts';
import { publishQueries } from '../../../queries/publish-queries';
import { useDeleteOperation } from '../api/publish-mutations';
import { publishPaths } from '../publish-paths';
import { MockToggle } from './mock-toggle';
import { MutationError } from './mutation-error';
import { OperationForm } from './operation-form';
import { PolicyEditor } from './policy-editor';

/** One operation: its form, delete, mock-response and its policy. */
export function OperationDetail({
  target,
  apiId,
  operationId,
}: {
  target: ManagementTarget;
  apiId: string;
  operationId: string;
}) {
  const uid = useId();
  const [, navigate] = useLocation();
  const operation = useQuery(publishQueries.operation(target, apiId, operationId));
  const remove = useDeleteOperation(target, apiId);
  if (operation.isPending) return <p role="status">Loading the operation…</p>;
  if (operation.isError) return <MutationError error={operation.error} />;
  const { value, etag } = operation.data;
  const scope = { kind: 'operation' as const, apiId, operationId };
  return (
    <>
      <section className="publish-section" aria-labelledby={`${uid}-title`}>
        <p className="publish-back">
          <Link href={publishPaths.api(apiId)}>← {apiId}</Link>
        </p>
        <div className="publish-section__head">
          <h2 id={`${uid}-title`}>{value.displayName}</h2>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the operation ${value.displayName}?`))
                remove.mutate(
                  { operationId, etag },
                  { onSuccess: () => navigate(publishPaths.api(apiId)) },
                );
            }}
          >
            Delete operation
          </button>
        </div>
        {remove.isError && (
          <MutationError error={remove.error} onReload={() => void operation.refetch()} />
        )}
        <MockToggle target={target} scope={scope} />
        <OperationForm
          // A new form for another operation; not for a new ETag, so a reload keeps the edits.
          key={operationId}
          target={target}
          apiId={apiId}
          editing={{
            operationId,
            values: operationToForm(value),
            etag,
            previous: value.properties,
          }}
          onSaved={() => undefined}
          onReload={() => void operation.refetch()}
        />
      </section>
      <PolicyEditor target={target} scope={scope} title="Operation policy" />
    </>
  );
}
