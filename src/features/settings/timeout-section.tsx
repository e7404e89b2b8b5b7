import { useId, useState } from 'react';

export function TimeoutSection({
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
