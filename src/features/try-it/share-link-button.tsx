import { useState } from 'react';
import type { ApiDefinitionHead, ApiOperation } from '../../core/definition/api-model';
import { encodeShareState } from '../../core/request/share-link';
import { toSaved, type TryItFormValues } from './try-it-values';

export interface ShareLinkButtonProps {
  api: ApiDefinitionHead;
  operation: ApiOperation;
  getValues: () => TryItFormValues;
}

/** The operation's page with this form in the fragment (never sent to a server), keys left out. */
export function ShareLinkButton({ api, operation, getValues }: ShareLinkButtonProps) {
  const [message, setMessage] = useState<{ text: string; error: boolean; link?: string }>();

  const copy = () => {
    const secretQuery = Object.values(api.securitySchemes).flatMap((s) =>
      s.type === 'apiKey' && s.in === 'query' && s.name ? [s.name] : [],
    );
    const encoded = encodeShareState(toSaved(operation, getValues()), secretQuery);
    if (!encoded.ok) {
      setMessage({ text: encoded.message, error: true });
      return;
    }
    const page = window.location.href.split('#')[0] ?? '';
    const route = window.location.hash.slice(1).replace(/\/share\/.*$/, '');
    const link = `${page}#${route}/share/${encoded.payload}`;
    const done = (copied: boolean) =>
      setMessage({
        text: copied
          ? 'Link copied. It holds the parameters and body, never keys: whoever opens it enters their own.'
          : 'Copy this link (it holds the parameters and body, never keys):',
        error: false,
        ...(copied ? {} : { link }),
      });
    navigator.clipboard.writeText(link).then(
      () => done(true),
      () => done(false),
    );
  };

  return (
    <>
      <button type="button" className="button button--ghost button--small" onClick={copy}>
        Copy link
      </button>
      {message && (
        <p
          className={`try-it__share-message${message.error ? ' try-it__share-message--error' : ''}`}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
          {message.link && (
            <input
              className="input input--mono"
              readOnly
              aria-label="Share link"
              value={message.link}
              onFocus={(e) => e.target.select()}
            />
          )}
        </p>
      )}
    </>
  );
}
