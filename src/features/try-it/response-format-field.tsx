import { useWatch, type UseFormReturn } from 'react-hook-form';
import type { AcceptChoice } from '../../core/request/accept-choices';
import type { TryItFormValues } from './try-it-values';

export interface ResponseFormatFieldProps {
  form: UseFormReturn<TryItFormValues>;
  choices: AcceptChoice[];
  idPrefix: string;
}

/**
 * Whether a streaming operation answers whole or as it is written: the choice is the request's
 * Accept header, kept as a custom header row so the Headers section shows exactly what is sent.
 */
export function ResponseFormatField({ form, choices, idPrefix }: ResponseFormatFieldProps) {
  const headers = useWatch({ control: form.control, name: 'customHeaders' });
  const at = headers.findIndex((h) => h.name.trim().toLowerCase() === 'accept');
  const value = at === -1 ? '' : (headers[at]?.value ?? '');
  const id = `${idPrefix}-accept`;
  const known = choices.some((c) => c.mediaType === value);
  return (
    <div className="field">
      <div className="field__label">
        <label htmlFor={id}>Response format</label>
        <span className="field__hint">Accept header</span>
      </div>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(e) => {
          const rest = headers.filter((_, i) => i !== at);
          const chosen = e.target.value;
          form.setValue(
            'customHeaders',
            chosen === '' ? rest : [...rest, { name: 'Accept', value: chosen }],
            { shouldDirty: true },
          );
        }}
      >
        <option value="">(not sent: the server chooses)</option>
        {choices.map((c) => (
          <option key={c.mediaType} value={c.mediaType}>
            {c.label}
          </option>
        ))}
        {value !== '' && !known && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}
