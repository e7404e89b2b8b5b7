import { useState, type InputHTMLAttributes } from 'react';
import './secret-input.css';

/**
 * A masked input for keys and tokens with a reveal toggle. The toggle is a pressed/unpressed
 * button so screen readers announce its state; the value never leaves the input's owner.
 */
export function SecretInput({
  id,
  value,
  onChange,
  revealLabel = 'Show key',
  ...rest
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  revealLabel?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id'>) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="secret-input">
      <input
        {...rest}
        id={id}
        className="input input--mono secret-input__input"
        type={revealed ? 'text' : 'password'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <button
        type="button"
        className="button button--ghost button--small secret-input__toggle"
        aria-pressed={revealed}
        aria-controls={id}
        onClick={() => setRevealed((r) => !r)}
      >
        {revealLabel}
      </button>
    </div>
  );
}
