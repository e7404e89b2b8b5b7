import type { ReactNode } from 'react';
import { describeError, type ErrorDescription } from '../core/errors/describe-error';

/**
 * Every error the portal shows: a title, the sentence saying what happened and, when there is
 * one, what to do about it. Give it the error (core describeError words it) or the words.
 */
export function ErrorMessage({
  error,
  title,
  className,
  children,
}: {
  error: unknown;
  /** Replaces the title describeError gives, where the view knows better what failed. */
  title?: string;
  className?: string;
  /** Extra lines or actions (a "Try again" button, where the problem is). */
  children?: ReactNode;
}) {
  const described = safeDescribe(error);
  return (
    <div className={`alert${className ? ` ${className}` : ''}`} role="alert">
      <p className="alert__title">{title ?? described.title}</p>
      {described.message && <p className="alert__message">{described.message}</p>}
      {described.hint && <p className="alert__hint">{described.hint}</p>}
      {children}
    </div>
  );
}

/** An error view must never be blank or crash itself. */
function safeDescribe(error: unknown): ErrorDescription {
  try {
    return describeError(error);
  } catch {
    return { title: 'Something went wrong', message: '' };
  }
}
