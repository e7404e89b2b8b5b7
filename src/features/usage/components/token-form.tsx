import { useForm } from 'react-hook-form';

/**
 * Paste an Azure Resource Manager token for a real APIM's reports. The token goes to session
 * storage (this tab) only, never into a URL.
 */
export function TokenForm({
  hasToken,
  onToken,
}: {
  hasToken: boolean;
  onToken: (token: string) => void;
}) {
  const { register, handleSubmit, reset, formState } = useForm<{ token: string }>({
    defaultValues: { token: '' },
  });
  const save = handleSubmit(({ token }) => {
    onToken(token.trim().replace(/^Bearer\s+/i, ''));
    reset({ token: '' });
  });
  return (
    <form className="usage-token" onSubmit={(e) => void save(e)} noValidate>
      <p>
        This environment&apos;s reports come from Azure Resource Manager. Paste an access token from{' '}
        <code>
          az account get-access-token --resource https://management.azure.com --query accessToken -o
          tsv
        </code>
        ; it stays in this tab&apos;s session storage only.
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
        <p role="alert" className="usage-range__error">
          {formState.errors.token.message}
        </p>
      )}
    </form>
  );
}
