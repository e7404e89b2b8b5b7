import { describeError } from '../../../core/errors/describe-error';

/** An error from an API Management call, as a title, a sentence and what to do. */
export function ErrorNote({ error }: { error: unknown }) {
  const { title, message, hint } = describeError(error);
  return (
    <div className="alert" role="alert">
      <p className="alert__title">{title}</p>
      <p>{message}</p>
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}
