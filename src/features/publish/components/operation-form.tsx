import { useId } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import type { ManagementTarget } from '../../../core/publish/management-request';
import {
  emptyOperationForm,
  HTTP_VERBS,
  idFromName,
  type OperationFormValues,
} from '../../../core/publish/publish-contracts';
import { checkUrlTemplate } from '../../../core/publish/url-template';
import { useSaveOperation } from '../api/publish-mutations';
import { FormField } from './form-field';
import { EntityFormActions, useRefusalAtField } from './entity-form-parts';

/**
 * Add operation (the tutorial's "Add the operations" step) or edit one: HTTP verb, URL template
 * with its {parameters} checked as typed, display name, description and responses.
 */
export function OperationForm({
  target,
  apiId,
  editing,
  onSaved,
  onCancel,
  onReload,
}: {
  target: ManagementTarget;
  apiId: string;
  editing?: {
    operationId: string;
    values: OperationFormValues;
    etag: string | undefined;
    previous: Record<string, unknown>;
  };
  onSaved: (operationId: string) => void;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const uid = useId();
  const save = useSaveOperation(target, apiId);
  const { register, control, handleSubmit, formState, setError } = useForm<OperationFormValues>({
    defaultValues: editing?.values ?? emptyOperationForm(),
    mode: 'onChange',
  });
  const responses = useFieldArray({ control, name: 'responses' });
  const { errors } = formState;
  useRefusalAtField(save.error, setError);

  const template = checkUrlTemplate(useWatch({ control, name: 'urlTemplate' }).trim());
  const name = useWatch({ control, name: 'displayName' });
  const operationId = editing?.operationId ?? idFromName(name);
  const submit = handleSubmit((values) =>
    save.mutate(
      {
        operationId,
        values,
        ...(editing ? { etag: editing.etag ?? '*', previous: editing.previous } : {}),
      },
      { onSuccess: () => onSaved(operationId) },
    ),
  );
  return (
    <form
      className="publish-form"
      aria-label={editing ? 'Edit operation' : 'Add operation'}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField
        id={`${uid}-name`}
        label="Display name"
        error={errors.displayName?.message}
        hint={editing ? undefined : name.trim() ? `Its id: ${operationId}` : 'e.g. RRS Execute'}
      >
        {(c) => (
          <input
            className="input"
            {...c}
            {...register('displayName', {
              validate: (v) => v.trim() !== '' || 'Name the operation, e.g. RRS Execute.',
            })}
          />
        )}
      </FormField>
      <div className="publish-form__row">
        <FormField id={`${uid}-verb`} label="HTTP verb" error={errors.method?.message}>
          {(c) => (
            <select className="input" {...c} {...register('method')}>
              {HTTP_VERBS.map((verb) => (
                <option key={verb}>{verb}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={`${uid}-template`}
          label="URL template"
          hint={
            template.ok && template.parameters.length > 0
              ? `Parameters: ${template.parameters.map((p) => `{${p}}`).join(', ')}`
              : 'e.g. /workspaces/{workspace}/services/{service}/execute?api-version={apiversion}'
          }
          error={errors.urlTemplate?.message}
        >
          {(c) => (
            <input
              className="input input--mono"
              spellCheck={false}
              {...c}
              {...register('urlTemplate', {
                validate: (v) => {
                  const check = checkUrlTemplate(v.trim());
                  return check.ok || check.problem;
                },
              })}
            />
          )}
        </FormField>
      </div>
      <FormField id={`${uid}-description`} label="Description" error={errors.description?.message}>
        {(c) => <textarea className="input" rows={2} {...c} {...register('description')} />}
      </FormField>
      <fieldset className="publish-form__responses">
        <legend className="field__label">Responses</legend>
        {responses.fields.map((field, i) => (
          <div key={field.id} className="publish-form__response">
            <FormField
              id={`${uid}-status-${i}`}
              label="Status code"
              error={errors.responses?.[i]?.statusCode?.message}
            >
              {(c) => (
                <input
                  className="input"
                  inputMode="numeric"
                  {...c}
                  {...register(`responses.${i}.statusCode`, {
                    validate: (v) =>
                      /^[1-5]\d\d$/.test(v.trim()) || 'Type a status code such as 200.',
                  })}
                />
              )}
            </FormField>
            <FormField id={`${uid}-rdesc-${i}`} label="Description" error={undefined}>
              {(c) => (
                <input className="input" {...c} {...register(`responses.${i}.description`)} />
              )}
            </FormField>
            <FormField
              id={`${uid}-ctype-${i}`}
              label="Content type"
              error={undefined}
              hint="Empty for no body."
            >
              {(c) => (
                <input
                  className="input input--mono"
                  placeholder="application/json"
                  {...c}
                  {...register(`responses.${i}.contentType`)}
                />
              )}
            </FormField>
            <FormField
              id={`${uid}-example-${i}`}
              label="Example"
              error={undefined}
              hint="What mock-response answers with."
            >
              {(c) => (
                <textarea
                  className="input input--mono"
                  rows={3}
                  spellCheck={false}
                  {...c}
                  {...register(`responses.${i}.example`)}
                />
              )}
            </FormField>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => responses.remove(i)}
            >
              Remove response {field.statusCode || i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            responses.append({ statusCode: '', description: '', contentType: '', example: '' })
          }
        >
          Add response
        </button>
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
