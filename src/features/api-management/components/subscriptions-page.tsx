import { useQuery } from '@tanstack/react-query';
import { subscriptionStateText } from '../../../core/apim/apim-contracts';
import {
  entryForKey,
  entryForRetiredKey,
  forgetSubscription,
} from '../../../core/apim/subscription-wallet';
import type { Environment } from '../../../core/config/portal-config';
import { ApimRequestError } from '../../../core/apim/apim-errors';
import { productsQuery, subscriptionQuery } from '../../../queries/apim-queries';
import { useRegenerateKey } from '../api/apim-mutations';
import {
  setWalletRemembered,
  updateWallet,
  useWallet,
  useWalletRemembered,
} from '../../../hooks/use-wallet';
import { ApprovalNote } from './approval-note';
import { ErrorMessage } from '../../../components/error-message';
import { NotLocalNote } from './not-local-note';
import type { ApimPageProps } from './products-page';
import { SubscriptionKeys } from './subscription-keys';
import '../api-management.css';

const APPROVAL_CHECK_MS = 5000;

interface Row {
  id: string;
  /** The key the portal reads the subscription with. */
  key: string;
  /** Held by this tab (not only the environment's configured key), so it can be forgotten. */
  inWallet: boolean;
}

/** The subscriptions this tab holds keys for, with their keys, regenerate and "use this key". */
export function SubscriptionsPage({
  environment,
  keySchemeId,
  onUseKey,
  productsHref,
}: Omit<ApimPageProps, 'subscriptionsHref'> & { productsHref: string }) {
  const wallet = useWallet();
  const developerUrl = environment?.apim?.local ? environment.apim.developerUrl : undefined;
  const keyInUse = (environment?.credentials[keySchemeId] ?? '').trim();

  let body;
  if (!environment) body = <p>Choose an environment first.</p>;
  else if (!developerUrl) body = <NotLocalNote environment={environment} onUseKey={onUseKey} />;
  else {
    const rows: Row[] = wallet
      .filter((e) => e.developerUrl === developerUrl)
      .map((e) => ({ id: e.id, key: e.primaryKey, inWallet: true }));
    const retiredFrom = entryForRetiredKey(wallet, developerUrl, keyInUse);
    // The configured key's subscription, until this tab holds keys for it itself.
    const configured = environment.apim?.subscriptionId;
    if (
      configured &&
      keyInUse &&
      !retiredFrom &&
      !rows.some((r) => r.id === configured) &&
      !entryForKey(wallet, developerUrl, keyInUse)
    ) {
      rows.unshift({ id: configured, key: keyInUse, inWallet: false });
    }
    body = (
      <>
        {rows.length === 0 ? (
          <p>
            No subscriptions in this tab yet.{' '}
            <a href={`#${productsHref}`}>Subscribe to a product</a> to get keys.
          </p>
        ) : (
          <ul className="apim-subscriptions">
            {rows.map((row) => (
              <li key={row.id}>
                <SubscriptionCard
                  developerUrl={developerUrl}
                  row={row}
                  environment={environment}
                  keyInUse={keyInUse}
                  onUseKey={onUseKey}
                />
              </li>
            ))}
          </ul>
        )}
        {retiredFrom && (
          <p className="apim-warning" role="note">
            {environment.name} still sends a key of <strong>{retiredFrom.displayName}</strong> that
            was regenerated, so the gateway refuses its calls. Press “Use primary key in{' '}
            {environment.name}” to send the new one.
          </p>
        )}
      </>
    );
  }

  return (
    <div className="apim-page">
      <header>
        <h1>Subscriptions</h1>
        <p className="muted">
          Each subscription has two keys; either works. Regenerate one while your apps use the
          other, then switch. Keys are shown only when you ask.
        </p>
      </header>
      {developerUrl && <RememberKeys />}
      {body}
    </div>
  );
}

