import { ErrorMessage } from '../../components/error-message';
import { CredentialRefusedError } from '../../core/errors/credential-refused-error';
import type { CredentialRefusal } from '../../core/errors/credential-refused-error';
import { schemeLabel } from '../../core/definition/security-scheme-text';
import './credential-guidance.css';

export interface CredentialLinks {
  /** Id prefix of the credential fields (CredentialsSection). */
  idPrefix: string;
  settingsHref: string;
  /** API Management's keys page, offered where the environment has one in front. */
  subscriptionsHref: string;
}

/** A 401/403 in the user's terms, with the ways to the credential it is about. */
export function CredentialGuidance({
  refusal,
  idPrefix,
  settingsHref,
  subscriptionsHref,
}: { refusal: CredentialRefusal } & CredentialLinks) {
  return (
    <ErrorMessage error={new CredentialRefusedError(refusal)} className="credential-guidance">
      <CredentialLinkList
        schemes={refusal.schemes}
        idPrefix={idPrefix}
        settingsHref={settingsHref}
        subscriptionsHref={refusal.subscriptionKeys ? subscriptionsHref : undefined}
      />
    </ErrorMessage>
  );
}

/** Where to enter a key: its field on this page, Settings, and API Management's keys page. */
export function CredentialLinkList({
  schemes,
  idPrefix,
  settingsHref,
  subscriptionsHref,
}: {
  schemes: readonly CredentialRefusal['schemes'][number][];
  idPrefix: string;
  /** Left out where Settings is linked already. */
  settingsHref: string | undefined;
  subscriptionsHref: string | undefined;
}) {
  return (
    <span className="credential-links">
      {schemes.map((s) => (
        <button
          key={s.id}
          type="button"
          className="button button--small"
          onClick={() => document.getElementById(`${idPrefix}-cred-${s.id}`)?.focus()}
        >
          Enter the {schemeLabel(s)}
        </button>
      ))}
      {settingsHref && (
        <a className="button button--small button--ghost" href={settingsHref}>
          Settings
        </a>
      )}
      {subscriptionsHref && (
        <a className="button button--small button--ghost" href={subscriptionsHref}>
          Subscriptions and keys
        </a>
      )}
    </span>
  );
}
