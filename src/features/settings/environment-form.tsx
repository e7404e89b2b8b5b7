import { useId } from 'react';
import { useForm, useWatch, type FieldError, type UseFormRegister } from 'react-hook-form';
import { serverUrl } from '../../core/config/api-environments';
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
  variables: Record<string, string>;
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
  const server = environment?.server;
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
      variables: server ? variableValues(server) : {},
    },
  });
  const creds = useWatch({ control, name: 'credentials' });
  const variables = useWatch({ control, name: 'variables' });
  const serverAddress = server ? serverUrl(server.template, variables) : undefined;
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
            baseUrl: server ? (serverAddress ?? v.baseUrl) : v.baseUrl.trim(),
            credentials: v.credentials,
            remember: v.remember,
            ...(server ? { variables: v.variables } : {}),
          }),
        )(e)
      }
    >
      <h3 className="env-form__title">{title}</h3>
      <div className="env-form__grid">
        {server ? (
          <ServerVariableFields
            uid={uid}
            server={server}
            register={register}
            errors={err.variables}
            address={serverAddress}
          />
        ) : (
          <>
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
          </>
        )}
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

function variableValues(server: NonNullable<Environment['server']>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(server.template.variables).map(([name, v]) => [
      name,
      server.values[name] ?? v.default,
    ]),
  );
}

/**
 * The `{variables}` of a server from the definition: a choice where the definition lists the
 * allowed values, else text, each starting at the user's value or the default. The address they
 * make is shown as it will be used.
 */
function ServerVariableFields({
  uid,
  server,
  register,
  errors,
  address,
}: {
  uid: string;
  server: NonNullable<Environment['server']>;
  register: UseFormRegister<EnvironmentFormValues>;
  errors: Partial<Record<string, FieldError>> | undefined;
  address: string | undefined;
}) {
  return (
    <>
      {Object.entries(server.template.variables).map(([name, v]) => {
        const id = `${uid}-var-${name}`;
        const hintId = `${id}-hint`;
        const error = errors?.[name]?.message;
        return (
          <LabelledField key={name} id={id} label={`Server variable ${name}`} error={error}>
            {(described) => {
              const describedBy = [hintId, described['aria-describedby']].filter(Boolean).join(' ');
              const field = register(`variables.${name}`, {
                validate: (value) =>
                  serverUrl(server.template, { [name]: value }) !== undefined ||
                  `With “${value}” the server’s address is not a valid http(s) URL.`,
              });
              return (
                <>
                  {v.enum ? (
                    <select
                      id={id}
                      className="input"
                      {...described}
                      aria-describedby={describedBy}
                      {...field}
                    >
                      {v.enum.map((choice) => (
                        <option key={choice} value={choice}>
                          {choice}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={id}
                      className="input input--mono"
                      spellCheck={false}
                      placeholder={v.default}
                      {...described}
                      aria-describedby={describedBy}
                      {...field}
                    />
                  )}
                  <span id={hintId} className="field__hint">
                    {v.description ? `${v.description} · ` : ''}default {v.default || '(empty)'}
                  </span>
                </>
              );
            }}
          </LabelledField>
        );
      })}
      <div className="field">
        <span className="field__label">Base URL</span>
        <code className="env-item__url">{address ?? 'Not a valid address with these values'}</code>
        <span className="field__hint">The server “{server.template.url}” of the definition.</span>
      </div>
    </>
  );
}
