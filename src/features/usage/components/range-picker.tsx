import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { RANGE_PRESETS, checkCustomRange, type RangeChoice } from '../api/usage-range';

/** `datetime-local` text for a time, in the user's local time. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Read when the form is submitted, not while rendering. */
const currentTime = (): number => Date.now();

export function RangePicker({
  choice,
  onChange,
}: {
  choice: RangeChoice;
  onChange: (choice: RangeChoice) => void;
}) {
  const [openedAt] = useState(() => Date.now());
  const { register, handleSubmit, formState, setError } = useForm<{ from: string; to: string }>({
    defaultValues: { from: localInput(openedAt - 3_600_000), to: localInput(openedAt) },
  });
  const apply = handleSubmit(({ from, to }) => {
    const start = new Date(from).getTime();
    const end = new Date(to).getTime();
    const problem = checkCustomRange(start, end, currentTime());
    if (problem) {
      setError('from', { message: problem });
      return;
    }
    onChange({ from: start, to: end });
  });
  const custom = !('preset' in choice);
  return (
    <div className="usage-range">
      <div role="group" aria-label="Time range" className="usage-range__presets">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button button--small"
            aria-pressed={'preset' in choice && choice.preset === p.id}
            onClick={() => onChange({ preset: p.id })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <details className="usage-range__custom" open={custom || undefined}>
        <summary>Custom range{custom ? ' (in use)' : ''}</summary>
        <form onSubmit={(e) => void apply(e)} noValidate>
          <label>
            From
            <input type="datetime-local" {...register('from', { required: 'Enter a start.' })} />
          </label>
          <label>
            To
            <input type="datetime-local" {...register('to', { required: 'Enter an end.' })} />
          </label>
          <button type="submit" className="button button--small">
            Show range
          </button>
          {(formState.errors.from ?? formState.errors.to) && (
            <p className="usage-range__error" role="alert">
              {formState.errors.from?.message ?? formState.errors.to?.message}
            </p>
          )}
        </form>
      </details>
    </div>
  );
}
