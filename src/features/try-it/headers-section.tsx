import type { ReactNode } from 'react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { checkHeaderName, type TryItFormValues } from './try-it-values';

export interface HeadersSectionProps {
  form: UseFormReturn<TryItFormValues>;
  idPrefix: string;
  /** The header and cookie parameters the definition declares, shown above the custom rows. */
  children?: ReactNode;
}

/** Declared header parameters plus any headers the user adds by hand. */
export function HeadersSection({ form, idPrefix, children }: HeadersSectionProps) {
  const { control, register, formState } = form;
  const headers = useFieldArray({ control, name: 'customHeaders' });
  return (
    <fieldset className="try-it__group">
      <legend className="try-it__legend">Headers</legend>
      {children}
      {headers.fields.length > 0 && (
        <ul className="try-it__custom-headers">
          {headers.fields.map((field, i) => {
            const nameError = formState.errors.customHeaders?.[i]?.name;
            const errorId = `${idPrefix}-ch-${i}-error`;
            return (
              <li key={field.id} className="try-it__custom-header">
                <input
                  className="input input--mono"
                  aria-label={`Custom header ${i + 1} name`}
                  placeholder="Header-Name"
                  spellCheck={false}
                  {...register(`customHeaders.${i}.name`, { validate: checkHeaderName })}
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={nameError ? errorId : undefined}
                />
                <input
                  className="input input--mono"
                  aria-label={`Custom header ${i + 1} value`}
                  placeholder="value"
                  spellCheck={false}
                  {...register(`customHeaders.${i}.value`)}
                />
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => headers.remove(i)}
                >
                  Remove<span className="visually-hidden"> header {i + 1}</span>
                </button>
                {nameError && (
                  <p id={errorId} className="field__error try-it__custom-error">
                    {nameError.message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="button button--small try-it__add-header"
        onClick={() => headers.append({ name: '', value: '' })}
      >
        + Add header
      </button>
    </fieldset>
  );
}
