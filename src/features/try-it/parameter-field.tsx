import type { UseFormRegister } from 'react-hook-form';
import type { ApiParameter } from '../../core/definition/api-model';
import { InlineText } from '../../components/inline-text';
import type { TryItFormValues } from './try-it-values';
import { emptyChoiceLabel } from '../../core/request/azureml-deployment';

export interface ParameterFieldProps {
  parameter: ApiParameter;
  /** Position in `editableParameters(operation)`, which is the position in the form's params. */
  index: number;
  idPrefix: string;
  register: UseFormRegister<TryItFormValues>;
  error: string | undefined;
  /** Job ids to offer; only a jobid field gets them. */
  jobIds: string[] | undefined;
  onUseJobId: (value: string) => void;
}

/** One path, query, header or cookie parameter: a choice list for enums and booleans, else text. */
export function ParameterField({
  parameter: p,
  index,
  idPrefix,
  register,
  error,
  jobIds,
  onUseJobId,
}: ParameterFieldProps) {
  const id = `${idPrefix}-p-${index}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const listId = `${id}-list`;
  const required = p.required || p.in === 'path';
  const schemaType = typeof p.schema?.type === 'string' ? p.schema.type : undefined;
  const enumValues = Array.isArray(p.schema?.enum) ? p.schema.enum.map(String) : undefined;
  const choices = enumValues ?? (schemaType === 'boolean' ? ['true', 'false'] : undefined);
  const registration = register(`params.${index}.value`, {
    validate: (v) => !required || v.trim() !== '' || `${p.name} is required.`,
  });
  const describedBy = [error ? errorId : undefined, p.description ? hintId : undefined]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': required || undefined,
  };
  const lastJobId = jobIds?.[0];
  return (
    <div className="field">
      {/* Only the name is inside the label: the field is called exactly by the parameter's name. */}
      <div className="field__label">
        <label className="try-it__param-name" htmlFor={id}>
          {p.name}
        </label>
        {required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
        <span className="field__hint">{p.in}</span>
      </div>
      {choices ? (
        <select className="input" {...common} {...registration}>
          {!required && <option value="">{emptyChoiceLabel(p)}</option>}
          {required && <option value="">Choose…</option>}
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <div className="try-it__input-row">
          <input
            className="input input--mono"
            {...common}
            {...registration}
            list={jobIds?.length ? listId : undefined}
            spellCheck={false}
            autoComplete="off"
          />
          {lastJobId && (
            <button
              type="button"
              className="button button--small"
              onClick={() => onUseJobId(lastJobId)}
              title={lastJobId}
            >
              Use last job id
            </button>
          )}
          {jobIds && jobIds.length > 0 && (
            <datalist id={listId}>
              {jobIds.map((j) => (
                <option key={j} value={j} />
              ))}
            </datalist>
          )}
        </div>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {p.description && (
        <span id={hintId} className="field__hint">
          <InlineText text={p.description} />
        </span>
      )}
    </div>
  );
}
