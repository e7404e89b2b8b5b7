import type { ReactNode } from 'react';

export interface DescribedBy {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A label, its control and the control's error; the control is described by the error while there is one. */
export function LabelledField({
  id,
  label,
  error,
  alert = false,
  className,
  children,
}: {
  id: string;
  label: string;
  /** A sentence, or a sentence with what to do next (a button, a link). */
  error: ReactNode | undefined;
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
