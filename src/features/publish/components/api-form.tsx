import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ManagementTarget } from '../../../core/publish/management-request';
import {
  emptyApiForm,
  idFromName,
  type ApiFormValues,
} from '../../../core/publish/publish-contracts';
import { publishQueries } from '../../../queries/publish-queries';
import { useSaveApi } from '../api/publish-mutations';
import { FormField } from './form-field';
import { EntityFormActions, useRefusalAtField } from './entity-form-parts';
import { MutationError } from './mutation-error';

const SCHEMES = [
  { value: 'http', label: 'HTTP' },
  { value: 'https', label: 'HTTPS' },
  { value: 'both', label: 'Both' },
] as const;

/**
 * Add API (the tutorial's "Create the API" step, in its words) or edit one. The form keeps
 * what was typed through every refusal; a field the service names shows the refusal there.
 */
export function ApiForm({
  target,
  editing,
  onSaved,
  onCancel,
  onReload,
}: {
  target: ManagementTarget;
  /** The API being edited, with the ETag it was read with and its products. */
  editing?: { apiId: string; values: ApiFormValues; etag: string | undefined; products: string[] };
  onSaved: (apiId: string) => void;
  onCancel?: () => void;
  /** Reads the latest version after a 412; the form keeps what was typed. */
  onReload?: () => void;
}) {
  const uid = useId();
  const products = useQuery(publishQueries.products(target));
  const save = useSaveApi(target);
  const { register, control, handleSubmit, formState, setError } = useForm<ApiFormValues>({
    defaultValues: editing?.values ?? emptyApiForm(),
  });
  const { errors } = formState;
  useRefusalAtField(save.error, setError);

  const name = useWatch({ control, name: 'displayName' });
  const apiId = editing?.apiId ?? idFromName(name);
  const submit = handleSubmit((values) =>
    save.mutate(
      {
        apiId,
        values,
        ...(editing ? { etag: editing.etag ?? '*' } : {}),
        currentProducts: editing?.products ?? [],
      },
      { onSuccess: () => onSaved(apiId) },
    ),
  );
  return (
    <form
      className="publish-form"
      aria-label={editing ? 'Edit API' : 'Add API'}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField
        id={`${uid}-name`}
        label="Web API name"
        hint={editing ? undefined : name.trim() ? `Its id: ${apiId}` : 'e.g. AzureML Demo API 2'}
        error={errors.displayName?.message}
      >
        {(control) => (
          <input
            className="input"
            {...control}
            {...register('displayName', {
              validate: (v) => v.trim() !== '' || 'Name the API, as consumers will see it.',
            })}
          />
        )}
      </FormField>
      <FormField
        id={`${uid}-service`}
        label="Web service URL"
        hint="The backend calls are forwarded to. Leave it empty for an API whose backend does not exist yet (mock its operations)."
        error={errors.serviceUrl?.message}
      >
        {(control) => (
          <input
            className="input input--mono"
            inputMode="url"
            placeholder="http://127.0.0.1:8790"
            {...control}
            {...register('serviceUrl', {
              validate: (v) => {
                const url = v.trim();
                if (url === '') return true;
                try {
                  const parsed = new URL(url);
                  return parsed.protocol === 'http:' || parsed.protocol === 'https:'
                    ? true
                    : 'Use an http:// or https:// address.';
                } catch {
                  return 'Type an absolute address such as http://127.0.0.1:8790.';
                }
              },
            })}
          />
        )}
      </FormField>
      <FormField
        id={`${uid}-path`}
        label="Web API URL suffix"
        hint="Consumers call the gateway's address followed by this suffix; every API needs its own."
        error={errors.path?.message}
      >
        {(control) => (
          <input
            className="input input--mono"
            placeholder="azureml-demo-2"
            {...control}
            {...register('path', {
              validate: (v) => v.trim() !== '' || 'Choose a URL suffix, e.g. azureml-demo-2.',
            })}
          />
        )}
      </FormField>
      <fieldset className="publish-form__choices">
        <legend className="field__label">URL scheme</legend>
        {SCHEMES.map((s) => (
          <label key={s.value} className="checkbox">
            <input type="radio" value={s.value} {...register('scheme')} />
            {s.label}
          </label>
        ))}
      </fieldset>
      <FormField id={`${uid}-description`} label="Description" error={errors.description?.message}>
        {(control) => (
          <textarea className="input" rows={2} {...control} {...register('description')} />
        )}
      </FormField>
      <fieldset className="publish-form__choices">
        <legend className="field__label">Products</legend>
        {products.isPending && <span className="muted">Loading the products…</span>}
        {products.isError && <MutationError error={products.error} />}
        {products.data?.map((p) => (
          <label key={p.id} className="checkbox">
            <input type="checkbox" value={p.id} {...register('products')} />
            {p.displayName}
          </label>
        ))}
      </fieldset>
      <EntityFormActions
        save={save}
        editing={Boolean(editing)}
        onCancel={onCancel}
        onReload={onReload}
      />
    </form>
  );
}
