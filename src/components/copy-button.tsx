import { useEffect, useState } from 'react';
import './copy-button.css';

/**
 * Copies `text` (or what `getText` returns at click time). The outcome shows for a moment
 * beside the button, never over what was copied, and is announced politely; the button keeps
 * its name, so it can be pressed again.
 */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'button button--ghost button--small',
}: {
  text: string | (() => string);
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <span className="copy-button">
      <button
        type="button"
        className={className}
        onClick={() => {
          const value = typeof text === 'function' ? text() : text;
          navigator.clipboard.writeText(value).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {label}
      </button>
      {/* Always present (empty while idle), so screen readers hear each change. */}
      <span
        className={`copy-button__status${state === 'failed' ? ' copy-button__status--failed' : ''}`}
        aria-live="polite"
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  );
}
