import { useForm } from 'react-hook-form';
import type { Environment } from '../../core/config/portal-config';
import { readSession, writeSession } from './try-it-storage';

function receiverKey(apiId: string): string {
  return `portico.webhook-receiver.v1.${apiId}`;
}

function asReceiverUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The receiver as the console's environment: its URL is where a webhook's test call goes. */
export function receiverEnvironment(url: string | undefined): Environment | undefined {
  return url
    ? { id: 'webhook-receiver', name: 'Your receiver', baseUrl: url, credentials: {} }
    : undefined;
}

/** The URL this tab last sent this API's webhooks to, if any. */
export function savedReceiverUrl(apiId: string): string | undefined {
  return asReceiverUrl(readSession(receiverKey(apiId)) ?? '');
}

/**
 * Where a webhook's example goes: a URL of the user's, kept for the tab. The browser sends it,
 * so the receiver must allow this page's origin (CORS), as request bins and a local server
 * with CORS do.
 */
export function WebhookReceiverField({
  apiId,
  idPrefix,
  onChange,
}: {
  apiId: string;
  idPrefix: string;
  onChange: (url: string | undefined) => void;
}) {
  const form = useForm<{ url: string }>({
    defaultValues: { url: readSession(receiverKey(apiId)) ?? '' },
    mode: 'onChange',
  });
  const error = form.formState.errors.url?.message;
  const id = `${idPrefix}-receiver`;
  return (
    <div className="try-it__receiver field">
      <p className="try-it__receiver-note">
        Send the example to your own receiver to try your handler. The call leaves from this
        browser, so the receiver must allow this page through CORS.
      </p>
      <label className="field__label" htmlFor={id}>
        Your receiver URL
      </label>
      <input
        id={id}
        className="input input--mono"
        inputMode="url"
        placeholder="https://example.com/webhooks"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...form.register('url', {
          validate: (text) =>
            text.trim() === '' ||
            asReceiverUrl(text) !== undefined ||
            'Enter an absolute http:// or https:// URL.',
          onChange: (e: { target: { value: string } }) => {
            const url = asReceiverUrl(e.target.value);
            writeSession(receiverKey(apiId), e.target.value);
            onChange(url);
          },
        })}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
