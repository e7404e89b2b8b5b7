import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { ARM_TOKEN_COMMAND } from '../core/apim/arm-token-store';
import './arm-token-form.css';

/**
 * Paste an Azure Resource Manager access token for a real APIM's management plane (reports,
 * the API list). The caller keeps it in session storage (armTokenStore), never in a URL.
 */
export function ArmTokenForm({
  hasToken,
  onToken,
  children,
}: {
  hasToken: boolean;
  onToken: (token: string) => void;
  /** What the token is for, said before the instructions. */
  children: ReactNode;
}) {
  const { register, handleSubmit, reset, formState } = useForm<{ token: string }>({
    defaultValues: { token: '' },
  });
  const save = handleSubmit(({ token }) => {
    onToken(token.trim().replace(/^Bearer\s+/i, ''));
    reset({ token: '' });
  });
  return (
    <form className="arm-token-form" onSubmit={(e) => void save(e)} noValidate>
      <p>
        {children} Paste an access token from <code>{ARM_TOKEN_COMMAND}</code>; it stays in this
        tab&apos;s session storage only.
      </p>
      <label>
        ARM access token
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          {...register('token', {
            required: 'Paste the token first.',
            validate: (v) => v.trim().length > 20 || 'That is too short to be an access token.',
          })}
        />
      </label>
      <button type="submit" className="button button--small button--primary">
        Use token
      </button>
      {hasToken && (
        <button type="button" className="button button--small" onClick={() => onToken('')}>
          Forget token
        </button>
      )}
      {formState.errors.token && (
        <p role="alert" className="arm-token-form__error">
          {formState.errors.token.message}
        </p>
      )}
    </form>
  );
}
