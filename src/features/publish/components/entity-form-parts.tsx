import { useEffect } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { fieldOfError, ManagementError } from '../../../core/publish/management-error';
import { MutationError } from './mutation-error';

/** The gateway's refusal of one field (a taken suffix, an untrusted host) is shown at that field too. */
export function useRefusalAtField<V extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<V>,
): void {
  useEffect(() => {
    const field = fieldOfError(error);
    if (field && error instanceof ManagementError)
      setError(field as Path<V>, { type: 'server', message: error.said });
  }, [error, setError]);
}

/** The foot of an API, operation or product form: the refusal, Save or Create, Cancel. */
export function EntityFormActions({
  save,
  editing,
  onCancel,
  onReload,
}: {
  save: { isError: boolean; isPending: boolean; error: unknown };
  editing: boolean;
  onCancel?: (() => void) | undefined;
  onReload?: (() => void) | undefined;
}) {
  return (
    <>
      {save.isError && <MutationError error={save.error} onReload={onReload} />}
      <div className="publish-form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : editing ? 'Save' : 'Create'}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
