import type { ReactNode } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { ManagementError } from '../../../core/publish/management-error';

/**
 * A failed publisher action, through the one error component. A 412 offers to read the latest
 * version: the form keeps what the person typed, and the next save carries the new ETag.
 */
export function MutationError({
  error,
  onReload,
  children,
}: {
  error: unknown;
  onReload?: () => void;
  children?: ReactNode;
}) {
  const conflict = error instanceof ManagementError && error.status === 412;
  return (
    <ErrorMessage error={error}>
      {conflict && onReload && (
        <button type="button" className="button button--small" onClick={onReload}>
          Reload the latest
        </button>
      )}
      {children}
    </ErrorMessage>
  );
}
