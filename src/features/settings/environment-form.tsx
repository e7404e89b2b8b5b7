import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { validateBaseUrl } from '../../core/config/environment-validation';
import type { Environment } from '../../core/config/portal-config';
import { SecretInput } from '../../components/secret-input';
import { LabelledField } from './labelled-field';
import type { CredentialField, EnvironmentDraft } from './settings-types';

interface EnvironmentFormValues {
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  remember: boolean;
}

export function EnvironmentForm({
  environment,
  remember,
  credentialFields,
  onSave,
  onCancel,
}: {
  environment: Environment | undefined;
  remember: boolean;
  credentialFields: CredentialField[];
  onSave: (draft: EnvironmentDraft) => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const fields = [...credentialFields];
  for (const id of Object.keys(environment?.credentials ?? {})) {
    if (!fields.some((f) => f.id === id)) fields.push({ id, label: id });
  }
  const { register, handleSubmit, formState, control, setValue } = useForm<EnvironmentFormValues>({
    defaultValues: {
      name: environment?.name ?? '',
      baseUrl: environment?.baseUrl ?? '',
      credentials: Object.fromEntries(
        fields.map((f) => [f.id, environment?.credentials[f.id] ?? '']),
      ),
      remember,
    },
  });
  const creds = useWatch({ control, name: 'credentials' });
  const title = environment ? `Edit ${environment.name}` : 'New environment';
  const err = formState.errors;
  return (
    <form
      className="env-form"
      aria-label={title}
      noValidate
      onSubmit={(e) =>
        void handleSubmit((v) =>
          onSave({
            id: environment?.id,
            name: v.name.trim(),
            baseUrl: v.baseUrl.trim(),
            credentials: v.credentials,
            remember: v.remember,
          }),
        )(e)
      }
    >
      <h3 className="env-form__title">{title}</h3>
      <div className="env-form__grid">
        <LabelledField id={`${uid}-name`} label="Name" error={err.name?.message}>
          {(described) => (
            <input
              id={`${uid}-name`}
              className="input"
              {...described}
              {...register('name', {
                validate: (v) => v.trim() !== '' || 'Give the environment a name.',
              })}
            />
          )}
        </LabelledField>
        <LabelledField id={`${uid}-url`} label="Base URL" error={err.baseUrl?.message}>
          {(described) => (
            <input
              id={`${uid}-url`}
              className="input input--mono"
              inputMode="url"
              placeholder="https://myapi.azure-api.net/azureml-demo"
              spellCheck={false}
              {...described}
              {...register('baseUrl', { validate: (v) => validateBaseUrl(v) ?? true })}
            />
          )}
        </LabelledField>
        {fields.map((f) => (
          <div className="field" key={f.id}>
            <label className="field__label" htmlFor={`${uid}-cred-${f.id}`}>
              {f.label}
            </label>
            <SecretInput
              id={`${uid}-cred-${f.id}`}
              value={creds[f.id] ?? ''}
              onChange={(v) => setValue(`credentials.${f.id}`, v, { shouldDirty: true })}
              placeholder="Not set"
            />
          </div>
        ))}
      </div>
      <label className="checkbox env-form__remember">
        <input type="checkbox" {...register('remember')} />
        Remember on this device
        <span className="field__hint">
          Keeps the keys in this browser’s local storage after the tab closes.
        </span>
      </label>
      <div className="env-form__actions">
        <button type="submit" className="button button--primary">
          Save environment
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Discard changes
        </button>
      </div>
    </form>
  );
}
