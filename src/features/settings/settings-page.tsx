import { useId, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { validateBaseUrl } from '../../core/config/environment-validation';
import { loadDefinition } from '../../core/definition/load-definition';
import type { Environment } from '../../core/config/portal-config';
import { SecretInput } from '../../components/secret-input';
import './settings-page.css';

export interface CredentialField {
  /** Security scheme id, the key in Environment.credentials. */
  id: string;
  label: string;
}

export interface EnvironmentDraft {
  /** Undefined for a new environment. */
  id: string | undefined;
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  remember: boolean;
}

export type NewApi =
  | { kind: 'url'; title: string; url: string }
  | { kind: 'file'; title: string; fileName: string; text: string };

export interface SettingsPageProps {
  environments: Environment[];
  activeEnvironmentId: string | undefined;
  rememberedEnvironmentIds: string[];
  credentialFields: CredentialField[];
  timeoutMs: number;
  addedApis: Array<{ id: string; title: string; location: string }>;
  onSelectEnvironment: (id: string) => void;
  onSaveEnvironment: (draft: EnvironmentDraft) => void;
  onDeleteEnvironment: (id: string) => void;
  onResetEnvironment: (id: string) => void;
  onTimeoutChange: (ms: number) => void;
  /** Throws when the API cannot be stored (e.g. browser storage is full). */
  onAddApi: (api: NewApi) => void;
  onRemoveApi: (id: string) => void;
}

export function SettingsPage(props: SettingsPageProps) {
  return (
    <div className="settings">
      <header>
        <h1>Settings</h1>
        <p className="muted settings__intro">
          Everything here stays in this browser. Keys live in this tab only unless you tick
          “Remember on this device”.
        </p>
      </header>
      <EnvironmentsSection {...props} />
      <TimeoutSection timeoutMs={props.timeoutMs} onChange={props.onTimeoutChange} />
      <AddedApisSection
        addedApis={props.addedApis}
        onAddApi={props.onAddApi}
        onRemoveApi={props.onRemoveApi}
      />
    </div>
  );
}

function EnvironmentsSection(props: SettingsPageProps) {
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const { environments, activeEnvironmentId } = props;
  return (
    <section className="settings__section card" aria-labelledby="settings-envs">
      <div className="settings__section-head">
        <div>
          <h2 id="settings-envs">Environments</h2>
          <p className="muted">Where requests go, and the keys they carry.</p>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => setEditing('new')}
          disabled={editing === 'new'}
        >
          + Add environment
        </button>
      </div>
      <ul className="env-list">
        {environments.map((env) => {
          const active = env.id === activeEnvironmentId;
          return (
            <li key={env.id} className={`env-item${active ? ' env-item--active' : ''}`}>
              {editing === env.id ? (
                <EnvironmentForm
                  environment={env}
                  remember={props.rememberedEnvironmentIds.includes(env.id)}
                  credentialFields={props.credentialFields}
                  onCancel={() => setEditing(undefined)}
                  onSave={(draft) => {
                    props.onSaveEnvironment(draft);
                    setEditing(undefined);
                  }}
                />
              ) : (
                <div className="env-item__row">
                  <div className="env-item__text">
                    <p className="env-item__name">
                      {env.name}
                      {active && <span className="pill pill--accent">Active</span>}
                      {env.builtIn && <span className="pill">Built-in</span>}
                      {props.rememberedEnvironmentIds.includes(env.id) && (
                        <span className="pill">Keys remembered</span>
                      )}
                    </p>
                    <code className="env-item__url">{env.baseUrl}</code>
                  </div>
                  <div className="env-item__actions">
                    {!active && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => props.onSelectEnvironment(env.id)}
                      >
                        Use<span className="visually-hidden"> {env.name}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setEditing(env.id)}
                    >
                      Edit<span className="visually-hidden"> {env.name}</span>
                    </button>
                    {env.builtIn ? (
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        onClick={() => props.onResetEnvironment(env.id)}
                      >
                        Reset<span className="visually-hidden"> {env.name}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => {
                          if (window.confirm(`Delete the environment “${env.name}”?`))
                            props.onDeleteEnvironment(env.id);
                        }}
                      >
                        Delete<span className="visually-hidden"> {env.name}</span>
                      </button>
                    )}
                  </div>
                </div>
              )}
            </li>
          );
        })}
        {editing === 'new' && (
          <li className="env-item env-item--new">
            <EnvironmentForm
              environment={undefined}
              remember={false}
              credentialFields={props.credentialFields}
              onCancel={() => setEditing(undefined)}
              onSave={(draft) => {
                props.onSaveEnvironment(draft);
                setEditing(undefined);
              }}
            />
          </li>
        )}
      </ul>
    </section>
  );
}

interface EnvironmentFormValues {
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  remember: boolean;
}

