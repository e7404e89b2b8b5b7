import { useId, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { SecretInput } from '../../components/secret-input';
import {
  inputValues,
  withoutSecrets,
  type InputField,
} from '../../core/workflow/workflow-input-fields';

export interface WorkflowInputs {
  /** For the runner: secrets included. */
  values: Record<string, unknown>;
  /** For the run's record and anything shown: secrets left out. */
  shown: Record<string, unknown>;
}

/**
 * The workflow's inputs, one field per property of its `inputs` schema, typed as it says. A
 * secret (a key, token or password) is masked and lives only in this form: it is not stored,
 * not kept in the run's record, and not put into any document.
 */
export function WorkflowInputsForm({
  fields,
  running,
  onRun,
  children,
}: {
  fields: readonly InputField[];
  running: boolean;
  onRun: (inputs: WorkflowInputs) => void;
  /** Beside Run: the environment picker and Cancel. */
  children: ReactNode;
}) {
  const uid = useId();
  const form = useForm<Record<string, string>>({
    defaultValues: Object.fromEntries(fields.map((f) => [f.name, f.initial])),
  });
  const { errors } = form.formState;

  return (
    <form
      className="card workflow-inputs"
      aria-labelledby={`${uid}-title`}
      noValidate
      onSubmit={(e) =>
        void form.handleSubmit((text) => {
          const typed = inputValues(fields, text);
          if (!typed.ok) {
            for (const [name, message] of Object.entries(typed.errors))
              form.setError(name, { message });
            return;
          }
          onRun({ values: typed.values, shown: withoutSecrets(fields, typed.values) });
        })(e)
      }
    >
      <h2 id={`${uid}-title`}>Inputs</h2>
      {fields.length === 0 && <p className="muted">This workflow takes no inputs.</p>}
      {fields.map((field, i) => {
        const id = `${uid}-in-${i}`;
        const error = errors[field.name]?.message;
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        const describedBy =
          [field.description ? hintId : undefined, error ? errorId : undefined]
            .filter(Boolean)
            .join(' ') || undefined;
        const common = {
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy,
          'aria-required': field.required || undefined,
        } as const;
        return (
          <div className="field" key={field.name}>
            <div className="field__label">
              <label htmlFor={id}>{field.name}</label>
              {field.required && (
                <span className="field__required" aria-hidden="true">
                  *
                </span>
              )}
              <span className="field__hint">
                {field.type}
                {field.secret ? ' · secret, never stored' : ''}
              </span>
            </div>
            {field.secret ? (
              <Controller
                control={form.control}
                name={field.name}
                render={({ field: f }) => (
                  <SecretInput
                    id={id}
                    value={f.value ?? ''}
                    onChange={f.onChange}
                    onBlur={f.onBlur}
                    revealLabel={`Show ${field.name}`}
                    {...common}
                  />
                )}
              />
            ) : field.choices || field.type === 'boolean' ? (
              <select id={id} className="input" {...common} {...form.register(field.name)}>
                <option value="">{field.required ? 'Choose…' : '(not given)'}</option>
                {(field.choices ?? ['true', 'false']).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : field.type === 'object' || field.type === 'array' ? (
              <textarea
                id={id}
                className="input input--mono"
                rows={4}
                spellCheck={false}
                {...common}
                {...form.register(field.name)}
              />
            ) : (
              <input
                id={id}
                className="input input--mono"
                inputMode={field.type === 'string' ? undefined : 'decimal'}
                spellCheck={false}
                {...common}
                {...form.register(field.name)}
              />
            )}
            {field.description && (
              <p id={hintId} className="workflow-inputs__help">
                {field.description}
              </p>
            )}
            {error && (
              <p id={errorId} className="field__error" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="workflow-inputs__actions">
        {children}
        <button type="submit" className="button button--primary" disabled={running}>
          {running ? 'Running…' : 'Run'}
        </button>
      </div>
    </form>
  );
}