function SubscriptionCard({
  developerUrl,
  row,
  environment,
  keyInUse,
  onUseKey,
}: {
  developerUrl: string;
  row: Row;
  environment: Environment;
  keyInUse: string;
  onUseKey: (key: string) => void;
}) {
  const query = useQuery({
    ...subscriptionQuery(developerUrl, row.id, row.key),
    // An administrator may approve it any time: the page notices without a reload.
    refetchInterval: (q) => (q.state.data?.state === 'submitted' ? APPROVAL_CHECK_MS : false),
  });
  const products = useQuery(productsQuery(developerUrl));
  const regenerate = useRegenerateKey(developerUrl);
  const sub = query.data;
  const title = sub?.displayName ?? row.id;
  return (
    <section className="apim-subscription card" aria-label={`Subscription ${title}`}>
      <div className="apim-subscription__head">
        <h2>{title}</h2>
        {row.inWallet && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => updateWallet((w) => forgetSubscription(w, developerUrl, row.id))}
          >
            Forget in this tab<span className="visually-hidden"> {title}</span>
          </button>
        )}
      </div>
      {query.isPending && <p role="status">Reading the subscription…</p>}
      {query.isError &&
        (!row.inWallet && query.error instanceof ApimRequestError && query.error.status === 401 ? (
          <p className="apim-warning" role="note">
            The key {environment.name} sends does not open the configured subscription{' '}
            <code>{row.id}</code>: it belongs to another subscription or was regenerated. Subscribe
            to a product or paste a current key.
          </p>
        ) : (
          <ErrorMessage error={query.error} />
        ))}
      {sub && (
        <>
          <dl className="apim-product__limits">
            <dt>Product</dt>
            <dd>
              {products.data?.find((p) => p.id === sub.productId)?.displayName ??
                sub.productId ??
                sub.scope}
            </dd>
            <dt>State</dt>
            <dd>{subscriptionStateText(sub.state)}</dd>
            <dt>Id</dt>
            <dd>
              <code>{sub.id}</code>
            </dd>
            {sub.createdDate && (
              <>
                <dt>Created</dt>
                <dd>{new Date(sub.createdDate).toLocaleString()}</dd>
              </>
            )}
          </dl>
          {sub.state === 'submitted' && (
            <ApprovalNote managementUrl={environment.apim?.managementUrl} subscriptionId={sub.id} />
          )}
          <SubscriptionKeys
            subscription={sub}
            keyInUse={keyInUse}
            environmentName={environment.name}
            onUseKey={onUseKey}
            {...(sub.state === 'active'
              ? {
                  onRegenerate: (which) => {
                    const warning =
                      (which === 'primary' ? sub.primaryKey : sub.secondaryKey) === keyInUse
                        ? ` ${environment.name} uses it now, so its calls will be refused until you use a new key.`
                        : '';
                    if (
                      !window.confirm(
                        `Regenerate the ${which} key? The old one stops working at once.${warning}`,
                      )
                    )
                      return;
                    // Authenticate with the key that survives, so a stale key in the row never blocks it.
                    const other = which === 'primary' ? sub.secondaryKey : sub.primaryKey;
                    regenerate.mutate({ id: sub.id, which, key: other ?? row.key });
                  },
                }
              : {})}
            {...(regenerate.isPending && regenerate.variables
              ? { regenerating: regenerate.variables.which }
              : {})}
          />
          {regenerate.isError && <ErrorMessage error={regenerate.error} />}
          {regenerate.isSuccess && (
            <p role="status" className="muted">
              New {regenerate.variables.which} key issued: the old one no longer works.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Where the keys are kept, said plainly, and the switch to keep them on this device. The
 * gateway's self-service has no sign-in yet, so a subscription whose keys are gone cannot be
 * listed here again (it stays on the gateway, and an administrator can read its keys).
 */
function RememberKeys() {
  const remembered = useWalletRemembered();
  return (
    <div className="apim-remember card">
      <p>
        {remembered
          ? 'Your subscriptions and their keys are remembered on this device: every tab of this browser sees them, until you untick the box. Anyone who uses this browser profile can read them.'
          : 'Your subscriptions and their keys are kept in this tab only. Closing this tab forgets them, and another tab does not see them; the subscriptions stay on the gateway, but this portal cannot list them again without a key.'}
      </p>
      <label className="apim-remember__choice">
        <input
          type="checkbox"
          checked={remembered}
          onChange={(e) => setWalletRemembered(e.target.checked)}
        />{' '}
        Remember on this device
      </label>
    </div>
  );
}