function EnvironmentForm({
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
      onSubmit={handleSubmit((v) =>
        onSave({
          id: environment?.id,
          name: v.name.trim(),
          baseUrl: v.baseUrl.trim(),
          credentials: v.credentials,
          remember: v.remember,
        }),
      )}
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

function TimeoutSection({
  timeoutMs,
  onChange,
}: {
  timeoutMs: number;
  onChange: (ms: number) => void;
}) {
  const uid = useId();
  const [text, setText] = useState(String(Math.round(timeoutMs / 1000)));
  const seconds = Number(text);
  const error =
    text.trim() === '' || !Number.isFinite(seconds) || seconds < 1 || seconds > 600
      ? 'Enter a number of seconds from 1 to 600.'
      : undefined;
  return (
    <section className="settings__section card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Requests</h2>
      <div className="field settings__timeout">
        <label className="field__label" htmlFor={`${uid}-timeout`}>
          Request timeout (seconds)
        </label>
        <input
          id={`${uid}-timeout`}
          className="input"
          type="number"
          min={1}
          max={600}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${uid}-timeout-error` : `${uid}-timeout-hint`}
          onChange={(e) => {
            setText(e.target.value);
            const n = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= 1 && n <= 600)
              onChange(Math.round(n * 1000));
          }}
        />
        {error ? (
          <p id={`${uid}-timeout-error`} className="field__error">
            {error}
          </p>
        ) : (
          <span id={`${uid}-timeout-hint`} className="field__hint">
            A request that takes longer is stopped with a timeout message. Default 30 s.
          </span>
        )}
      </div>
    </section>
  );
}

function AddedApisSection({
  addedApis,
  onAddApi,
  onRemoveApi,
}: {
  addedApis: SettingsPageProps['addedApis'];
  onAddApi: SettingsPageProps['onAddApi'];
  onRemoveApi: SettingsPageProps['onRemoveApi'];
}) {
  const uid = useId();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<'url' | 'file' | undefined>();
  const [error, setError] = useState<{ from: 'url' | 'file'; message: string } | undefined>();
  const [added, setAdded] = useState<string | undefined>();

  const add = async (from: 'url' | 'file', load: () => Promise<NewApi>) => {
    setBusy(from);
    setError(undefined);
    setAdded(undefined);
    try {
      const api = await load();
      onAddApi(api);
      setAdded(api.title);
      if (from === 'url') setUrl('');
    } catch (e) {
      setError({ from, message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="settings__section card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Added APIs</h2>
      <p className="muted">
        Add an OpenAPI 3.x or Swagger 2.0 definition (JSON or YAML) for this browser only.
      </p>
      <form
        className="settings__add-url"
        noValidate
        aria-label="Add an API from a URL"
        onSubmit={(e) => {
          e.preventDefault();
          const target = url.trim();
          if (!target) {
            setError({ from: 'url', message: 'Enter the URL of an OpenAPI or Swagger document.' });
            return;
          }
          void add('url', async () => {
            const def = await loadDefinition({ url: target }, { validate: true });
            return { kind: 'url', title: def.title, url: target };
          });
        }}
      >
        <LabelledField
          id={`${uid}-url`}
          label="Definition URL"
          error={error?.from === 'url' ? error.message : undefined}
          alert
        >
          {(described) => (
            <div className="settings__inline">
              <input
                id={`${uid}-url`}
                className="input input--mono"
                inputMode="url"
                placeholder="https://example.com/openapi.json"
                value={url}
                spellCheck={false}
                onChange={(e) => setUrl(e.target.value)}
                {...described}
              />
              <button type="submit" className="button" disabled={busy !== undefined}>
                {busy === 'url' ? 'Loading…' : 'Add from URL'}
              </button>
            </div>
          )}
        </LabelledField>
      </form>
      <LabelledField
        id={`${uid}-file`}
        label="Definition file"
        error={error?.from === 'file' ? error.message : undefined}
        alert
        className="settings__add-file"
      >
        {(described) => (
          <input
            id={`${uid}-file`}
            className="input"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            disabled={busy !== undefined}
            {...described}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              void add('file', async () => {
                const text = await file.text();
                const def = await loadDefinition({ text, fileName: file.name }, { validate: true });
                return { kind: 'file', title: def.title, fileName: file.name, text };
              }).then(() => {
                // Clearing lets the same file be chosen again after a fix.
                input.value = '';
              });
            }}
          />
        )}
      </LabelledField>
      {added && (
        <p className="settings__added" role="status">
          Added “{added}”. It is now in the API list.
        </p>
      )}
      {addedApis.length > 0 && (
        <ul className="settings__apis">
          {addedApis.map((a) => (
            <li key={a.id}>
              <div>
                <p className="env-item__name">{a.title}</p>
                <code className="env-item__url">{a.location}</code>
              </div>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => {
                  if (!window.confirm(`Remove “${a.title}” from this browser?`)) return;
                  onRemoveApi(a.id);
                  if (added === a.title) setAdded(undefined);
                }}
              >
                Remove<span className="visually-hidden"> {a.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface DescribedBy {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A label, its control and the control's error; the control is described by the error while there is one. */
function LabelledField({
  id,
  label,
  error,
  alert = false,
  className,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  /** Announce the error at once (errors that come from an action rather than from typing). */
  alert?: boolean;
  className?: string;
  children: (described: DescribedBy) => ReactNode;
}) {
  const errorId = `${id}-error`;
  const described: DescribedBy =
    error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId };
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(described)}
      {error !== undefined && (
        <p id={errorId} className="field__error" role={alert ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
