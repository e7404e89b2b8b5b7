import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';

/** Paste a subscription key from an API Management developer portal into the environment. */
export function PasteKeyForm({
  environmentName,
  onUseKey,
}: {
  environmentName: string;
  onUseKey: (key: string) => void;
}) {
  const uid = useId();
  const [shown, setShown] = useState(false);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState, reset } = useForm<{ key: string }>({
    defaultValues: { key: '' },
  });
  const error = formState.errors.key?.message;
  return (
    <form
      className="apim-paste"
      aria-label="Paste a subscription key"
      noValidate
      onSubmit={handleSubmit((v) => {
        onUseKey(v.key.trim());
        reset({ key: '' });
        setSaved(true);
      })}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${uid}-key`}>
          Subscription key
        </label>
        <div className="secret-input">
          <input
            id={`${uid}-key`}
            className="input input--mono secret-input__input"
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${uid}-error` : `${uid}-hint`}
            {...register('key', {
              onChange: () => setSaved(false),
              validate: (v) => {
                const k = v.trim();
                if (k === '') return 'Paste the primary or secondary key of your subscription.';
                if (/\s/.test(k)) return 'A subscription key has no spaces: copy it again.';
                return true;
              },
            })}
          />
          <button
            type="button"
            className="button button--ghost button--small secret-input__toggle"
            aria-pressed={shown}
            aria-controls={`${uid}-key`}
            onClick={() => setShown((s) => !s)}
          >
            Show key
          </button>
        </div>
        {error ? (
          <p id={`${uid}-error`} className="field__error">
            {error}
          </p>
        ) : (
          <span id={`${uid}-hint`} className="field__hint">
            Sent as Ocp-Apim-Subscription-Key by every call in {environmentName}; kept in this tab.
          </span>
        )}
      </div>
      <div className="apim-paste__actions">
        <button type="submit" className="button button--primary">
          Use this key in {environmentName}
        </button>
        {saved && (
          <span role="status" className="muted">
            {environmentName} now sends this key.
          </span>
        )}
      </div>
    </form>
  );
}
